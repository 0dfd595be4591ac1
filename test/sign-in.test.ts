/**
 * Sign-in by e-mail link and browser sessions, end to end: the sign-in page, the mail through the
 * real worker and a real SMTP server, the landing page, the session cookie, CSRF, revocation seen by
 * another instance, sign-out, links that land, and internal community calendars.
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { buildApp } from '../src/app';
import { defaultAuth } from '../src/config';
import { sessionCookie } from '../src/http/auth';
import { safeNext } from '../src/modules/auth/links';
import { community, eventWithTalk, setup, type Ctx } from './helper';
import { mailWorld, type Sink } from './mail-helper';

// ical.js's types describe a default export; its CommonJS build exports the members directly.
const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;
const BASE = 'http://brownbag.test';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE };

function cookieOf(setCookie: unknown, name = 'bb_session'): string | null {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : [];
  const c = all.find((v: string) => v.startsWith(`${name}=`) && !v.startsWith(`${name}=;`));
  return c ? c.split(';')[0].slice(name.length + 1) : null;
}

const linkIn = (text: string) => /http:\/\/brownbag\.test\/sign-in\/link\?token=([A-Za-z0-9_%-]+)/.exec(text)?.[1];

/** Asks for a link on the sign-in page and reads it from the mail. */
async function mailedLink(ctx: Ctx, sink: Sink, email: string, next = '/') {
  const before = sink.received.length;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/sign-in/email',
    headers: FORM,
    payload: form({ email, next }),
  });
  if (res.statusCode !== 303 || res.headers.location !== '/sign-in/sent') throw new Error(`asked: ${res.statusCode}`);
  const [m] = await sink.waitFor((r, i = sink.received.indexOf(r)) => i >= before && r.to.includes(email));
  return { token: decodeURIComponent(linkIn(m.mail.text ?? '') ?? ''), mail: m };
}

async function signIn(ctx: Ctx, token: string, headers: Record<string, string> = FORM) {
  const res = await ctx.app.inject({ method: 'POST', url: '/sign-in/link', headers, payload: form({ token }) });
  return { res, cookie: cookieOf(res.headers['set-cookie']) };
}

const withCookie = (cookie: string, more: Record<string, string> = {}) => ({ cookie: `bb_session=${cookie}`, ...more });

