/**
 * Render caches hold what their budget says: small bodies do not keep Node's shared 8 KiB pool slabs
 * alive, every cache shares one budget, the least recently used entries go first, and /metrics shows
 * each cache's figures and the process's memory.
 */
import t from 'tap';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Metrics } from '../src/metrics';
import { ENTRY_OVERHEAD, RenderCaches, ownBytes } from '../src/http/render-cache';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const arrayBuffers = () => {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
};
const MiB = 1024 * 1024;

t.test('many small entries stay within the budget (external memory measured)', async (t) => {
  const budget = 8 * MiB;
  const caches = new RenderCaches(budget);
  const search = caches.cache('search');
  const before = arrayBuffers();
  // 20,000 search answers of ~600 bytes (12 MiB of bodies), each made as a route makes it
  // (Buffer.from of a short string: a slice of the shared pool), with other work drawing from the
  // same pool in between, as requests do on a server.
  let garbage = 0;
  for (let i = 0; i < 20_000; i++) {
    const key = `search v${i} q=word${i} limit=5`;
    await search.through(key, async () =>
      Buffer.from(JSON.stringify({ items: [{ id: i, title: `Talk ${i}`, snippet: 'x'.repeat(540) }] })),
    );
    garbage += Buffer.allocUnsafe(3500).length + Buffer.allocUnsafe(3500).length;
  }
  const held = arrayBuffers() - before;
  t.ok(garbage > 0);
  t.ok(caches.totalBytes <= budget, `counted ${caches.totalBytes} ≤ budget ${budget}`);
  t.ok(held <= budget, `external memory held by the cache: ${(held / MiB).toFixed(1)} MiB ≤ ${budget / MiB} MiB`);
  const [f] = caches.figures();
  t.equal(f.misses, 20_000);
  t.ok(f.evictions > 0, 'entries were pushed out to stay within the budget');
  t.equal(f.entries + f.evictions, 20_000);
});

t.test('a body owns exactly its bytes', async (t) => {
  const small = Buffer.from('a small body');
  t.ok(small.buffer.byteLength > small.length, 'Buffer.from of a short string is a pool slice');
  const own = ownBytes(small);
  t.equal(own.buffer.byteLength, own.length);
  t.same(own, small);
  const big = Buffer.alloc(10_000);
  t.equal(ownBytes(big), big, 'a buffer that owns its memory is kept as is');
});

t.test('one budget for all caches; the least recently used entries go first', async (t) => {
  const body = Buffer.alloc(1000, 1);
  const size = (key: string) => body.length + (key.length + 1 + 4) * 2 + ENTRY_OVERHEAD; // "name\0key"
  const caches = new RenderCaches(size('a') * 8);
  const feeds = caches.cache('feed');
  const pages = caches.cache('page');
  feeds.set('a', body);
  for (let i = 0; i < 20; i++) {
    t.ok(feeds.get('a'), 'a feed read between page renders stays');
    pages.set(String(i % 10), body);
  }
  t.ok(caches.totalBytes <= caches.budgetBytes);
  const [f, p] = caches.figures();
  t.equal(f.entries, 1);
  t.equal(f.evictions, 0);
  t.equal(p.entries, 7);
  t.ok(p.evictions > 0);
  t.equal(caches.cache('feed'), feeds, 'one cache per name');
});

t.test('a budget of 0 keeps nothing; concurrent misses render once', async (t) => {
  const off = new RenderCaches(0).cache('search');
  let renders = 0;
  const make = async () => (renders++, Buffer.from('x'));
  await off.through('k', make);
  await off.through('k', make);
  t.equal(renders, 2);
  t.equal(off.size, 0);

  const on = new RenderCaches(MiB).cache('search');
  renders = 0;
  await Promise.all([on.through('k', make), on.through('k', make), on.through('k', make)]);
  await on.through('k', make);
  t.equal(renders, 1);
  t.match({ hits: on.hits, misses: on.misses }, { hits: 3, misses: 1 });
});

t.test('/metrics shows each cache and the process memory', async (t) => {
  const caches = new RenderCaches(MiB);
  const c = caches.cache('search');
  await c.through('a', async () => Buffer.from('hello'));
  await c.through('a', async () => Buffer.from('hello'));
  const metrics = new Metrics();
  metrics.watchRenderCaches(caches);
  const text = await metrics.registry.metrics();
  t.match(text, /brownbag_render_cache_entries\{cache="search"\} 1\b/);
  t.match(text, new RegExp(`brownbag_render_cache_bytes\\{cache="search"\\} ${c.bytes}\\b`));
  t.match(text, /brownbag_render_cache_hits_total\{cache="search"\} 1\b/);
  t.match(text, /brownbag_render_cache_misses_total\{cache="search"\} 1\b/);
  t.match(text, /brownbag_render_cache_evictions_total\{cache="search"\} 0\b/);
  t.match(text, /brownbag_render_cache_hit_ratio\{cache="search"\} 0\.5\b/);
  t.match(text, /brownbag_render_cache_budget_bytes 1048576\b/);
  for (const kind of ['rss', 'heap_used', 'heap_total', 'external', 'array_buffers'])
    t.match(text, new RegExp(`brownbag_process_memory_bytes\\{kind="${kind}"\\} \\d+`));
});
