/** Keyset pagination on the wire: `?limit=&cursor=` → `{ items, nextCursor }` (cursors: core/cursor.ts). */
import { Type, type Static, type TSchema } from 'typebox';

/** The one place for list defaults: 50 items a page, at most 200. */
export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export type PageResult<T extends TSchema> = Static<ReturnType<typeof Page<T>>>;

/** The page size a request asked for, or the default. */
export const pageSize = (q: { limit?: number }, fallback = PAGE_SIZE) => q.limit ?? fallback;
