/**
 * The reads that begin nearly every request — a community with the reader's role and versions, an
 * event page's stamp, a search's key — go out together when asked for in one turn (issue #30): one
 * statement, each caller its own answer, a missing one a 404 that takes no other down, and a write
 * seen by the next read.
 */
import t from 'tap';
import type { Actor } from '../src/core/actor';
import { NotFound } from '../src/core/errors';
import { community, eventWithTalk, setup } from './helper';
import { createDataSource } from '../src/db/data-source';

t.test('community reads asked for together share one statement, each with its own answer', async (t) => {
  const ctx = await setup(t);
  const a = await community(ctx, 'batched-a');
  const b = await community(ctx, 'batched-b');
  const svc = ctx.app.services.communities;
  const actor = async (email: string): Promise<Actor> => ({
    ...(await ctx.app.services.people.authenticate((await ctx.person(email)).token))!,
  });
  const orgA = await actor(a.organizer.email);
  const memB = await actor(b.member.email);
  const counts = { ...svc.batches.slug.counts };
  const [one, two, three, missing] = await Promise.allSettled([
    svc.access(orgA, 'batched-a'),
    svc.access(memB, 'batched-b'),
    svc.access(memB, 'batched-a'),
    svc.access(orgA, 'no-such-community'),
  ]);
  t.equal(svc.batches.slug.counts.statements - counts.statements, 1, 'four reads, one statement');
  t.equal(svc.batches.slug.counts.items - counts.items, 4);
  t.equal(svc.batches.slug.counts.retriedAlone, counts.retriedAlone, 'nobody was tried again alone');
  const ok = (r: PromiseSettledResult<Awaited<ReturnType<typeof svc.access>>>) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  };
  t.match(ok(one), { community: { slug: 'batched-a' }, role: 'organizer' });
  t.match(ok(two), { community: { slug: 'batched-b' }, role: 'member' });
  t.match(ok(three), { community: { slug: 'batched-a' }, role: null }, 'a stranger to the community has no role');
  t.ok(missing.status === 'rejected' && missing.reason instanceof NotFound, 'the missing one alone is not found');
  const v = ok(one).community;
  t.match(v, { listVersion: /^\d+$/, publicVersion: /^\d+$/, taskVersion: /^\d+$/ }, 'with its versions');

  // A write is seen by the very next read: the shared statement is sent after the request arrived.
  await ctx.req('PATCH', `/v1/communities/batched-b/members/${(await ctx.person(b.member.email)).id}`, {
    token: b.organizer.token,
    body: { role: 'reviewer' },
  });
  t.equal((await svc.access(memB, 'batched-b')).role, 'reviewer', 'the new role at once');
  t.equal((await ctx.req('GET', '/v1/communities/batched-b', { token: b.member.token })).body.myRole, 'reviewer');
});

t.test('event page stamps and search keys go out together too', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'stamped');
  const { eventId } = await eventWithTalk(ctx, c);
  const events = ctx.app.services.events;
  const reader = (await ctx.app.services.people.authenticate(c.member.token))!;
  const before = { ...events.stamps.counts };
  const [mine, none] = await Promise.all([
    events.pageStamp(reader, eventId),
    events.pageStamp(reader, '00000000-0000-4000-8000-000000000000'),
  ]);
  t.equal(events.stamps.counts.statements - before.statements, 1, 'two stamps, one statement');
  t.ok(mine?.key, 'the event has its stamp');
  t.equal(none, undefined, 'no event, no stamp');
  const page = await ctx.app.inject({ method: 'GET', url: '/events/00000000-0000-4000-8000-000000000000' });
  t.equal(page.statusCode, 404, 'and its page is not found');
  // The API's uuid format takes a urn:uuid: prefix that PostgreSQL refuses: that id goes alone.
  const shared = { ...events.stamps.counts };
  const odd = await ctx.app.inject({ method: 'GET', url: `/events/urn:uuid:${eventId}` });
  t.equal(odd.statusCode, 400, 'an id PostgreSQL refuses is a bad request');
  t.same(events.stamps.counts, shared, 'and never joined a shared statement');

  const search = ctx.app.services.search;
  const s0 = { ...search.stamps.counts };
  const [within, across, nowhere, again] = await Promise.all([
    search.stamp('stamped'),
    search.stamp(),
    search.stamp('no-such-community'),
    search.stamp('stamped'),
  ]);
  t.equal(search.stamps.counts.statements - s0.statements, 1, 'four keys, one batch');
  t.match(within, /^c[0-9a-f-]+\.\d+\.\d+$/, 'within the community: its id, settings and public versions');
  t.equal(again, within, 'the same community, the same key');
  t.equal(nowhere, 'none');
  t.not(across, within, 'across all communities: another key');
  await ctx.req('POST', `/v1/communities/stamped/events`, {
    token: c.organizer.token,
    body: { title: 'Moves the key', startsAt: '2027-07-10T10:00:00Z', endsAt: '2027-07-10T11:00:00Z' },
  });
  t.not(await search.stamp('stamped'), within, 'a public change moves the key at once');
});

