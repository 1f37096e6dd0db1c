import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The shared org-scope filter: every list/read query over org-owned rows goes through this.
 * `prefixes` comes from scopePrefixes(): null = unrestricted, [] = nothing visible.
 * Each prefix uses the text_pattern_ops index on the path column as a range scan.
 */
export function inScope(column: string, prefixes: string[] | null): Expression<SqlBool> {
  if (prefixes === null) return sql<SqlBool>`true`;
  if (prefixes.length === 0) return sql<SqlBool>`false`;
  const ref = sql.ref(column);
  const parts = prefixes.map((p) => sql<SqlBool>`${ref} LIKE ${escapeLike(p) + '%'}`);
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** Narrow a scope to one subtree the caller asked for (e.g. ?orgId=), keeping the boundary. */
export function narrowScope(prefixes: string[] | null, subtreePath: string): string[] {
  if (prefixes === null) return [subtreePath];
  const inside = prefixes.filter((p) => p.startsWith(subtreePath));
  return prefixes.some((p) => subtreePath.startsWith(p)) ? [subtreePath] : inside;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
