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

t.test('request ids: in the response header, in problem bodies, and taken from a proxy when sane', async (t) => {
  const lines: { reqId?: string; msg?: string; method?: string; route?: string; status?: number; ms?: number }[] = [];
  const ctx = await setup(t, {
    logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } },
  });
  const missing = await ctx.req('GET', '/v1/nope');
  t.match(missing.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'a UUID of its own');
  t.equal(missing.body.requestId, missing.headers['x-request-id'], 'the problem names it');
  t.ok(
    lines.some((l) => l.reqId === missing.body.requestId && /request completed/.test(l.msg ?? '')),
    'and the log lines carry it',
  );
  const of = (id: string) => lines.filter((l) => l.reqId === id);
  t.equal(of(missing.body.requestId).length, 1, 'one line per request');
  t.match(of(missing.body.requestId)[0], { method: 'GET', route: 'unmatched', status: 404, ms: Number });
  const probe = await ctx.req('GET', '/health/live');
  t.equal(of(String(probe.headers['x-request-id'])).length, 0, 'none for health probes (LOG_PROBES=on logs them)');
  const kept = await ctx.req('GET', '/v1/nope', { headers: { 'x-request-id': 'lb-7f3a.42' } });
  t.equal(kept.headers['x-request-id'], 'lb-7f3a.42', "a proxy's id is kept");
  t.equal(kept.body.requestId, 'lb-7f3a.42');
  const odd = await ctx.req('GET', '/v1/nope', { headers: { 'x-request-id': 'a b<script>' } });
  t.match(odd.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an odd one is replaced');
});
