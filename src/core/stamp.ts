/**
 * The one way a cache key (or a validator) is made. A cached body may be served for a key only if
 * the key names everything the body depends on; these are the things bodies here depend on, always
 * in this order:
 *
 * - `reader`: who reads and what they may see (id, admin, role in the community) — for bodies that
 *   differ per reader; leave it out for bodies that are the same for everyone;
 * - `community`: its settings version and its content version (the sum of its `community_stamp` stripes, raised by triggers
 *   on every change a list, board, feed or figure shows), read from PostgreSQL on each request, so
 *   every instance agrees;
 * - `minute`: for bodies that move with the clock (overdue counts, "last 12 months");
 * - `request`: what the request asked (its URL, or its parsed query).
 */
import type { Actor } from './actor';
import type { Role } from './policy';

export interface StampParts {
  reader?: { actor: Actor; role: Role | null };
  community?: { id: string; version?: number; listVersion: number | string };
  /** a content version that is not one community's (e.g. the sum over all of them) */
  content?: string;
  minute?: boolean;
  request?: unknown;
}

export function stamp(p: StampParts, now = Date.now()): string {
  return [
    p.reader ? `${p.reader.actor.id}/${p.reader.actor.isAdmin}/${p.reader.role}` : '-',
    p.community ? `${p.community.id}/${p.community.version ?? '-'}/${p.community.listVersion}` : '-',
    p.content ?? '-',
    p.minute ? Math.floor(now / 60_000) : '-',
    typeof p.request === 'string' ? p.request : JSON.stringify(p.request ?? null),
  ].join(' ');
}