t.test('credential lookups that miss the cache share one statement, each its own person', async (t) => {
  const ctx = await setup(t);
  const ada = await ctx.person('ada@batched.example', 'Ada');
  const bob = await ctx.person('bob@batched.example', 'Bob');
  const people = ctx.app.services.people;
  const before = { ...people.owners.counts };
  const [a, b, none] = await Promise.all([
    people.authenticate(ada.token),
    people.authenticate(bob.token),
    people.authenticate('bb_no-such-token'),
  ]);
  t.equal(people.owners.counts.statements - before.statements, 1, 'three tokens, one statement');
  t.match(a, { id: ada.id, name: 'Ada' });
  t.match(b, { id: bob.id, name: 'Bob' });
  t.equal(none, null, 'an unknown token is nobody');

  const sessions = ctx.app.services.sessions;
  const one = await sessions.start(ada.id, 'email-link', 'test');
  const two = await sessions.start(bob.id, 'email-link', 'test');
  const s0 = { ...sessions.owners.counts };
  const [x, y, gone] = await Promise.all([
    sessions.authenticate(one.secret),
    sessions.authenticate(two.secret),
    sessions.authenticate('sess_no-such-session'),
  ]);
  t.equal(sessions.owners.counts.statements - s0.statements, 1, 'three sessions, one statement');
  t.match(x, { id: ada.id, sessionId: one.id });
  t.match(y, { id: bob.id, sessionId: two.id });
  t.equal(gone, null);
});

t.test('the pool plans each named statement once per connection (DB_PLAN_CACHE_MODE)', async (t) => {
  const ctx = await setup(t, { poolSize: 1 });
  await community(ctx, 'planned-once');
  const org = (await ctx.app.services.people.authenticate((await ctx.person('planner@example.com')).token))!;
  // One connection, so every read below lands on it; the batched read is the statement PostgreSQL
  // re-planned on every call under plan_cache_mode=auto (its parameters are arrays).
  for (let i = 0; i < 8; i++) await ctx.app.services.communities.access(org, 'planned-once');
  const [mode] = await ctx.ds.query('SHOW plan_cache_mode');
  t.equal(mode.plan_cache_mode, 'force_generic_plan');
  const plans = await ctx.ds.query(
    `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%unnest(%' AND statement LIKE '%membership%'`,
  );
  t.ok(plans.length >= 1, 'the batched community read is a named statement on the connection');
  t.ok(
    plans.every(
      (p: { generic_plans: string; custom_plans: string }) =>
        Number(p.custom_plans) === 0 && Number(p.generic_plans) >= 8,
    ),
    `planned once, run from its plan: ${JSON.stringify(plans)}`,
  );
});

t.test("the plan mode joins the URL's own startup options, and auto sends none", async (t) => {
  const ctx = await setup(t, { poolSize: 1 });
  const url = new URL(ctx.dbUrl);
  url.searchParams.set('options', '-c statement_timeout=4321');
  const forced = createDataSource(url.toString(), 1);
  const left = createDataSource(ctx.dbUrl, 1, 'auto');
  await forced.initialize();
  await left.initialize();
  t.teardown(() => Promise.all([forced.destroy(), left.destroy()]));
  const show = async (ds: typeof forced, name: string) => (await ds.query(`SHOW ${name}`))[0][name];
  t.equal(await show(forced, 'statement_timeout'), '4321ms', "the URL's own option holds");
  t.equal(await show(forced, 'plan_cache_mode'), 'force_generic_plan', 'beside the plan mode');
  t.equal(await show(left, 'plan_cache_mode'), 'auto', "auto sends nothing: the server's setting holds");
});
