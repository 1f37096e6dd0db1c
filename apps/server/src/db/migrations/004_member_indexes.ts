import { sql, type Kysely } from 'kysely';

/**
 * Fewer indexes on members: every index costs each imported row a random page write (the roster
 * import bench showed index maintenance dominating). Dropped here because something else serves:
 * - members_org_path: a prefix of members_path_id (org_path text_pattern_ops, id), which also
 *   serves the subtree LIKE scans and the keyset roster page;
 * - members_org (org_id, id): no query looks members up by org_id alone (lists go by path).
 * (A joined_at index was never created: the joined-date filter always runs inside a subtree scan.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS members_org_path`.execute(db);
  await sql`DROP INDEX IF EXISTS members_org`.execute(db);
}
