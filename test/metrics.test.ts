import t from 'tap';
import { community, setup, submitted } from './helper';

/**
 * A hand-checked fixture: three months of a community in Europe/Berlin. Every figure below was
 * worked out by hand from the facts set up here (see the comments), not read back from the code.
 */
t.test('community metrics', async (t) => {
  const ctx = await setup(t);
  const { req, ds } = ctx;
  const c = await community(ctx, 'guild'); // time zone Europe/Berlin
  const org = c.organizer.token;
  const dept = async (token: string, department: string) => req('PATCH', '/v1/me', { token, body: { department } });
  await dept(c.speaker.token, 'Payments');
  await dept(c.member.token, 'Search');
  await dept(c.reviewer.token, 'payments'); // the same department, spelled differently
  await dept(org, 'Platform');

  const decide = async (id: string, to: string, at: string) => {
    await req('POST', `/v1/proposals/${id}/transitions`, { token: org, body: { to } });
    await ds.query('UPDATE proposal_transition SET at = $2 WHERE proposal_id = $1 AND to_state = $3', [id, at, to]);
  };
  const submittedAt = (id: string, at: string) =>
    ds.query('UPDATE proposal SET submitted_at = $2 WHERE id = $1', [id, at]);

  // P1 (speaker): submitted in January, accepted in January, given in February.
  const p1 = await submitted(ctx, c, 'P1', c.speaker);
  await submittedAt(p1, '2026-01-05T09:00:00Z');
  await decide(p1, 'accepted', '2026-01-20T09:00:00Z');
  // P2 (member): submitted 31 January 23:30 UTC = 1 February 00:30 in Berlin → February; rejected in February.
  const p2 = await submitted(ctx, c, 'P2', c.member);
  await submittedAt(p2, '2026-01-31T23:30:00Z');
  await decide(p2, 'rejected', '2026-02-03T09:00:00Z');
  // P3 (speaker) and P4 (member): submitted and accepted in February, given in March.
  const p3 = await submitted(ctx, c, 'P3', c.speaker);
  await submittedAt(p3, '2026-02-10T09:00:00Z');
  await decide(p3, 'accepted', '2026-02-15T09:00:00Z');
  const p4 = await submitted(ctx, c, 'P4', c.member);
  await submittedAt(p4, '2026-02-11T09:00:00Z');
  await decide(p4, 'accepted', '2026-02-20T09:00:00Z');

  const event = async (title: string, startsAt: string, endsAt: string, status = 'published') => {
    const e = await req('POST', '/v1/communities/guild/events', { token: org, body: { title, startsAt, endsAt } });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    if (status === 'canceled')
      await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'canceled' } });
    return e.body.id as string;
  };
  const e1 = await event('February brown-bag', '2026-02-12T10:00:00Z', '2026-02-12T11:00:00Z');
  const e2 = await event('March brown-bag', '2026-03-05T10:00:00Z', '2026-03-05T12:00:00Z');
  const gone = await event('Canceled in March', '2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z');
  await req('POST', `/v1/events/${e1}/slots`, {
    token: org,
    body: { proposalId: p1, startsAt: '2026-02-12T10:00:00Z' },
  });
  await req('POST', `/v1/events/${e2}/slots`, {
    token: org,
    body: { proposalId: p3, startsAt: '2026-03-05T10:00:00Z' },
  });
  await req('POST', `/v1/events/${e2}/slots`, {
    token: org,
    body: { proposalId: p4, startsAt: '2026-03-05T11:00:00Z' },
  });
  await req('PATCH', `/v1/events/${gone}`, { token: org, body: { status: 'canceled' } });

  // February event: member (checked in), reviewer (going, did not come), organizer (walk-in) → 3 RSVPs, 2 attended.
  await req('PUT', `/v1/events/${e1}/rsvps/${c.member.id}/check-in`, { token: org, body: { checkedIn: true } });
  // (RSVPing to an event that is over is refused by the API, so this one is written as it was then)
  await ds.query(`INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, 'going')`, [e1, c.reviewer.id]);
  await req('PUT', `/v1/events/${e1}/rsvps/${c.organizer.id}/check-in`, { token: org, body: { checkedIn: true } });
  // March event: the reviewer, checked in → 1 RSVP, 1 attended.
  await req('PUT', `/v1/events/${e2}/rsvps/${c.reviewer.id}/check-in`, { token: org, body: { checkedIn: true } });

  // Feedback: P1 gets 4 and 2 (February mean 3); P3 gets 5 (March mean 5).
  for (const [p, who, rating] of [
    [p1, c.member, 4],
    [p1, c.reviewer, 2],
    [p3, c.reviewer, 5],
  ] as const) {
    const f = await req('PUT', `/v1/proposals/${p}/feedback/me`, { token: who.token, body: { rating } });
    if (f.status !== 201) throw new Error(`feedback: ${f.text}`);
  }
  // Lessons: P1 and P3 published, P4 only a draft → February 100 %, March 50 %.
  await req('PUT', `/v1/proposals/${p1}/lesson`, {
    token: c.speaker.token,
    body: { takeaways: ['a'], status: 'published' },
  });
  await req('PUT', `/v1/proposals/${p3}/lesson`, {
    token: c.speaker.token,
    body: { takeaways: ['b'], status: 'published' },
  });
  await req('PUT', `/v1/proposals/${p4}/lesson`, {
    token: c.member.token,
    body: { takeaways: ['c'], status: 'draft' },
  });

  // Tasks: replace the generated checklists with five hand-made ones.
  const community_id = (await ds.query(`SELECT id FROM community WHERE slug = 'guild'`))[0].id;
  await ds.query('DELETE FROM task WHERE community_id = $1', [community_id]);
  const task = (due: string, status: string, statusAt: string | null) =>
    ds.query(
      `INSERT INTO task (community_id, proposal_id, title, category, owner, due_at, due_overridden, status, status_at)
     VALUES ($1, $2, 'T', 'logistics', 'organizer', $3, true, $4, $5)`,
      [community_id, p1, due, status, statusAt],
    );
  await task('2026-02-01T10:00:00Z', 'done', '2026-01-30T10:00:00Z'); // Feb, on time
  await task('2026-02-05T10:00:00Z', 'done', '2026-02-07T10:00:00Z'); // Feb, late
  await task('2026-02-10T10:00:00Z', 'skipped', '2026-02-09T10:00:00Z'); // Feb, not counted
  await task('2026-02-11T10:00:00Z', 'open', null); // Feb, never done
  await task('2026-03-01T10:00:00Z', 'done', '2026-03-01T10:00:00Z'); // Mar, on time (to the second)

  // Nominations in January: one still open, one that became a submitted proposal (P2).
  await ds.query(
    `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, created_at) VALUES ($1, $2, $3, 'N1', '2026-01-10T10:00:00Z')`,
    [community_id, c.speaker.id, c.reviewer.id],
  );
  await ds.query(
    `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, status, decided_at, proposal_id, created_at)
                  VALUES ($1, $2, $3, 'N2', 'accepted', '2026-01-16T10:00:00Z', $4, '2026-01-15T10:00:00Z')`,
    [community_id, c.speaker.id, c.member.id, p2],
  );
  // Topic wishes: W1 in January (its author's vote then, the member's in February), W2 in February
  // (its author's vote then, the reviewer's in March) → wishes 1/1/0, votes 1/2/1.
  const wish = async (title: string, at: string) =>
    (
      await ds.query(
        `INSERT INTO topic_wish (community_id, author_id, title, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [community_id, c.speaker.id, title, at],
      )
    )[0].id as string;
  const w1 = await wish('W1', '2026-01-20T10:00:00Z');
  const w2 = await wish('W2', '2026-02-20T10:00:00Z');
  for (const [w, who, at] of [
    [w1, c.speaker.id, '2026-01-20T10:00:00Z'],
    [w1, c.member.id, '2026-02-02T10:00:00Z'],
    [w2, c.speaker.id, '2026-02-20T10:00:00Z'],
    [w2, c.reviewer.id, '2026-03-03T10:00:00Z'],
  ])
    await ds.query(`INSERT INTO topic_wish_vote (wish_id, person_id, created_at) VALUES ($1, $2, $3)`, [w, who, at]);

  const expected = [
    {
      bucket: '2026-01-01',
      proposalsSubmitted: 1,
      proposalsAccepted: 1,
      proposalsRejected: 0,
      acceptanceRatePct: 100,
      speakers: 0,
      firstTimeSpeakers: 0,
      departmentsReached: 0,
      eventsHeld: 0,
      talksGiven: 0,
      rsvps: 0,
      attended: 0,
      attendanceRatePct: null,
      meanFeedback: null,
      tasksDue: 0,
      tasksOnTimePct: null,
      talksWithLessonPct: null,
      nominations: 2,
      nominationsToProposals: 1,
      topicWishes: 1,
      wishVotes: 1,
    },
    {
      // speakers: Sam (Payments); people reached: Max (Search), Rita (payments), Olga (Platform) → 3 departments
      bucket: '2026-02-01',
      proposalsSubmitted: 3,
      proposalsAccepted: 2,
      proposalsRejected: 1,
      acceptanceRatePct: 66.7,
      speakers: 1,
      firstTimeSpeakers: 1,
      departmentsReached: 3,
      eventsHeld: 1,
      talksGiven: 1,
      rsvps: 3,
      attended: 2,
      attendanceRatePct: 66.7,
      meanFeedback: 3,
      tasksDue: 3,
      tasksOnTimePct: 33.3,
      talksWithLessonPct: 100,
      nominations: 0,
      nominationsToProposals: 0,
      topicWishes: 1,
      wishVotes: 2,
    },
    {
      // speakers: Sam (second talk: not a first-timer) and Max (first); Rita attended → Payments, Search
      bucket: '2026-03-01',
      proposalsSubmitted: 0,
      proposalsAccepted: 0,
      proposalsRejected: 0,
      acceptanceRatePct: null,
      speakers: 2,
      firstTimeSpeakers: 1,
      departmentsReached: 2,
      eventsHeld: 1,
      talksGiven: 2,
      rsvps: 1,
      attended: 1,
      attendanceRatePct: 100,
      meanFeedback: 5,
      tasksDue: 1,
      tasksOnTimePct: 100,
      talksWithLessonPct: 50,
      nominations: 0,
      nominationsToProposals: 0,
      topicWishes: 0,
      wishVotes: 1,
    },
  ];

  t.test('figures per month equal the hand-checked fixture', async (t) => {
    const r = await req('GET', '/v1/communities/guild/metrics?from=2026-01-01&to=2026-04-01&bucket=month', {
      token: c.member.token,
    });
    t.equal(r.status, 200, r.text);
    t.match(r.body, {
      community: 'guild',
      timeZone: 'Europe/Berlin',
      from: '2026-01-01',
      to: '2026-04-01',
      bucket: 'month',
    });
    t.same(r.body.buckets, expected);
  });

  t.test('quarters add up, and CSV says the same', async (t) => {
    const q = await req('GET', '/v1/communities/guild/metrics?from=2026-01-01&to=2026-04-01&bucket=quarter', {
      token: org,
    });
    t.equal(q.body.buckets.length, 1);
    t.match(q.body.buckets[0], {
      proposalsSubmitted: 4,
      proposalsAccepted: 3,
      proposalsRejected: 1,
      acceptanceRatePct: 75,
      speakers: 2,
      firstTimeSpeakers: 2,
      talksGiven: 3,
      eventsHeld: 2,
      rsvps: 4,
      attended: 3,
      tasksDue: 4,
      tasksOnTimePct: 50,
      nominations: 2,
    });
    t.equal(q.body.buckets[0].meanFeedback, 3.67);
    const csv = await req('GET', '/v1/communities/guild/metrics?from=2026-01-01&to=2026-04-01', {
      token: org,
      headers: { accept: 'text/csv' },
    });
    t.equal(csv.status, 200);
    t.match(csv.headers['content-type'], /^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    t.equal(lines.length, 4);
    t.same(lines[0].split(','), Object.keys(expected[0]));
    t.same(
      lines[2].split(','),
      Object.values(expected[1]).map((v) => (v === null ? '' : String(v))),
    );
    t.equal(
      (await req('GET', '/v1/communities/guild/metrics?from=2026-01-01&to=2026-04-01&format=csv', { token: org })).text,
      csv.text,
    );
  });

  t.test('refusals', async (t) => {
    const outsider = await ctx.person('out@else.example');
    t.equal((await req('GET', '/v1/communities/guild/metrics', { token: outsider.token })).status, 403);
    t.equal((await req('GET', '/v1/communities/guild/metrics')).status, 401);
    t.equal((await req('GET', '/v1/communities/guild/metrics?bucket=day', { token: org })).status, 400);
    t.equal((await req('GET', '/v1/communities/guild/metrics?from=2026-13-01', { token: org })).status, 400);
    t.equal(
      (await req('GET', '/v1/communities/guild/metrics?from=2026-04-01&to=2026-01-01', { token: org })).status,
      422,
    );
    t.equal(
      (await req('GET', '/v1/communities/guild/metrics?from=1900-01-01&to=2100-01-01&bucket=week', { token: org })).body
        .code,
      'too-many-buckets',
    );
    t.equal((await req('GET', '/v1/communities/nope/metrics', { token: org })).status, 404);
    const dflt = await req('GET', '/v1/communities/guild/metrics', { token: org });
    t.equal(dflt.status, 200);
    t.ok(dflt.body.buckets.length >= 12 && dflt.body.buckets.length <= 13, 'the last twelve months by default');
  });
});
