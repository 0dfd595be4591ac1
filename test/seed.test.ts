import t from 'tap';
import { DEMO_SLUG, seedDemo } from '../scripts/seed/demo';
import { setup } from './helper';

t.test('the demo seed builds a whole community through the services', async (t) => {
  const ctx = await setup(t);
  const admin = { id: ctx.admin.id, email: ctx.admin.email, name: 'Admin', isAdmin: true, tokenId: 'seed' };
  let ticks = 0;
  const tokens = await seedDemo(ctx.app.services, admin, () => ticks++);
  t.ok(ticks > 10, 'progress reported');
  t.equal(Object.keys(tokens).length, 10);
  const states = await ctx.ds.query('SELECT DISTINCT state FROM proposal ORDER BY state');
  t.same(states.map((s: { state: string }) => s.state).sort(), [
    'accepted',
    'canceled',
    'confirmed',
    'draft',
    'rejected',
    'submitted',
    'waitlisted',
    'withdrawn',
  ]);
  const olga = tokens['olga.organizer@example.com'];
  const events = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/events`, { token: olga });
  const [lunches, others] = [true, false].map((series) =>
    events.body.items.filter((e: { title: string }) => (e.title === 'Guild lunch') === series),
  );
  t.equal(others.length, 7, 'five, and two earlier brown-bags (the community-health story)');
  t.equal(lunches.length, 7, 'a series: six upcoming lunches and the skipped one, canceled');
  const series = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/series`, { token: olga });
  t.match(series.body.items, [{ title: 'Guild lunch', rules: [{ cadence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH' }] }]);
  t.equal(series.body.items[0].skips.length, 1);
  const lunch = events.body.items.find((e: { title: string }) => e.title === 'Platform brown-bag: performance edition');
  const full = await ctx.req('GET', `/v1/events/${lunch.id}`, { token: olga });
  t.match(full.body, { going: 6, waitlisted: 2 });
  t.equal(full.body.agenda.length, 3);
  const feed = await ctx.app.inject({
    method: 'GET',
    url: `/v1/communities/${DEMO_SLUG}/calendar.ics?talks=true`,
    headers: { authorization: `Bearer ${olga}` },
  });
  t.equal(feed.statusCode, 200);
  t.match(feed.body, /STATUS:CANCELLED/);
  const board = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/tasks?overdue=true`, { token: olga });
  t.ok(
    board.body.items.some((x: { title: string }) => x.title === 'Recording consent'),
    'an overdue task on the board',
  );
  t.ok(board.body.counts.byStatus.open > 0);
  const found = await ctx.req('GET', '/v1/search?q=sampling%20traces', { token: tokens['tom.berg@example.com'] });
  t.equal(found.body.items[0]?.title, 'Observability on a budget', 'the published lesson is in the knowledge base');
  const md = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/lessons.md?from=2000-01-01&to=2100-01-01`, {
    token: olga,
  });
  t.match(md.text, /Sample traces by value/);
  t.match(md.text, /Online-only worked/, 'organizers read their retrospective');
  const nominations = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/nominations`, { token: olga });
  t.equal(nominations.body.items.length, 1, 'one open nomination');
  const wishes = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/wishes`, { token: olga });
  t.same(
    wishes.body.items.map((w: { title: string; votes: number }) => [w.title, w.votes]),
    [
      ['Kubernetes cost allocation', 5],
      ['Accessibility testing in CI', 3],
      ['How support triages bugs', 2],
      ['Threat modelling for product teams', 1],
    ],
    'wishes, most votes first',
  );
  t.match(wishes.body.items[0].offers, [{ name: 'Yuki Tanaka' }], 'with an offer to talk');
  const team = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/team-roles`, { token: olga });
  t.same(
    team.body.items.map((r: { key: string; holder: { name: string } | null }) => [r.key, r.holder?.name ?? null]),
    [
      ['ambassador', 'Olga Petrova'],
      ['architect', 'Olga Petrova'],
      ['empath', null],
    ],
    'a team with roles',
  );
  const metrics = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/metrics`, { token: olga });
  t.ok(
    metrics.body.buckets.some(
      (b: { talksGiven: number; talksWithLessonPct: number }) => b.talksGiven === 2 && b.talksWithLessonPct === 50,
    ),
    'last month in figures',
  );
  const health = await ctx.req('GET', `/v1/communities/${DEMO_SLUG}/health`, { token: olga });
  const attendance = health.body.indicators.find((i: { key: string }) => i.key === 'attendance');
  t.match(
    attendance,
    { status: 'act', reason: 'Attendance fell 3 meetings in a row: 9 → 8 → 6.' },
    'the health story: an indicator that needs attention',
  );
});
