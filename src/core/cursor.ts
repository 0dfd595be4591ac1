/**
 * Keyset pagination: a cursor is the sort key of the last item, base64url-encoded JSON; it is opaque
 * to clients and checked on the way back in. Lists fetch limit+1 rows and call pageOf().
 */
import { BadRequest } from './errors';

export type Cursor = (string | number | null)[];

export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** `types` names each position's type; anything else is a 400 `bad-cursor`. */
export function decodeCursor(raw: string | undefined, types: ('string' | 'number')[]): Cursor | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === types.length &&
    parsed.every((v, i) => typeof v === types[i] && (typeof v !== 'number' || Number.isFinite(v)));
  if (!ok) throw new BadRequest('bad-cursor', 'The cursor is not one this list gave out; start again without it.');
  return parsed as Cursor;
}

/** Fetch limit+1 rows, then call this: it trims the extra row and makes the next cursor. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  key: (r: R) => Cursor,
  map: (r: R) => T,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}
