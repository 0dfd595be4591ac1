/**
 * A reader's language: a person sets and clears theirs through the API (a language Brownbag does not
 * speak is a 400 problem, nothing changes); the switch on every page saves a signed-in person's choice
 * and keeps a cookie for anyone else; organizers set a community's default, which pages of that
 * community follow when nothing else decides; <html lang dir> follow.
 */
import t from 'tap';
import { community, eventWithTalk, setup } from './helper';
import { offerTestLanguages } from './test-languages';

offerTestLanguages('he', 'ru');

const htmlLang = (body: string) => /<html lang="([^"]+)" dir="([^"]+)"/.exec(body)?.slice(1);

t.test('a person sets and clears their language through the API', async (t) => {
  const ctx = await setup(t);
  const p = await ctx.person('lang-api@example.com');
  const me = await ctx.req('GET', '/v1/me', { token: p.token });
  t.equal(me.body.language, null, 'none chosen at first');

  const set = await ctx.req('PATCH', '/v1/me', { token: p.token, body: { language: 'he' } });
  t.equal(set.status, 200);
  t.equal(set.body.language, 'he');
  t.equal((await ctx.req('GET', '/v1/me', { token: p.token })).body.language, 'he');

  for (const bad of ['de', 'HE', '', 7, 'he-IL']) {
    const r = await ctx.req('PATCH', '/v1/me', { token: p.token, body: { language: bad } });
    t.equal(r.status, 400, `${JSON.stringify(bad)} is refused`);
    t.match(r.headers['content-type'], /application\/problem\+json/);
  }
  t.equal((await ctx.req('GET', '/v1/me', { token: p.token })).body.language, 'he', 'nothing changed');

  const cleared = await ctx.req('PATCH', '/v1/me', { token: p.token, body: { language: null } });
  t.equal(cleared.status, 200);
  t.equal(cleared.body.language, null, 'cleared: the browser decides again');
  const other = await ctx.req('GET', `/v1/people?email=${encodeURIComponent(p.email)}`, { token: ctx.admin.token });
  t.notOk('language' in other.body.items[0], "someone else's language is theirs alone");
});

t.test('organizers set a community default language; pages follow it last', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'ru-guild', { eventVisibility: 'public' });
  t.equal((await ctx.req('GET', '/v1/communities/ru-guild', { token: c.member.token })).body.defaultLanguage, 'en');
  const denied = await ctx.req('PATCH', '/v1/communities/ru-guild', {
    token: c.member.token,
    body: { defaultLanguage: 'ru' },
  });
  t.equal(denied.status, 403, 'only organizers');
  const bad = await ctx.req('PATCH', '/v1/communities/ru-guild', {
    token: c.organizer.token,
    body: { defaultLanguage: 'klingon' },
  });
  t.equal(bad.status, 400);
  t.match(bad.headers['content-type'], /problem\+json/);
  const ok = await ctx.req('PATCH', '/v1/communities/ru-guild', {
    token: c.organizer.token,
    body: { defaultLanguage: 'ru' },
  });
  t.equal(ok.body.defaultLanguage, 'ru');
  const made = await ctx.req('POST', '/v1/communities', {
    token: ctx.admin.token,
    body: { slug: 'he-guild', name: 'גילדה', defaultLanguage: 'he', eventVisibility: 'public' },
  });
  t.equal(made.body.defaultLanguage, 'he', 'set at creation too');

  const e = await eventWithTalk(ctx, c);
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  t.same(htmlLang((await get('/c/ru-guild', { 'accept-language': 'de' })).body), ['ru', 'ltr'], 'community default');
  t.same(htmlLang((await get(`/events/${e.eventId}`, { 'accept-language': 'de' })).body), ['ru', 'ltr'], 'its event');
  t.same(htmlLang((await get('/c/he-guild', { 'accept-language': 'de' })).body), ['he', 'rtl'], 'right to left');
  t.same(htmlLang((await get('/c/he-guild', { 'accept-language': 'en' })).body), ['en', 'ltr'], 'the browser first');
  t.same(htmlLang((await get('/c/he-guild')).body), ['he', 'rtl'], 'no Accept-Language at all');
  t.equal((await get('/c/no-such', { 'accept-language': 'de' })).statusCode, 404, 'an unknown community is no 5xx');
  t.equal((await get('/events/not-a-uuid', { 'accept-language': 'de' })).statusCode < 500, true);

  // The settings page: organizers only, read with the API's schema.
  const s = await ctx.app.services.sessions.start(c.organizer.id, 'email-link', 'language test');
  const cookie = `bb_session=${s.secret}`;
  const page = await get('/c/ru-guild/settings', { cookie });
  t.equal(page.statusCode, 200);
  t.match(page.body, 'name="defaultLanguage"');
  const csrf = String(page.headers['x-csrf-token']);
  const post = (language: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/c/ru-guild/settings',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, defaultLanguage: language }).toString(),
    });
  t.equal((await post('nope')).statusCode, 400);
  t.equal((await post('he')).statusCode, 303);
  t.equal((await ctx.req('GET', '/v1/communities/ru-guild', { token: c.member.token })).body.defaultLanguage, 'he');
  const ms = await ctx.app.services.sessions.start(c.member.id, 'email-link', 'language test');
  t.equal((await get('/c/ru-guild/settings', { cookie: `bb_session=${ms.secret}` })).statusCode, 403);
});

