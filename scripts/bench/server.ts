/**
 * The server under benchmark: the real app (logger off) on DATABASE_URL, plus the baseline route
 * `GET /bench/baseline` that runs SELECT 1 on the same pool and returns a constant JSON, and
 * `GET /bench/static` that returns the bytes of BENCH_STATIC_PATH (fetched once) from memory.
 */
import { buildApp } from '../../src/app';
import { createDataSource } from '../../src/db/data-source';

async function main() {
  const ds = createDataSource(process.env.DATABASE_URL!, Number(process.env.DB_POOL_SIZE ?? 10));
  await ds.initialize();
  const app = await buildApp({ ds, config: { bodyLimitBytes: 262144, publicUrl: 'http://127.0.0.1' } });
  app.get('/bench/baseline', { config: { public: true }, schema: { hide: true } }, async () => {
    await ds.query('SELECT 1');
    return { ok: true };
  });
  let statik: { body: Buffer; type: string } | null = null;
  app.get('/bench/static', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    if (!statik) {
      const res = await app.inject({ method: 'GET', url: process.env.BENCH_STATIC_PATH ?? '/health/live' });
      statik = { body: res.rawPayload, type: String(res.headers['content-type']) };
    }
    return reply.type(statik.type).send(statik.body);
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
