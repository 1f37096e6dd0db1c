import { z } from 'zod';
import { errors } from './errors';

/** Keyset pagination: the cursor is the sort key of the last row, opaque to clients. */
export const pageQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    /* fall through */
  }
  throw errors.field('cursor', '分页游标无效，请从第一页重新加载');
}

/** Fetch limit+1 rows, return a page with the cursor built from the last row shown. */
export function toPage<T, R>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[], map: (row: T) => R) {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { items: shown.map(map), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