t.test('the switch on every page', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'open', { eventVisibility: 'public' });
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/language',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });

  // Someone not signed in: a cookie.
  const page = await ctx.app.inject({ method: 'GET', url: '/c/open', headers: { accept: 'text/html' } });
  t.match(page.body, 'action="/language"', 'the page offers the switch');
  t.match(page.body, /<option value="he" lang="he"[^>]*>עברית<\/option>/, 'each language named in itself');
  t.match(page.body, /<option value="ru" lang="ru"[^>]*>Русский<\/option>/);
  const anon = await form({ language: 'he', next: '/c/open' });
  t.equal(anon.statusCode, 303);
  t.equal(anon.headers.location, '/c/open', 'back to the page');
  const set = String(anon.headers['set-cookie']);
  t.match(set, /^lang=he;/);
  t.match(set, /HttpOnly/);
  t.match(set, /SameSite=Lax/);
  const again = await ctx.app.inject({
    method: 'GET',
    url: '/c/open',
    headers: { accept: 'text/html', cookie: 'lang=he', 'accept-language': 'en' },
  });
  t.same(htmlLang(again.body), ['he', 'rtl'], 'the cookie beats Accept-Language');
  t.match(again.body, /<option value="he" lang="he" selected/);
  t.equal((await form({ language: 'xx', next: '/c/open' })).statusCode, 400, 'not a language: 400');
  t.equal((await form({ next: '/c/open' })).statusCode, 400, 'no language: 400');
  t.equal((await form({ language: 'ru', next: '//evil.example/x' })).headers.location, '/', 'never to another site');
  t.equal((await form({ language: 'ru', next: '/\\evil.example' })).headers.location, '/');
  const signInPage = await ctx.app.inject({ method: 'GET', url: '/sign-in?next=%2Fc%2Fopen' });
  t.match(signInPage.body, 'action="/language"', 'the sign-in page offers it too');
  const host = 'brownbag.test';
  const fromSignIn = await form({ language: 'he' }, { host, referer: `http://${host}/sign-in?next=%2Fc%2Fopen` });
  t.equal(fromSignIn.headers.location, '/sign-in?next=%2Fc%2Fopen', 'no next: back to the page it came from');
  const foreign = await form({ language: 'he' }, { host, referer: 'http://evil.example/sign-in' });
  t.equal(foreign.headers.location, '/', "never to another site's page");
  const cleared = await form({ language: '', next: '/c/open' });
  t.match(String(cleared.headers['set-cookie']), /^lang=;/, 'an empty choice forgets the cookie');

  // Signed in: the person's choice, saved (CSRF like every form), and it follows them everywhere.
  const s = await ctx.app.services.sessions.start(c.member.id, 'email-link', 'switch test');
  const cookie = `bb_session=${s.secret}`;
  const home = await ctx.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html', cookie } });
  const csrf = String(home.headers['x-csrf-token']);
  t.match(home.body, `name="_csrf" value="${csrf}"`);
  t.equal((await form({ language: 'he', next: '/' }, { cookie })).statusCode, 403, 'no CSRF token: refused');
  t.equal((await ctx.req('GET', '/v1/me', { token: c.member.token })).body.language, null, 'nothing changed');
  const saved = await form({ _csrf: csrf, language: 'he', next: '/c/open' }, { cookie });
  t.equal(saved.statusCode, 303);
  t.notOk(saved.headers['set-cookie'], 'no language cookie for a signed-in person');
  t.equal((await ctx.req('GET', '/v1/me', { token: c.member.token })).body.language, 'he', 'saved as theirs');
  const after = await ctx.app.inject({
    method: 'GET',
    url: '/',
    headers: { accept: 'text/html', cookie: `${cookie}; lang=ru`, 'accept-language': 'ru' },
  });
  t.same(htmlLang(after.body), ['he', 'rtl'], "at once, the person's choice beats cookie and browser");
  t.equal((await form({ _csrf: csrf, language: 'zz', next: '/' }, { cookie })).statusCode, 400);

  // The profile page clears it again.
  const profile = await ctx.app.inject({ method: 'GET', url: '/me', headers: { accept: 'text/html', cookie } });
  t.equal(profile.statusCode, 200);
  t.match(profile.body, /<option value="he" lang="he" selected/);
  const clear = await ctx.app.inject({
    method: 'POST',
    url: '/me',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, language: '' }).toString(),
  });
  t.equal(clear.statusCode, 303);
  t.equal((await ctx.req('GET', '/v1/me', { token: c.member.token })).body.language, null);
  const back = await ctx.app.inject({
    method: 'GET',
    url: '/',
    headers: { accept: 'text/html', cookie, 'accept-language': 'ru' },
  });
  t.same(htmlLang(back.body), ['ru', 'ltr'], 'the browser decides again');
});
