/**
 * The server under benchmark: the real app configured as `npm start` configures it (loadConfig from
 * the environment: LOG_LEVEL, info by default, one line per request to stdout; RENDER_CACHE_MB, 0 for
 * the uncached rows; DB_POOL_SIZE) on DATABASE_URL — without the job worker — plus the two baselines:
 * `GET /bench/baseline` runs a named SELECT 1 on the app's pool (db/sql.ts: the cheapest database
 * call the app makes) and returns a constant JSON, `GET /bench/constant` returns it without the
 * database; and
 * `GET /bench/static` (and `/bench/static-304`) that answer a route's bytes (or 304) from memory.
 */
import { buildApp } from '../../src/app';
import { createDataSource } from '../../src/db/data-source';
import { sql } from '../../src/db/sql';
import { loadConfig } from '../../src/config';

async function main() {
  // The public URL the benches' requests name as their origin (the port is picked at listen).
  const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1', ...process.env });
  const ds = createDataSource(process.env.DATABASE_URL!, config.dbPoolSize, config.dbPlanCacheMode);
  await ds.initialize();
  const app = await buildApp({ ds, config, logger: { level: config.logLevel } });
  app.get('/bench/baseline', { config: { public: true }, schema: { hide: true } }, async () => {
    await sql(ds.manager, 'SELECT 1');
    return { ok: true };
  });
  // What the render caches did (hits, misses per cache): the mix reports its hit rate from these.
  app.get('/bench/caches', { config: { public: true }, schema: { hide: true } }, async () =>
    app.services.renderCaches.figures(),
  );
  app.get('/bench/constant', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  // The same work from memory, for a route under test: its exact bytes (200), or a 304 to the same
  // If-None-Match; `?path=` names the route (fetched once), BENCH_STATIC_PATH is the default.
  const kept = new Map<string, { body: Buffer; type: string; etag: string }>();
  const copyOf = async (path: string) => {
    let k = kept.get(path);
    if (!k) {
      const res = await app.inject({ method: 'GET', url: path });
      k = { body: res.rawPayload, type: String(res.headers['content-type']), etag: String(res.headers.etag ?? '') };
      kept.set(path, k);
    }
    return k;
  };
  const pathOf = (q: unknown) => (q as { path?: string }).path ?? process.env.BENCH_STATIC_PATH ?? '/health/live';
  app.get('/bench/static', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const k = await copyOf(pathOf(req.query));
    return reply.type(k.type).send(k.body);
  });
  app.get('/bench/static-304', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const k = await copyOf(pathOf(req.query));
    reply.header('etag', k.etag);
    if (req.headers['if-none-match'] === k.etag) return reply.code(304).send();
    return reply.type(k.type).send(k.body);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: (app.server.address() as { port: number }).port });
  process.on('SIGTERM', async () => {
    await app.close();
    await ds.destroy();
    process.exit(0);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
