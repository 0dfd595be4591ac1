/**
 * The public version (migration PublicVersion, issue #30): pages every reader sees — the community
 * home, a member's event page, search — are kept across changes only organizers, reviewers and
 * speakers see (a submission, a review, a task), and follow at once every change they show.
 */
import t from 'tap';
import { community, eventWithTalk, setup, submitted, type Ctx } from './helper';

const html = { accept: 'text/html' };

/** The community's counts (all, feeds, public), summed over its stripes. */
async function counts(ctx: Ctx, slug: string) {
  const [r] = await ctx.ds.query(
    `SELECT sum(s.n)::int AS n, sum(s.feed_n)::int AS feed, sum(s.public_n)::int AS public
       FROM community_stamp s JOIN community c ON c.id = s.community_id WHERE c.slug = $1`,
    [slug],
  );
  return r as { n: number; feed: number; public: number };
}

t.test('what moves the public count, and what does not', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'counted');
  const org = c.organizer.token;
  let before = await counts(ctx, c.slug);
  const moved = async (what: string, publicMoves: boolean) => {
    const now = await counts(ctx, c.slug);
    t.ok(now.n > before.n, `${what}: the whole count moves`);
    t.equal(now.public > before.public, publicMoves, `${what}: the public count ${publicMoves ? 'moves' : 'stays'}`);
    before = now;
  };
  const id = await submitted(ctx, c, 'Counted talk');
  await moved('a submission', false);
  await ctx.req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 3 } });
  await moved('a review', false);
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: org, body: { to: 'accepted' } });
  await moved('accepting it', true);
  const board = () => ctx.req('GET', `/v1/communities/${c.slug}/tasks`, { token: org });
  const tasks = await board();
  t.ok(tasks.body.items.length > 0, 'the accepted talk has its checklist');
  const boards = ctx.app.services.renderCaches.cache('task-boards');
  const boardMisses = boards.misses;
  await submitted(ctx, c, 'Submitted while the board is kept');
  await moved('another submission', false);
  t.same((await board()).body, tasks.body, 'the board is the same');
  t.equal(boards.misses, boardMisses, 'and was not rendered again: a submission is not on it');
  const task = tasks.body.items[0];
  t.equal((await ctx.req('PATCH', `/v1/tasks/${task.id}`, { token: org, body: { status: 'done' } })).status, 200);
  await moved('a task done', false);
  const after = (await board()).body.items.find((i: { id: string }) => i.id === task.id);
  t.equal(after.status, 'done', 'the board shows the task done at once');
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.speaker.token, body: { to: 'withdrawn' } });
  await moved('withdrawing an accepted talk (its old state was public)', true);
  await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
    token: org,
    body: { title: 'Counted event', startsAt: '2027-06-10T10:00:00Z', endsAt: '2027-06-10T11:00:00Z' },
  });
  await moved('an event', true);
});

t.test("the board follows a talk's title even before the talk is accepted", async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'early');
  const org = c.organizer.token;
  const id = await submitted(ctx, c, 'Title before');
  const task = await ctx.req('POST', `/v1/proposals/${id}/tasks`, {
    token: org,
    body: { title: 'Book the room early', category: 'logistics', owner: 'organizer' },
  });
  t.equal(task.status, 201, task.text);
  const board = async () =>
    (await ctx.req('GET', `/v1/communities/${c.slug}/tasks`, { token: org })).body.items.map(
      (i: { proposal: { title: string } }) => i.proposal.title,
    );
  t.same(await board(), ['Title before']);
  const before = await counts(ctx, c.slug);
  const edit = await ctx.req('PATCH', `/v1/proposals/${id}`, {
    token: c.speaker.token,
    body: { title: 'Title after' },
  });
  t.equal(edit.status, 200, edit.text);
  t.equal((await counts(ctx, c.slug)).public, before.public, 'a submitted talk is not public');
  t.same(await board(), ['Title after'], 'the board shows the new title at once');
});

