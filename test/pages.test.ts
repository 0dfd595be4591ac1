/**
 * Pages without a browser: who may open what (public vs internal communities), escaping of what
 * people write, and pages for paths that are no page. The browser tests cover the clicking.
 */
import t from 'tap';
import { community, eventWithTalk, setup } from './helper';

t.test('pages: visibility, escaping, not found', async (t) => {
  const ctx = await setup(t);
  const html = { accept: 'text/html' };
  const inside = await community(ctx, 'inside');
  const open = await community(ctx, 'open', { eventVisibility: 'public' });
  const hostile = '<script>alert(1)</script> & "quotes"';
  const e = await eventWithTalk(ctx, open, { title: hostile });
  await ctx.req('POST', `/v1/events/${e.eventId}/slots`, {
    token: open.organizer.token,
    body: { proposalId: e.talkId, startsAt: '2027-06-10T10:00:00Z' },
  });
  const i = await eventWithTalk(ctx, inside);

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: html });
  t.equal((await get('/c/inside')).statusCode, 303, 'an internal community asks who you are');
  t.equal((await get('/c/open')).statusCode, 200, 'a public one does not');
  t.equal((await get(`/events/${i.eventId}`)).statusCode, 303);
  const ev = await get(`/events/${e.eventId}`);
  t.equal(ev.statusCode, 200);
  t.notMatch(ev.body, '<script>alert(1)</script>', 'user text never becomes markup');
  t.match(ev.body, '&lt;script>alert(1)&lt;/script> &amp; &quot;quotes&quot;');
  const talk = await get(`/talks/${e.talkId}`);
  t.equal(talk.statusCode, 200, 'a scheduled talk of a public community is public');
  t.match(talk.body, '<h1 dir="auto">Talk for');
  t.equal((await get(`/talks/${i.talkId}`)).statusCode, 303, "an internal community's talk needs sign-in");
  const draftish = await ctx.req('POST', '/v1/communities/open/proposals', {
    token: open.speaker.token,
    body: { callId: open.callId, title: 'Not a talk yet', format: 'talk' },
  });
  t.equal((await get(`/talks/${draftish.body.id}`)).statusCode, 404, 'a draft is no talk');
  t.match((await get(`/talks/${draftish.body.id}`)).headers['content-type'], /text\/html/);

  const missing = await get('/no/such/page');
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /text\/html/);
  const api = await ctx.app.inject({
    method: 'GET',
    url: '/v1/no/such/route',
    headers: { accept: 'application/json' },
  });
  t.equal(api.statusCode, 404);
  t.match(api.headers['content-type'], /problem\+json/, 'the API keeps problem+json');
});

t.test('the community home lists the latest past events, newest first', async (t) => {
  const ctx = await setup(t);
  await community(ctx, 'history', { eventVisibility: 'public' });
  // 55 published events, one a day before today: "Past 01" is yesterday's.
  await ctx.ds.query(
    `INSERT INTO event (community_id, title, starts_at, ends_at, time_zone, status)
     SELECT c.id, 'Past ' || lpad(g::text, 2, '0'), now() - g * interval '1 day', now() - g * interval '1 day' + interval '1 hour',
            'Europe/Berlin', 'published'
       FROM community c CROSS JOIN generate_series(1, 55) g WHERE c.slug = 'history'`,
  );
  const res = await ctx.app.inject({ method: 'GET', url: '/c/history', headers: { accept: 'text/html' } });
  t.equal(res.statusCode, 200);
  const shown = [...res.body.matchAll(/Past (\d\d)/g)].map((m) => m[1]);
  t.same([...new Set(shown)], ['01', '02', '03', '04', '05'], 'the five latest, newest first');
});