t.test('sign-in by e-mail link', async (t) => {
  const { ctx, sink } = await mailWorld(t);
  const ada = await ctx.person('ada@corp.example', 'Ada Lovelace');

  await t.test('the sign-in page offers the e-mail form and says nothing is wrong', async (t) => {
    const page = await ctx.app.inject({ method: 'GET', url: '/sign-in?next=/v1/me' });
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /text\/html/);
    t.match(page.body, /<form method="post" action="\/sign-in\/email"/);
    t.match(page.body, /name="next" value="\/v1\/me"/);
    t.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    t.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    t.equal(page.headers['x-content-type-options'], 'nosniff');
  });

  let cookie = '';
  await t.test('a known person gets a link; opening it shows a button; pressing it signs in once', async (t) => {
    const { token, mail } = await mailedLink(ctx, sink, ada.email, '/v1/me');
    t.ok(token.length >= 40, 'a long random token (≥ 128 bits)');
    t.match(mail.mail.subject, 'Your Brownbag sign-in link');
    const stored = await ctx.ds.query('SELECT token_hash FROM sign_in_link WHERE email = $1', [ada.email]);
    t.equal(stored.length, 1);
    t.not(stored[0].token_hash, token, 'only the hash is stored');
    const landing = await ctx.app.inject({ method: 'GET', url: `/sign-in/link?token=${encodeURIComponent(token)}` });
    t.equal(landing.statusCode, 200);
    t.match(landing.body, 'Sign in as Ada Lovelace');
    t.equal(cookieOf(landing.headers['set-cookie']), null, 'opening the link signs nobody in');
    const first = await signIn(ctx, token);
    t.equal(first.res.statusCode, 303);
    t.equal(first.res.headers.location, '/v1/me', 'back to where the link pointed');
    t.ok(first.cookie);
    const flags = String([first.res.headers['set-cookie']].flat().find((c) => String(c).startsWith('bb_session=')));
    t.match(flags, /HttpOnly/);
    t.match(flags, /SameSite=Lax/);
    t.match(flags, /Path=\//);
    t.notMatch(flags, /Secure/, 'plain http: no Secure flag');
    cookie = first.cookie!;
    const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(cookie) });
    t.equal(me.statusCode, 200);
    t.equal(me.json().email, ada.email);
    t.ok(me.headers['x-csrf-token'], 'the CSRF token comes with every signed-in response');
    const again = await signIn(ctx, token);
    t.equal(again.res.statusCode, 400, 'single use');
    t.match(again.res.body, 'This link has expired');
    t.equal(again.cookie, null);
  });

  await t.test('an expired link is refused with a page that offers a new one', async (t) => {
    const { token } = await mailedLink(ctx, sink, ada.email);
    await ctx.ds.query(`UPDATE sign_in_link SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const landing = await ctx.app.inject({ method: 'GET', url: `/sign-in/link?token=${encodeURIComponent(token)}` });
    t.equal(landing.statusCode, 400);
    t.match(landing.body, 'Send me a new link');
    const used = await signIn(ctx, token);
    t.equal(used.res.statusCode, 400);
    t.equal(used.cookie, null);
  });

  await t.test('an unknown address gets the same answer, and a mail that says how to get in', async (t) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/sign-in/email',
      headers: FORM,
      payload: form({ email: 'stranger@elsewhere.example' }),
    });
    t.equal(res.statusCode, 303);
    t.equal(res.headers.location, '/sign-in/sent', 'the same as for a known address');
    const [m] = await sink.waitFor((r) => r.to.includes('stranger@elsewhere.example'));
    t.match(m.mail.subject, 'About signing in');
    t.equal(linkIn(m.mail.text ?? ''), undefined, 'no link');
    const people = await ctx.ds.query(`SELECT 1 FROM person WHERE email = 'stranger@elsewhere.example'`);
    t.equal(people.length, 0, 'nobody created');
  });

  await t.test('bad input gets a page, not JSON, and changes nothing', async (t) => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/sign-in/email',
      headers: FORM,
      payload: form({ email: 'not an address' }),
    });
    t.equal(bad.statusCode, 400);
    t.match(bad.headers['content-type'], /text\/html/);
    t.match(bad.body, 'does not look like an e-mail address');
    const missing = await ctx.app.inject({ method: 'GET', url: '/sign-in/link' });
    t.equal(missing.statusCode, 400);
    t.match(missing.headers['content-type'], /text\/html/);
    const foreign = await signIn(ctx, 'link_whatever', { ...FORM, origin: 'https://evil.example' });
    t.equal(foreign.res.statusCode, 403, 'a sign-in form posted from another site');
    t.match(foreign.res.body, 'That form came from another site');
  });

  await t.test('next is a path on this site, never another origin', async (t) => {
    t.equal(safeNext('/v1/events/1?x=2'), '/v1/events/1?x=2');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', 42])
      t.equal(safeNext(bad), '/', String(bad));
  });

  await t.test('sessions: CSRF on unsafe requests, listing, revocation seen by another instance', async (t) => {
    const app2 = await buildApp({ ds: ctx.ds, config: { bodyLimitBytes: 262144, publicUrl: BASE } });
    t.teardown(() => app2.close());
    const heard: string[] = [];
    const forget = app2.services.credentials.forget.bind(app2.services.credentials);
    app2.services.credentials.forget = (p: string) => (heard.push(p), forget(p));
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: withCookie(cookie, { 'content-type': 'application/json' }),
      payload: { name: 'laptop' },
    });
    t.equal(noCsrf.statusCode, 403);
    t.equal(noCsrf.json().code, 'csrf');
    const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(cookie) });
    const csrf = String(me.headers['x-csrf-token']);
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: withCookie(cookie, { 'content-type': 'application/json', 'x-csrf-token': csrf }),
      payload: { name: 'laptop' },
    });
    t.equal(made.statusCode, 201, 'a signed-in person makes their own API token');
    const bearer = await ctx.req('GET', '/v1/me', { token: made.json().token });
    t.equal(bearer.body.email, ada.email, 'and the token works for scripts');

    const list = await app2.inject({ method: 'GET', url: '/v1/me/sessions', headers: withCookie(cookie) });
    t.equal(list.statusCode, 200, 'the other instance knows the session');
    const current = list.json().items.find((s: { current: boolean }) => s.current);
    t.ok(current);
    const end = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/sessions/${current.id}`,
      headers: withCookie(cookie, { 'x-csrf-token': csrf }),
    });
    t.equal(end.statusCode, 204);
    t.equal(
      (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(cookie) })).statusCode,
      401,
      'the revoking instance refuses it at once',
    );
    // The other instance had it cached a moment ago; PostgreSQL's notification tells it to forget.
    const since = Date.now();
    while (!heard.includes(`session:${current.id}`) && Date.now() - since < 5000)
      await new Promise((r) => setTimeout(r, 5));
    t.ok(heard.includes(`session:${current.id}`), 'the other instance heard of the revocation');
    t.comment(`notification arrived after ${Date.now() - since} ms`);
    const after = await app2.inject({ method: 'GET', url: '/v1/me', headers: withCookie(cookie) });
    t.equal(after.statusCode, 401, 'and refuses the session');
    t.match(after.json().detail, 'session has ended');
    const browser = await app2.inject({
      method: 'GET',
      url: '/v1/me',
      headers: withCookie(cookie, { accept: 'text/html' }),
    });
    t.equal(browser.statusCode, 303, 'a browser is sent to sign in');
    t.equal(browser.headers.location, '/sign-in?next=%2Fv1%2Fme');
  });

  await t.test('an admin ends anyone’s session; others cannot see it', async (t) => {
    const { token } = await mailedLink(ctx, sink, ada.email);
    const { cookie: c2 } = await signIn(ctx, token);
    const mine = await ctx.app.inject({ method: 'GET', url: '/v1/me/sessions', headers: withCookie(c2!) });
    const id = mine.json().items[0].id;
    const other = await ctx.person('bob@corp.example');
    const peek = await ctx.req('GET', `/v1/people/${ada.id}/sessions`, { token: other.token });
    t.equal(peek.status, 403);
    t.equal((await ctx.req('DELETE', `/v1/sessions/${id}`, { token: other.token })).status, 404);
    t.equal((await ctx.req('DELETE', `/v1/sessions/${id}`, { token: ctx.admin.token })).status, 204);
    t.equal((await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(c2!) })).statusCode, 401);
  });

  await t.test('sign-out ends the session and drops the cookie', async (t) => {
    const { token } = await mailedLink(ctx, sink, ada.email);
    const { cookie: c3 } = await signIn(ctx, token);
    const home = await ctx.app.inject({ method: 'GET', url: '/', headers: withCookie(c3!) });
    t.equal(home.statusCode, 200);
    t.match(home.body, 'You are signed in as');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1];
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: withCookie(c3!, FORM),
      payload: form({ _csrf: csrf }),
    });
    t.equal(out.statusCode, 303);
    t.match(String(out.headers['set-cookie']), /bb_session=;/);
    t.equal((await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(c3!) })).statusCode, 401);
    const forged = await ctx.app.inject({ method: 'GET', url: '/', headers: {} });
    t.equal(forged.statusCode, 303, 'home without a session goes to sign-in');
  });

  await t.test('links that land: a browser opening a mail link signs in and arrives there', async (t) => {
    const s = await community(ctx, 'land');
    const { eventId } = await eventWithTalk(ctx, s);
    const open = await ctx.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}`,
      headers: { accept: 'text/html' },
    });
    t.equal(open.statusCode, 303);
    const next = decodeURIComponent(String(open.headers.location).split('next=')[1]);
    t.equal(next, `/v1/events/${eventId}`);
    const member = await ctx.person('mem2@land.example');
    await ctx.req('POST', '/v1/communities/land/members', { token: s.organizer.token, body: { email: member.email } });
    const { token } = await mailedLink(ctx, sink, member.email, next);
    const { res, cookie: c } = await signIn(ctx, token);
    t.equal(res.headers.location, `/v1/events/${eventId}`);
    const there = await ctx.app.inject({ method: 'GET', url: res.headers.location!, headers: withCookie(c!) });
    t.equal(there.statusCode, 200);
    t.equal(there.json().id, eventId);
  });

  await t.test('invitation and co-speaker mails carry a link that signs the person in', async (t) => {
    const s = await community(ctx, 'mails');
    const proposal = await ctx.req('POST', '/v1/communities/mails/proposals', {
      token: s.speaker.token,
      body: { callId: s.callId, title: 'Pairing', format: 'talk', coSpeakers: ['newco@mails.example'] },
    });
    t.equal(proposal.status, 201);
    const [m] = await sink.waitFor((r) => r.to.includes('newco@mails.example'));
    const token = linkIn(m.mail.text ?? '');
    t.ok(token, 'the co-speaker mail has a sign-in link');
    const { res, cookie: c } = await signIn(ctx, decodeURIComponent(token!));
    t.equal(res.headers.location, `/proposals/${proposal.body.id}`, 'to the proposal page');
    const read = await ctx.app.inject({ method: 'GET', url: res.headers.location!, headers: withCookie(c!) });
    t.equal(read.statusCode, 200, 'the co-speaker reads their proposal');
    t.match(read.body, '<h1 dir="auto">Pairing</h1>');
  });
});

t.test('self sign-up by domain, and the limits', async (t) => {
  const auth = { ...defaultAuth, allowedEmailDomains: ['corp.example'] };
  const { ctx, sink } = await mailWorld(t, { auth, settings: { auth } });

  await t.test('an address at an allowed domain becomes a person on first sign-in', async (t) => {
    const { token } = await mailedLink(ctx, sink, 'grace@corp.example');
    const { cookie } = await signIn(ctx, token);
    const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: withCookie(cookie!) });
    t.equal(me.json().email, 'grace@corp.example');
    t.equal(me.json().name, 'Grace', 'a name from the address until they set one');
  });

  await t.test('another domain still gets no account', async (t) => {
    await ctx.app.inject({
      method: 'POST',
      url: '/sign-in/email',
      headers: FORM,
      payload: form({ email: 'eve@other.example' }),
    });
    const [m] = await sink.waitFor((r) => r.to.includes('eve@other.example'));
    t.match(m.mail.subject, 'About signing in');
  });

  await t.test('at most five link requests per address in a quarter hour, and the page says so', async (t) => {
    const codes: number[] = [];
    let last = '';
    for (let i = 0; i < 6; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/sign-in/email',
        headers: FORM,
        payload: form({ email: 'flood@corp.example' }),
        remoteAddress: `10.0.1.${i}`,
      });
      codes.push(r.statusCode);
      last = r.body;
    }
    t.same(codes, [303, 303, 303, 303, 303, 429]);
    t.match(last, 'No new link was sent', 'the sixth is refused, and the page says so');
  });

  await t.test('per client: the eleventh request in a quarter hour gets a 429 page', async (t) => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/sign-in/email',
        headers: FORM,
        payload: form({ email: `n${i}@corp.example` }),
        remoteAddress: '10.0.0.9',
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) t.match(r.body, 'Too many attempts');
    }
    t.same(codes.slice(0, 10), Array(10).fill(303));
    t.equal(codes[10], 429);
  });
});

t.test('internal community calendars', async (t) => {
  const ctx = await setup(t);
  const s = await community(ctx, 'inside');
  const { eventId } = await eventWithTalk(ctx, s);
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

  const anon = await get('/v1/communities/inside/calendar.ics');
  t.equal(anon.statusCode, 401, 'an internal feed refuses anonymous readers');
  t.match(anon.json().detail, '/v1/feeds/{token}/communities/inside/calendar.ics');
  t.equal((await get(`/v1/events/${eventId}/calendar.ics`)).statusCode, 401, 'and so does its event feed');
  const signedIn = await get('/v1/communities/inside/calendar.ics', { authorization: `Bearer ${s.member.token}` });
  t.equal(signedIn.statusCode, 200);
  t.equal(signedIn.headers['cache-control'], 'private, max-age=60');

  const made = await ctx.req('POST', '/v1/me/feed-tokens', { token: s.member.token, body: { name: 'phone' } });
  const url = `/v1/feeds/${made.body.token}/communities/inside/calendar.ics?talks=true`;
  const personal = await get(url);
  t.equal(personal.statusCode, 200);
  const vevents = new ICAL.Component(ICAL.parse(personal.body)).getAllSubcomponents('vevent');
  t.ok(
    vevents.some((v) => String(v.getFirstPropertyValue('uid')).startsWith(`event-${eventId}`)),
    'the event, read by a real parser',
  );
  await ctx.req('DELETE', `/v1/me/feed-tokens/${made.body.id}`, { token: s.member.token });
  t.equal((await get(url)).statusCode, 404, 'revoking the feed token closes it');

  await ctx.req('PATCH', '/v1/communities/inside', { token: s.organizer.token, body: { eventVisibility: 'public' } });
  const open = await get('/v1/communities/inside/calendar.ics');
  t.equal(open.statusCode, 200, 'a public community reads without signing in');
  t.equal(open.headers['cache-control'], 'public, max-age=60');
});

t.test('the session cookie behind https', async (t) => {
  const c = sessionCookie('https://talks.example.com');
  t.equal(c.name, '__Host-bb_session');
  t.match(c.options, { secure: true, httpOnly: true, sameSite: 'lax', path: '/' });
});
