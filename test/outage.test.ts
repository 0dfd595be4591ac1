/**
 * PostgreSQL goes away under the app (a proxy in front of it is cut) and comes back: every request
 * that needs it answers 503 problem+json with Retry-After at once, nothing is half-written, the log
 * has one line when it goes and one when it is back, and the app recovers by itself.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { PgProxy } from '../scripts/lib/pg-proxy';
import { setup, type Ctx } from './helper';

/** A new API token of the admin's, never used yet, so no credential cache holds it. */
async function freshToken(ctx: Ctx): Promise<string> {
  const res = await ctx.req('POST', `/v1/people/${ctx.admin.id}/tokens`, {
    token: ctx.admin.token,
    body: { name: 'unseen' },
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${res.text}`);
  return res.body.token;
}

interface Line {
  level: number;
  msg: string;
}

t.test('a database outage: 503 with Retry-After, two log lines, recovery by itself', async (t) => {
  const proxy: { p?: Awaited<ReturnType<typeof PgProxy.start>> } = {};
  const lines: Line[] = [];
  const ctx = await setup(t, {
    via: async (url) => (proxy.p = await PgProxy.start(url)).url,
    logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } },
  });
  t.teardown(() => proxy.p?.cut());
  const token = ctx.admin.token;
  t.equal((await ctx.req('GET', '/v1/communities', { token })).status, 200);
  // A token the credential cache has never vouched for: the requests below must ask the database.
  const unseen = await freshToken(ctx);

  await proxy.p!.cut();
  const started = Date.now();
  const answers = await Promise.all([
    ctx.req('GET', '/v1/communities', { token: unseen }),
    ctx.req('POST', '/v1/communities', {
      token: unseen,
      body: { slug: 'lost', name: 'Lost', timeZone: 'Europe/Berlin' },
    }),
    ctx.req('GET', '/v1/me', { token: unseen }),
    ctx.req('GET', '/health/ready', { token: unseen }),
  ]);
  t.ok(Date.now() - started < 5000, 'no request hangs');
  for (const a of answers) {
    t.equal(a.status, 503, a.text);
    t.match(a.headers['content-type'], /application\/problem\+json/);
    t.ok(Number(a.headers['retry-after']) > 0, 'Retry-After');
  }
  // Once the outage is known, requests are answered at once, without trying the pool.
  const fast = await ctx.req('GET', '/v1/communities');
  t.equal(fast.status, 503);
  t.equal(fast.body.code, 'database-unavailable');
  t.equal(answers[0].body.code, 'database-unavailable');
  t.match(answers[0].body.detail, /nothing was changed/);
  t.equal(answers[3].body.code, 'database-unavailable', 'the readiness probe says why');
  t.equal((await ctx.req('GET', '/health/live', { token })).status, 200, 'the process itself is alive');

  const page = await ctx.req('GET', '/c/anything', { headers: { accept: 'text/html' } });
  t.equal(page.status, 503);
  t.match(page.text, /Back in a moment/, 'a browser gets a page');
  const boosted = await ctx.req('POST', '/c/anything/propose', {
    headers: { accept: 'text/html', 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'title=Keep+me',
  });
  t.equal(boosted.status, 503);
  t.equal(boosted.headers['hx-retarget'], '#notice', 'a boosted form keeps what was typed: the notice goes elsewhere');

  await proxy.p!.restore();
  const back = Date.now();
  let status = 0;
  while (status !== 200 && Date.now() - back < 10000) {
    await sleep(50);
    status = (await ctx.req('GET', '/v1/communities', { token })).status;
  }
  t.equal(status, 200, `recovered by itself in ${Date.now() - back} ms`);
  t.equal((await ctx.req('GET', '/health/ready')).status, 200);
  const list = await ctx.req('GET', '/v1/communities', { token });
  t.notOk(
    list.body.items.some((c: { slug: string }) => c.slug === 'lost'),
    'the refused write left nothing behind',
  );
  const created = await ctx.req('POST', '/v1/communities', {
    token,
    body: { slug: 'found', name: 'Found', timeZone: 'Europe/Berlin' },
  });
  t.equal(created.status, 201, 'writes work again');

  const said = lines.filter((l) => l.level >= 40 || /database/.test(l.msg));
  t.equal(said.filter((l) => /database unavailable/.test(l.msg)).length, 1, 'one line when it goes');
  t.equal(said.filter((l) => /database is back after/.test(l.msg)).length, 1, 'one line when it is back');
  t.equal(lines.filter((l) => l.level >= 50).length, 0, 'no error lines, no stack traces');
});

t.test('a database that takes connections and never answers: 503 within seconds, not a hang', async (t) => {
  const proxy: { p?: Awaited<ReturnType<typeof PgProxy.start>> } = {};
  const ctx = await setup(t, { via: async (url) => (proxy.p = await PgProxy.start(url)).url });
  t.teardown(() => proxy.p?.cut());
  const unseen = await freshToken(ctx);
  await proxy.p!.silence();
  const started = Date.now();
  const res = await ctx.req('GET', '/v1/communities', { token: unseen });
  const took = Date.now() - started;
  t.equal(res.status, 503);
  t.ok(took < 8000, `answered in ${took} ms`);
  await proxy.p!.restore();
  let status = 0;
  const back = Date.now();
  while (status !== 200 && Date.now() - back < 15000) {
    await sleep(50);
    status = (await ctx.req('GET', '/v1/communities', { token: ctx.admin.token })).status;
  }
  t.equal(status, 200, 'and back when it answers again');
});
