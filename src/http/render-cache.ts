import type { FastifyReply } from 'fastify';
import type { RenderCacheFigures } from '../metrics';

export type { RenderCacheFigures };

/**
 * What one kept entry costs beyond its body and key: the Buffer's own objects and backing store, the
 * map entry and its record. Measured with 100,000 entries of 100 bytes (70-character keys): 795 bytes
 * of RSS each, 334 of them V8 heap; so body + 2 × key length + 640 is never less than what an entry
 * holds. Counted so that many small entries cannot hold much more than the budget says.
 */
export const ENTRY_OVERHEAD = 640;

/** A body that owns exactly its bytes: a slice of Node's shared 8 KiB pool would keep the whole slab alive. */
export function ownBytes(body: Buffer): Buffer {
  if (body.byteOffset === 0 && body.buffer.byteLength === body.byteLength) return body;
  const own = Buffer.allocUnsafeSlow(body.byteLength);
  body.copy(own);
  return own;
}

interface Entry {
  body: Buffer;
  /** What the entry holds in all: body, key and ENTRY_OVERHEAD. */
  size: number;
  cache: RenderCache;
}

/**
 * Every render cache of an app under one memory budget (RENDER_CACHE_MB): one store, least recently
 * used first out across all caches, so whichever cache is read most keeps its entries and an idle one
 * gives its room away. Sizes count what an entry actually holds (its own bytes, its key, a fixed
 * overhead), so the budget bounds memory, not just the sum of body lengths.
 */
export class RenderCaches {
  private readonly store = new Map<string, Entry>();
  private readonly caches = new Map<string, RenderCache>();
  private bytes = 0;

  /** `budgetBytes` 0 keeps nothing (every request renders): the cache switched off. */
  constructor(readonly budgetBytes: number) {}

  /** The cache named `name` (one per name: entries, bytes, hits and evictions are counted by it). */
  cache(name: string): RenderCache {
    let c = this.caches.get(name);
    if (!c) this.caches.set(name, (c = new RenderCache(this, name)));
    return c;
  }

  figures(): RenderCacheFigures[] {
    return [...this.caches.values()].map((c) => ({
      name: c.name,
      entries: c.entries,
      bytes: c.bytes,
      hits: c.hits,
      misses: c.misses,
      evictions: c.evictions,
    }));
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** @internal */
  lookup(key: string): Buffer | undefined {
    const hit = this.store.get(key);
    if (hit === undefined) return undefined;
    this.store.delete(key);
    this.store.set(key, hit);
    return hit.body;
  }

  /** @internal An entry larger than an eighth of the budget is not kept: it would push out too many others. */
  keep(cache: RenderCache, key: string, body: Buffer): void {
    const size = body.byteLength + key.length * 2 + ENTRY_OVERHEAD;
    if (size > this.budgetBytes / 8) return;
    this.drop(key, false);
    const entry: Entry = { body: ownBytes(body), size, cache };
    this.store.set(key, entry);
    this.bytes += size;
    cache.entries++;
    cache.bytes += size;
    for (const k of this.store.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      this.drop(k, true);
    }
  }

  private drop(key: string, evicted: boolean): void {
    const e = this.store.get(key);
    if (e === undefined) return;
    this.store.delete(key);
    this.bytes -= e.size;
    e.cache.entries--;
    e.cache.bytes -= e.size;
    if (evicted) e.cache.evictions++;
  }
}

/**
 * Rendered response bodies of one kind, keyed by a string that names everything they depend on
 * (including a version read from PostgreSQL on each request, so N instances stay correct), kept in
 * their app's RenderCaches.
 */
export class RenderCache {
  /** Renders under way: concurrent misses of one key wait for one rendering instead of each doing it. */
  private readonly inflight = new Map<string, Promise<Buffer>>();
  entries = 0;
  bytes = 0;
  /** Answers without rendering (kept, or shared with a rendering under way). */
  hits = 0;
  /** Renderings. */
  misses = 0;
  evictions = 0;

  constructor(
    private readonly all: RenderCaches,
    readonly name: string,
  ) {}

  /** Bodies are kept as UTF-8 bytes: encoding a large string on every send is most of its cost. */
  get(key: string): Buffer | undefined {
    return this.all.lookup(`${this.name}\u0000${key}`);
  }

  set(key: string, body: Buffer): void {
    this.all.keep(this, `${this.name}\u0000${key}`, body);
  }

  /** The body for `key`, rendered by `make` on a miss — once, however many requests miss at the same time. */
  async through(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.get(key);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    // Switched off (budget 0), every request renders, as RENDER_CACHE_MB=0 promises: no sharing either.
    if (this.all.budgetBytes === 0) {
      this.misses++;
      return make();
    }
    let pending = this.inflight.get(key);
    if (pending) this.hits++;
    else {
      this.misses++;
      pending = make()
        .then((body) => {
          this.set(key, body);
          return body;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.entries;
  }
}

/**
 * Answers with the cached JSON body for `key`, or renders it (with the route's own serializer, so
 * the response schema still applies), keeps it and answers with it. Concurrent misses of one key
 * share one rendering (the key names everything the body depends on, so any caller's is right).
 */
export async function sendCachedJson(
  reply: FastifyReply,
  cache: RenderCache,
  key: string,
  render: () => Promise<unknown>,
) {
  const body = await cache.through(key, async () => Buffer.from(reply.serialize(await render()) as string));
  return reply.type('application/json; charset=utf-8').send(body);
}
