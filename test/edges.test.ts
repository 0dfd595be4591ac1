/**
 * Trust at the edges (issue #26, items 1 and 2): a real proxy hop in front of the app and
 * forged forwarding headers from a peer that is no proxy; hostile `next` and `back` values on every
 * route that redirects to one. Items 3 and 6: sign-in-limits.test.ts, member-privacy.test.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { buildApp } from '../src/app';
import { ConfigError, defaultAuth, loadConfig } from '../src/config';
import { localPath } from '../src/http/local-path';
import { createSignInLink } from '../src/modules/auth/links';
import { community, setup, submitted, type Ctx } from './helper';
import { MAIL_SETTINGS, smtpSink, worker } from './mail-helper';

const BASE = 'http://brownbag.test';
const FORM = 'application/x-www-form-urlencoded';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

/** Every value below must land on this site, whatever a browser makes of it. */
const HOSTILE = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  '/c/..//evil.example',
  '/c/x/../..//evil.example',
  '/%2e%2e//evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%5Cevil.example',
  '/%5c%5cevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/c/\t/evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  ' //evil.example',
  '',
];

/** A Location stays on this site: a path with one leading slash, nothing a browser reads as a host. */
const sameSite = (location: unknown) =>
  typeof location === 'string' &&
  location.startsWith('/') &&
  !/^[/\\]{2}/.test(location) &&
  !/[\\\t\r\n]/.test(location) &&
  new URL(location, BASE).origin === BASE;

async function browser(ctx: Ctx, personId: string) {
  const s = await ctx.app.services.sessions.start(personId, 'email-link', 'test');
  const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: `bb_session=${s.secret}` } });
  return { cookie: `bb_session=${s.secret}`, csrf: String(me.headers['x-csrf-token']) };
}

t.test('TRUST_PROXY is parsed in config: addresses and CIDRs, never "everyone" or a hop count', async (t) => {
  t.equal(loadConfig({}).trustProxy, false, 'unset: no proxy is believed');
  t.same(loadConfig({ TRUST_PROXY: '172.28.0.10' }).trustProxy, ['172.28.0.10']);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).trustProxy, [
    '10.0.0.0/8',
    'fd00::/8',
    'loopback',
  ]);
  for (const bad of ['true', '1', '2', '10.0.0.0/33', 'caddy', '10.0.0.1/8/2', '::1/129'])
    t.throws(() => loadConfig({ TRUST_PROXY: bad }), { constructor: ConfigError, message: /TRUST_PROXY/ }, bad);
});