t.test('the home and a member’s event page are kept across a submission, and follow what they show', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'open', { eventVisibility: 'public' });
  const e = await eventWithTalk(ctx, c);
  const homes = ctx.app.services.renderCaches.cache('community-homes');
  const events = ctx.app.services.renderCaches.cache('event-pages');
  const get = async (url: string, headers: Record<string, string> = html) => {
    const r = await ctx.app.inject({ method: 'GET', url, headers });
    t.equal(r.statusCode, 200, url);
    return r.body;
  };
  const home = await get('/c/open');
  const page = await get(`/events/${e.eventId}`);
  const [homeMisses, eventMisses] = [homes.misses, events.misses];

  await submitted(ctx, c, 'A new submission');
  t.equal(await get('/c/open'), home, 'the home is the same');
  t.equal(await get(`/events/${e.eventId}`), page, 'the event page is the same');
  t.equal(homes.misses, homeMisses, 'the home was not rendered again');
  t.equal(events.misses, eventMisses, 'the event page was not rendered again');

  // The organizer's event page lists accepted talks to place: it follows every change.
  const s = await ctx.app.services.sessions.start(c.organizer.id, 'email-link', 'test');
  const organizer = { ...html, cookie: `bb_session=${s.secret}` };
  t.notMatch(await get(`/events/${e.eventId}`, organizer), /Late accepted talk/);
  const late = await submitted(ctx, c, 'Late accepted talk');
  await ctx.req('POST', `/v1/proposals/${late}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  t.match(await get(`/events/${e.eventId}`, organizer), /Late accepted talk/, "in the organizer's backlog at once");

  await ctx.req('POST', `/v1/events/${e.eventId}/slots`, {
    token: c.organizer.token,
    body: { proposalId: e.talkId, startsAt: '2027-06-10T10:00:00Z' },
  });
  const placed = await get(`/events/${e.eventId}`);
  t.not(placed, page, 'a talk placed on the agenda shows at once');
  t.match(placed, /Talk for /);
  const upcoming = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
    token: c.organizer.token,
    body: { title: 'Newly announced', startsAt: '2027-07-01T10:00:00Z', endsAt: '2027-07-01T11:00:00Z' },
  });
  await ctx.req('PATCH', `/v1/events/${upcoming.body.id}`, { token: c.organizer.token, body: { status: 'published' } });
  t.match(await get('/c/open'), /Newly announced/, 'a new event shows on the home at once');
});

t.test('search is kept across submissions, and follows talks and names', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'kb');
  const cache = ctx.app.services.renderCaches.cache('search');
  const id = await submitted(ctx, c, 'Observability basics');
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  const within = () => ctx.req('GET', `/v1/search?q=observability&community=${c.slug}`, { token: c.member.token });
  const across = () => ctx.req('GET', '/v1/search?q=observability', { token: c.member.token });
  t.equal((await within()).body.items.length, 1);
  t.equal((await across()).body.items.length, 1);
  const misses = cache.misses;
  await submitted(ctx, c, 'Observability, submitted only');
  t.equal((await within()).body.items.length, 1, 'a submission is not a result');
  t.equal((await across()).body.items.length, 1);
  t.equal(cache.misses, misses, 'both answered from the cache');

  await ctx.req('PATCH', `/v1/communities/${c.slug}`, { token: c.organizer.token, body: { name: 'Renamed guild' } });
  t.equal((await within()).body.items[0].community.name, 'Renamed guild', "the community's new name at once");
  t.equal((await across()).body.items[0].community.name, 'Renamed guild');
  const more = await submitted(ctx, c, 'Observability, accepted later');
  await ctx.req('POST', `/v1/proposals/${more}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  t.equal((await within()).body.items.length, 2, 'an accepted talk is found at once');
  t.equal((await across()).body.items.length, 2);
});
