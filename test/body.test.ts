/**
 * What the HTTP layer refuses before a route runs, as problem+json: a JSON body that is not UTF-8, a
 * URL Fastify cannot route (414, 400), a request that arrives while the instance shuts down,
 * and headers or a URL too large for the server (a real socket: the HTTP parser refuses those
 * before Fastify sees a request).
 */
import { request } from 'node:http';
import t from 'tap';
import { setup } from './helper';

t.test('bodies and oversized requests', async (t) => {
  const ctx = await setup(t);
  const bad = await ctx.app.inject({
    method: 'PATCH',
    url: '/v1/me',
    headers: { authorization: `Bearer ${ctx.admin.token}`, 'content-type': 'application/json' },
    payload: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"name":"\xff\xfe"}
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.headers['content-type'], /problem\+json/);
  t.match(bad.json().detail, 'not valid UTF-8');
  const me = await ctx.req('GET', '/v1/me', { token: ctx.admin.token });
  t.not(me.body.name, '\ufffd\ufffd', 'nothing changed');
  const ok = await ctx.req('PATCH', '/v1/me', { token: ctx.admin.token, body: { name: 'Zoë Ünal' } });
  t.equal(ok.body.name, 'Zoë Ünal', 'valid UTF-8 passes as before');
  const poisoned = await ctx.app.inject({
    method: 'PATCH',
    url: '/v1/me',
    headers: { authorization: `Bearer ${ctx.admin.token}`, 'content-type': 'application/json' },
    payload: '{"__proto__":{"isAdmin":true}}',
  });
  t.equal(poisoned.statusCode, 400, 'prototype poisoning is refused as before');

  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (ctx.app.server.address() as { port: number }).port;
  const huge = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/v1/me?x=${'a'.repeat(20000)}` }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
  t.equal(huge.status, 431);
  t.match(huge.type, /problem\+json/);
  t.match(JSON.parse(huge.body), { status: 431, code: 'headers-too-large' });
});

t.test('a path segment longer than any identifier: 414 problem+json', async (t) => {
  const ctx = await setup(t);
  const long = await ctx.req('GET', `/v1/proposals/${'a'.repeat(300)}`, { token: ctx.admin.token });
  t.equal(long.status, 414);
  t.match(long.headers['content-type'], /problem\+json/);
  t.match(long.body, { status: 414, code: 'uri-too-long' });
  const bad = await ctx.req('GET', '/v1/proposals/%E0%A4%A', { token: ctx.admin.token });
  t.equal(bad.status, 400, 'a URL that does not decode');
  t.match(bad.headers['content-type'], /problem\+json/);
});

t.test('shutting down: what still arrives after the drain time is refused as problem+json', async (t) => {
  const ctx = await setup(t);
  ctx.app.lifecycle.refusing = true;
  const res = await ctx.req('GET', '/v1/communities', { token: ctx.admin.token });
  ctx.app.lifecycle.refusing = false;
  t.equal(res.status, 503);
  t.match(res.headers['content-type'], /problem\+json/);
  t.equal(res.body.code, 'shutting-down');
  t.equal(res.headers.connection, 'close');
  t.ok(Number(res.headers['retry-after']) >= 1);
  ctx.app.lifecycle.draining = true;
  const ready = await ctx.req('GET', '/health/ready');
  const served = await ctx.req('GET', '/v1/communities', { token: ctx.admin.token });
  ctx.app.lifecycle.draining = false;
  t.equal(ready.status, 503, 'while draining, the load balancer is told to send no more');
  t.equal(ready.body.code, 'shutting-down');
  t.equal(served.status, 200, 'while draining, requests are still served');
  t.equal(served.headers.connection, 'close', '… and the client is told to reconnect');
});
