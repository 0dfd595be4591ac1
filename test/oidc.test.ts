/**
 * Sign-in through a real OpenID provider: oidc-provider on loopback, started here, and Brownbag
 * listening on a port of its own. A small cookie-keeping browser follows the whole redirect chain
 * over HTTP — our sign-in start, the provider's login and consent forms, the code coming back —
 * and the token endpoint, discovery and JWKS are the provider's own (nothing stubbed).
 */
import { generateKeyPairSync } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Provider from 'oidc-provider';
import t from 'tap';

/** What the helpers below use of a tap test. */
interface Test {
  teardown(fn: () => unknown): void;
  ok(...a: any[]): unknown;
  equal(...a: any[]): unknown;
  match(...a: any[]): unknown;
  notMatch(...a: any[]): unknown;
}
import { defaultAuth, type AuthConfig } from '../src/config';
import { setup, type Ctx } from './helper';

interface Account {
  email?: string;
  email_verified?: boolean;
  name?: string;
  department?: string;
}

/** The provider's signing key (oidc-provider ships none that signs). */
const SIGNING_KEY = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'test-key',
  use: 'sig',
  alg: 'RS256',
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function startProvider(
  t: Test,
  callback: string,
  accounts: Record<string, Account>,
  opts: { clockBehindSeconds?: number } = {},
) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  if (opts.clockBehindSeconds) return startProviderProcess(t, port, callback, accounts, opts.clockBehindSeconds);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'brownbag',
        client_secret: 'brownbag-secret',
        redirect_uris: [callback],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'department'] },
    conformIdTokenClaims: false, // claims in the ID token, as Keycloak and Entra ID do
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
    jwks: { keys: [SIGNING_KEY] },
    ttl: { IdToken: () => 3600, Session: 600, Interaction: 600, Grant: 600 },
  });
  provider.on('server_error', (_ctx, err) => console.error('provider:', err));
  const server = provider.listen(port);
  await new Promise((r) => server.once('listening', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  return issuer;
}

/** The same provider in a child process whose clock runs `behind` seconds late. */
async function startProviderProcess(
  t: Test,
  port: number,
  callback: string,
  accounts: Record<string, Account>,
  behind: number,
) {
  const code = `
    const real = Date.now;
    Date.now = () => real() - ${behind * 1000};
    const { default: Provider } = await import(${JSON.stringify(require.resolve('oidc-provider'))});
    const o = JSON.parse(process.env.PROVIDER);
    const p = new Provider(o.issuer, {
      clients: [{ client_id: 'brownbag', client_secret: 'brownbag-secret', redirect_uris: [o.callback],
                  grant_types: ['authorization_code'], response_types: ['code'] }],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      conformIdTokenClaims: false,
      findAccount: async (_c, sub) => ({ accountId: sub, claims: async () => ({ sub, ...o.accounts[sub] }) }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['test-cookie-key'] },
      jwks: { keys: [o.key] },
      ttl: { IdToken: () => 600, Session: 600, Interaction: 600, Grant: 600 },
    });
    p.listen(o.port, '127.0.0.1', () => console.log('ready'));`;
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, PROVIDER: JSON.stringify({ issuer, callback, accounts, port, key: SIGNING_KEY }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => void child.kill());
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (c) => reject(new Error(`provider exited ${c}`)));
  });
  return issuer;
}

/** A browser: keeps cookies per origin, follows redirects, fills and submits the provider's forms. */
function browser() {
  const jar = new Map<string, Map<string, string>>();
  const keep = (url: URL, res: Response) => {
    const store = jar.get(url.origin) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) store.delete(pair.slice(0, i));
      else store.set(pair.slice(0, i), value);
    }
    jar.set(url.origin, store);
  };
  const send = async (url: string, init: RequestInit = {}) => {
    const u = new URL(url);
    const cookie = [...(jar.get(u.origin) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) },
    });
    keep(u, res);
    return res;
  };
  return {
    jar,
    send,
    /** Follows redirects and submits forms (login as `login`, then consent) until a page that is not the provider's. */
    async run(start: string, login: string, stopAt: string, intercept?: (url: string) => string | Promise<string>) {
      let url = start;
      let init: RequestInit = {};
      for (let hops = 0; hops < 20; hops++) {
        const res = await send(url, init);
        init = {};
        const location = res.headers.get('location');
        if (location) {
          url = new URL(location, url).href;
          if (url.startsWith(stopAt) && intercept) url = await intercept(url);
          continue;
        }
        const body = await res.text();
        const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(body);
        if (!form || url.startsWith(stopAt)) return { url, status: res.status, body };
        const fields: Record<string, string> = {};
        for (const [tag] of body.matchAll(/<input[^>]*>/g)) {
          const name = /name="([^"]+)"/.exec(tag)?.[1];
          if (name) fields[name] = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
        }
        if ('login' in fields) Object.assign(fields, { login, password: 'any' });
        url = new URL(form[1].replace(/&amp;/g, '&'), url).href;
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        };
      }
      throw new Error('too many hops');
    },
  };
}