t.test('behind a real proxy hop', async (t) => {
  const ctx = await setup(t);
  const app = await buildApp({
    ds: ctx.ds,
    config: { bodyLimitBytes: 262144, publicUrl: BASE, trustProxy: ['127.0.0.1'] },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const appPort = (app.server.address() as AddressInfo).port;

  // The proxy: takes what a client sends, appends the client's address to X-Forwarded-For (as
  // Caddy and nginx do), says the original request was https (TLS ended here), and forwards it.
  const proxy = http.createServer((req, res) => {
    const xff = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const up = http.request(
      {
        host: '127.0.0.1',
        port: appPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': xff, 'x-forwarded-proto': 'https' },
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  const proxyPort = (proxy.address() as AddressInfo).port;

  /** One request from the client address `from` (127.0.0.x: Linux routes all of 127/8 to loopback). */
  const send = (
    port: number,
    from: string,
    o: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  ) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port, localAddress: from, method: o.method ?? 'GET', path: o.path, headers: o.headers },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      r.on('error', reject);
      r.end(o.body);
    });
  const ask = (port: number, from: string, email: string, headers: Record<string, string> = {}) =>
    send(port, from, {
      method: 'POST',
      path: '/sign-in/email',
      headers: { 'content-type': FORM, ...headers },
      body: form({ email }),
    });

  await t.test('the sign-in limit counts each real client behind the proxy apart', async (t) => {
    const codes: number[] = [];
    // A client behind the proxy may forge X-Forwarded-For too: only the proxy's own entry is believed.
    for (let i = 0; i < 11; i++)
      codes.push(
        (await ask(proxyPort, '127.0.0.2', `a${i}@x.example`, { 'x-forwarded-for': `198.51.100.${i}` })).status,
      );
    t.same(codes, [...Array(10).fill(303), 429], 'the eleventh from one client is refused');
    t.equal((await ask(proxyPort, '127.0.0.4', 'b@x.example')).status, 303, 'another client is not');
  });

  await t.test('forged forwarding headers from a peer that is no proxy change nothing', async (t) => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (
          await ask(appPort, '127.0.0.3', `c${i}@x.example`, {
            'x-forwarded-for': `203.0.113.${i}`,
            'x-forwarded-proto': 'https',
          })
        ).status,
      );
    t.same(codes, [...Array(10).fill(303), 429], 'one client, whatever address it claims');
  });

  await t.test('the session cookie is Secure and __Host- when the original request was https', async (t) => {
    const who = await ctx.person('cookie@x.example', 'Cora Cookie');
    const token = (url: string) => decodeURIComponent(new URL(url).searchParams.get('token')!);
    const link = () => createSignInLink(ctx.ds, BASE, who.email, '/', 15).then(token);
    const press = async (port: number, from: string, headers: Record<string, string> = {}) => {
      const r = await send(port, from, {
        method: 'POST',
        path: '/sign-in/link',
        headers: { 'content-type': FORM, ...headers },
        body: form({ token: await link() }),
      });
      t.equal(r.status, 303);
      return ([] as string[]).concat(r.headers['set-cookie'] ?? []).join('\n');
    };
    const viaProxy = await press(proxyPort, '127.0.0.5');
    t.match(viaProxy, /^__Host-bb_session=[^;]+;.*Secure/m, 'through the proxy that says https');
    const secret = /__Host-bb_session=([^;]+)/.exec(viaProxy)![1];
    const me = await send(proxyPort, '127.0.0.5', {
      path: '/v1/me',
      headers: { cookie: `__Host-bb_session=${secret}` },
    });
    t.equal(me.status, 200, 'and it signs the browser in');
    t.equal(JSON.parse(me.body).email, who.email);

    const forged = await press(appPort, '127.0.0.6', { 'x-forwarded-proto': 'https' });
    t.match(forged, /^bb_session=/m, 'a forged X-Forwarded-Proto from anyone else is ignored');
    t.notMatch(forged, /Secure/);
  });
});

t.test('redirect targets: only same-origin paths, on every route that takes one', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const proposal = await submitted(ctx, c, 'A talk to review');

  await t.test('the shared function', async (t) => {
    for (const v of HOSTILE) t.equal(localPath(v), '/', JSON.stringify(v));
    t.equal(localPath('/c/guild/review?x=1#top'), '/c/guild/review?x=1#top');
    t.equal(localPath('/a/./b/../c'), '/a/c', 'dot segments resolved, still here');
  });

  await t.test('GET /sign-in?next= for a signed-in browser', async (t) => {
    const b = await browser(ctx, c.member.id);
    for (const v of HOSTILE) {
      const r = await ctx.app.inject({
        method: 'GET',
        url: `/sign-in?next=${encodeURIComponent(v)}`,
        headers: { cookie: b.cookie },
      });
      t.equal(r.statusCode, 303, JSON.stringify(v));
      t.equal(r.headers.location, '/', JSON.stringify(v));
    }
  });

  await t.test('GET /sign-in?next= renders only a safe next into its forms', async (t) => {
    for (const v of ['/..//evil.example', '/%2F/evil.example', '/\\evil.example']) {
      const r = await ctx.app.inject({ method: 'GET', url: `/sign-in?next=${encodeURIComponent(v)}` });
      t.equal(r.statusCode, 200);
      t.notMatch(r.body, /evil\.example/, JSON.stringify(v));
    }
  });

  await t.test('a sign-in link whose stored next is hostile lands on this site', async (t) => {
    for (const v of HOSTILE) {
      const url = await createSignInLink(ctx.ds, BASE, c.member.email, v, 15);
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/sign-in/link',
        headers: { 'content-type': FORM },
        payload: form({ token: decodeURIComponent(new URL(url).searchParams.get('token')!) }),
        remoteAddress: `10.9.${HOSTILE.indexOf(v)}.1`,
      });
      t.equal(r.statusCode, 303, JSON.stringify(v));
      t.equal(r.headers.location, '/', JSON.stringify(v));
    }
  });

  await t.test('POST /sign-in/email keeps only a safe next in the link it mails', async (t) => {
    const sink = await smtpSink(t);
    await worker(t, ctx, sink.url, 2, { ...MAIL_SETTINGS, auth: defaultAuth });
    for (const [i, v] of ['/..//evil.example', '/%5Cevil.example', '/\t/evil.example'].entries()) {
      const who = await ctx.person(`next${i}@guild.example`);
      const asked = await ctx.app.inject({
        method: 'POST',
        url: '/sign-in/email',
        headers: { 'content-type': FORM },
        payload: form({ email: who.email, next: v }),
        remoteAddress: `10.8.0.${i}`,
      });
      t.equal(asked.statusCode, 303);
      const [m] = await sink.waitFor((r) => r.to.includes(who.email));
      const token = /token=([A-Za-z0-9_%-]+)/.exec(m.mail.text ?? '')![1];
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/sign-in/link',
        headers: { 'content-type': FORM },
        payload: form({ token: decodeURIComponent(token) }),
        remoteAddress: `10.8.1.${i}`,
      });
      t.equal(r.headers.location, '/', JSON.stringify(v));
    }
  });

  await t.test("the review form's next and the task form's back", async (t) => {
    const b = await browser(ctx, c.reviewer.id);
    for (const v of HOSTILE) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: `/proposals/${proposal}/review`,
        headers: { 'content-type': FORM, cookie: b.cookie, origin: BASE },
        payload: form({ _csrf: b.csrf, score: '4', next: v }),
      });
      t.equal(r.statusCode, 303, JSON.stringify(v));
      t.ok(sameSite(r.headers.location), `${JSON.stringify(v)} → ${r.headers.location}`);
      t.equal(r.headers.location, `/proposals/${proposal}`);
    }
    const ok = await ctx.app.inject({
      method: 'POST',
      url: `/proposals/${proposal}/review`,
      headers: { 'content-type': FORM, cookie: b.cookie, origin: BASE },
      payload: form({ _csrf: b.csrf, score: '4', next: '/c/guild/review' }),
    });
    t.equal(ok.headers.location, '/c/guild/review', 'the review queue is still where it goes back to');

    await ctx.req('POST', `/v1/proposals/${proposal}/transitions`, {
      token: c.organizer.token,
      body: { to: 'accepted' },
    });
    const tasks = (await ctx.req('GET', `/v1/proposals/${proposal}/tasks`, { token: c.organizer.token })).body
      .items as { id: string }[];
    const o = await browser(ctx, c.organizer.id);
    for (const [i, v] of ['/c/guild/tasks/..//evil.example', '//evil.example', '/c/guild/tasks\t'].entries()) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: `/tasks/${tasks[i].id}/done`,
        headers: { 'content-type': FORM, cookie: o.cookie, origin: BASE },
        payload: form({ _csrf: o.csrf, back: v }),
      });
      t.equal(r.statusCode, 303, JSON.stringify(v));
      t.equal(r.headers.location, `/proposals/${proposal}`, JSON.stringify(v));
    }
  });
});
