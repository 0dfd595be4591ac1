/**
 * The server under benchmark: the real app (logger off) on DATABASE_URL, plus the baseline route
 * `GET /bench/baseline` that runs SELECT 1 on the same pool and returns a constant JSON.
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