async function brownbag(
  t: Test,
  accounts: Record<string, Account>,
  opts: { clockBehindSeconds?: number; issuerHost?: string; domains?: string[] } = {},
) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const issuer = await startProvider(t, `${base}/sign-in/oidc/callback`, accounts, opts);
  const auth: AuthConfig = {
    ...defaultAuth,
    emailSignIn: false,
    allowedEmailDomains: opts.domains ?? [],
    oidc: {
      issuer: opts.issuerHost ? issuer.replace('127.0.0.1', opts.issuerHost) : issuer,
      clientId: 'brownbag',
      clientSecret: 'brownbag-secret',
      name: 'Corp SSO',
    },
  };
  const ctx = await setup(t, { auth, publicUrl: base });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  return { ctx, base, issuer };
}

const sessionOf = (b: ReturnType<typeof browser>, base: string) => b.jar.get(base)?.get('bb_session');
const people = (ctx: Ctx, email: string) =>
  ctx.ds.query('SELECT id, name, department FROM person WHERE email = $1', [email]);
const sessions = async (ctx: Ctx) => Number((await ctx.ds.query('SELECT count(*) FROM session'))[0].count);

t.test('sign-in with OpenID Connect against a real provider', async (t) => {
  const accounts: Record<string, Account> = {
    ada: { email: 'Ada@Corp.example', email_verified: true, name: 'Ada Lovelace', department: 'Engines' },
    una: { email: 'una@corp.example', email_verified: false, name: 'Una Verified' },
  };
  const { ctx, base, issuer } = await brownbag(t, accounts);
  const callback = `${base}/sign-in/oidc/callback`;

  await t.test('the sign-in page offers the provider', async (t) => {
    const page = await (await fetch(`${base}/sign-in`)).text();
    t.match(page, 'Sign in with Corp SSO');
    t.notMatch(page, 'action="/sign-in/email"', 'e-mail sign-in is off beside a provider unless asked for');
  });

  let adaId = '';
  await t.test('first sign-in creates the person; the session works', async (t) => {
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc?next=/v1/me`, 'ada', `${base}/v1/me`);
    t.equal(new URL(end.url).pathname, '/v1/me', 'back where the sign-in started');
    t.equal(end.status, 200);
    const me = JSON.parse(end.body);
    t.equal(me.email, 'ada@corp.example');
    t.equal(me.name, 'Ada Lovelace');
    const [p] = await people(ctx, 'ada@corp.example');
    t.equal(p.department, 'Engines', 'department from the provider');
    adaId = p.id;
    const [id] = await ctx.ds.query('SELECT issuer, subject FROM person_identity WHERE person_id = $1', [adaId]);
    t.same(id, { issuer, subject: 'ada' });
  });

  await t.test('a hostile next lands on this site after the round trip (issue #26)', async (t) => {
    for (const v of [
      '/..//evil.example',
      '/a/..//evil.example',
      '/%2F/evil.example',
      '/\\evil.example',
      '//evil.example',
    ]) {
      const b = browser();
      const end = await b
        .run(`${base}/sign-in/oidc?next=${encodeURIComponent(v)}`, 'ada', `${base}/`)
        .catch((e: Error) => ({ url: `left the site: ${e.message}`, status: 0, body: '' }));
      t.equal(end.url, `${base}/`, JSON.stringify(v));
    }
  });

  await t.test('second sign-in finds them, even under a new address', async (t) => {
    accounts.ada.email = 'ada.lovelace@corp.example';
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', `${base}/`);
    t.equal(end.status, 200);
    t.match(end.body, 'Hello, Ada Lovelace');
    t.equal((await ctx.ds.query('SELECT count(*)::int AS n FROM person')).at(0).n, 2, 'no stranger made (admin + Ada)');
    accounts.ada.email = 'Ada@Corp.example';
  });

  const refused = async (
    t: Test,
    b: ReturnType<typeof browser>,
    end: { status: number; body: string },
    text: string,
  ) => {
    t.ok(end.status >= 400 && end.status < 500, `status ${end.status}`);
    t.match(end.body, text);
    t.notMatch(end.body, /at .*\.ts:\d+/, 'no stack trace');
    t.equal(sessionOf(b, base), undefined, 'no session cookie');
  };

  await t.test('a wrong state is refused', async (t) => {
    const before = await sessions(ctx);
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', callback, (u) => {
      const x = new URL(u);
      x.searchParams.set('state', 'forged-state');
      return x.href;
    });
    await refused(t, b, end, 'Your company sign-in did not go through');
    t.equal(await sessions(ctx), before);
  });

  await t.test('a replayed code is refused', async (t) => {
    let code = '';
    const first = browser();
    await first.run(`${base}/sign-in/oidc`, 'ada', callback, (u) => ((code = new URL(u).searchParams.get('code')!), u));
    const before = await sessions(ctx);
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', callback, (u) => {
      const x = new URL(u);
      x.searchParams.set('code', code);
      return x.href;
    });
    await refused(t, b, end, 'Your company sign-in did not go through');
    t.equal(await sessions(ctx), before);
  });

  await t.test('a wrong nonce is refused', async (t) => {
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', callback, async (u) => {
      await ctx.ds.query(`UPDATE oidc_login SET nonce = 'not-the-nonce'`);
      return u;
    });
    await refused(t, b, end, 'Your company sign-in did not go through');
  });

  await t.test('a callback without its round trip (another browser, or too late) is refused', async (t) => {
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', callback, (u) => {
      b.jar.get(base)?.delete('bb_oidc');
      return u;
    });
    await refused(t, b, end, 'The sign-in took too long');
  });

  await t.test('an unverified e-mail is refused', async (t) => {
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'una', callback);
    await refused(t, b, end, 'Your e-mail address is not verified');
    t.equal((await people(ctx, 'una@corp.example')).length, 0, 'nobody created');
  });

  await t.test('the provider saying no (access denied) is a page', async (t) => {
    const b = browser();
    const end = await b.run(`${base}/sign-in/oidc`, 'ada', callback, (u) => {
      const x = new URL(u);
      x.searchParams.delete('code');
      x.searchParams.set('error', 'access_denied');
      return x.href;
    });
    await refused(t, b, end, 'Your company sign-in did not go through');
  });
});

t.test('an expired ID token is refused', async (t) => {
  // The provider runs in a process whose clock is an hour behind: everything it issues is
  // consistent for itself, and its ID tokens expired (well past any clock tolerance) for us.
  const { ctx, base } = await brownbag(
    t,
    { ada: { email: 'ada@corp.example', email_verified: true } },
    { clockBehindSeconds: 3600 },
  );
  const b = browser();
  const end = await b.run(`${base}/sign-in/oidc`, 'ada', `${base}/sign-in/oidc/callback`);
  t.equal(end.status, 400);
  t.match(end.body, 'Your company sign-in did not go through');
  t.equal(sessionOf(b, base), undefined);
  t.equal((await people(ctx, 'ada@corp.example')).length, 0);
});

t.test('a provider that is not the configured issuer is refused', async (t) => {
  const { base } = await brownbag(
    t,
    { ada: { email: 'ada@corp.example', email_verified: true } },
    // the same server, but its documents name 127.0.0.1 as the issuer, not localhost
    { issuerHost: 'localhost' },
  );
  const b = browser();
  const end = await b.run(`${base}/sign-in/oidc`, 'ada', `${base}/sign-in/oidc/callback`);
  t.equal(end.status, 502);
  t.match(end.body, 'The company sign-in is not set up right');
  t.equal(sessionOf(b, base), undefined);
});

t.test('a provider that is down gets a page that says so', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ctx = await setup(t, {
    auth: {
      ...defaultAuth,
      emailSignIn: true,
      oidc: { issuer: `http://127.0.0.1:${await freePort()}`, clientId: 'x', clientSecret: 'y', name: 'Corp SSO' },
    },
    publicUrl: base,
  });
  const res = await ctx.app.inject({ method: 'GET', url: '/sign-in/oidc' });
  t.equal(res.statusCode, 502);
  t.match(res.body, 'We could not reach the company sign-in');
  t.match(res.body, 'action="/sign-in/email"', 'and offers the e-mail link beside it');
});

t.test('domain rules apply to first sign-in through the provider', async (t) => {
  const { ctx, base } = await brownbag(
    t,
    { eve: { email: 'eve@other.example', email_verified: true } },
    { domains: ['corp.example'] },
  );
  const b = browser();
  const end = await b.run(`${base}/sign-in/oidc`, 'eve', `${base}/sign-in/oidc/callback`);
  t.equal(end.status, 403);
  t.match(end.body, 'cannot make an account');
  t.equal((await people(ctx, 'eve@other.example')).length, 0);
});
