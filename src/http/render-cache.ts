import type { FastifyReply } from 'fastify';

/**
 * Rendered response bodies, keyed by a string that names everything they depend on (including a
 * version read from PostgreSQL on each request, so N instances stay correct), least recently
 * used first out, bounded in bytes.
 */
export class RenderCache {
  private readonly entries = new Map<string, Buffer>();
  /** Renders under way: concurrent misses of one key wait for one rendering instead of each doing it. */
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** Bodies are kept as UTF-8 bytes: encoding a large string on every send is most of its cost. */
  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) this.bytes -= old.length;
    this.entries.delete(key);
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  /** The body for `key`, rendered by `make` on a miss — once, however many requests miss at the same time. */
  async through(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    let pending = this.inflight.get(key);
    if (!pending) {
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
    return this.entries.size;
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
