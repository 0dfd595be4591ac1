import t from 'tap';
import { setup } from './helper';

t.test('health and docs', async (t) => {
  const ctx = await setup(t);
  const live = await ctx.req('GET', '/health/live');
  t.equal(live.status, 200);
  const ready = await ctx.req('GET', '/health/ready');
  t.same(ready.body, { status: 'ok' });
  const doc = await ctx.req('GET', '/openapi.json');
  t.equal(doc.body.openapi, '3.1.0');
  const docs = await ctx.req('GET', '/docs/');
  t.equal(docs.status, 200, 'docs UI');
  const missing = await ctx.req('GET', '/nope');
  t.equal(missing.status, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/);
  t.equal(missing.body.code, 'not-found');
});

t.test('ready is 503 when a migration is pending', async (t) => {
  const ctx = await setup(t);
  await ctx.ds.query(`DELETE FROM typeorm_migrations`);
  const ready = await ctx.req('GET', '/health/ready');
  t.equal(ready.status, 503);
  t.match(ready.body.detail, /migrations pending: Foundation/);
});
