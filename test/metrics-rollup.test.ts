import t from 'tap';
import { community, setup, submitted } from './helper';
import { computeAndKeep, figuresByBucket, type Bucket } from '../src/modules/metrics/metrics.queries';
import { figures } from '../src/modules/metrics/metrics.service';

/**
 * Kept buckets (migration MetricsRollup, metrics.rollup.ts): after every kind of write to a fact in
 * the past, the figures served equal the figures computed from scratch, for every bucket size, and
 * a write that no reader's snapshot can hold is never baked into a kept bucket.
 */
t.test('kept metrics buckets', async (t) => {
  const ctx = await setup(t);
  const { req, ds, app } = ctx;
  const c = await community(ctx, 'rollup');
  const org = c.organizer.token;
  const [{ id: cid, time_zone: tz }] = await ds.query(`SELECT id, time_zone FROM community WHERE slug = 'rollup'`);
  const from = '2025-01-01';
  const to = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
  const metrics = app.services.metrics;
  const live = async (unit: Bucket = 'month', zone = tz, f = from) =>
    (await figuresByBucket(ds.manager, cid, zone, f, to, unit)).map(figures);
  const kept = async (unit: Bucket = 'month') =>
    (
      await ds.query('SELECT count(*)::int AS n FROM metrics_bucket WHERE community_id = $1 AND unit = $2', [cid, unit])
    )[0].n as number;

  // A year of history: two talks at two events, decisions, RSVPs, feedback, a lesson, tasks, a
  // nomination, a wish with votes, departments.
  await req('PATCH', '/v1/me', { token: c.speaker.token, body: { department: 'Payments' } });
  await req('PATCH', '/v1/me', { token: c.member.token, body: { department: 'Search' } });
  const p1 = await submitted(ctx, c, 'P1', c.speaker);
  const p2 = await submitted(ctx, c, 'P2', c.member);
  const p3 = await submitted(ctx, c, 'P3', c.member);
  for (const [p, at] of [
    [p1, '2025-02-03T09:00:00Z'],
    [p2, '2025-02-20T09:00:00Z'],
    [p3, '2025-03-01T09:00:00Z'],
  ])
    await ds.query('UPDATE proposal SET submitted_at = $2 WHERE id = $1', [p, at]);
  for (const [p, to, at] of [
    [p1, 'accepted', '2025-03-10T09:00:00Z'],
    [p2, 'accepted', '2025-03-12T09:00:00Z'],
    [p3, 'rejected', '2025-03-15T09:00:00Z'],
  ]) {
    await req('POST', `/v1/proposals/${p}/transitions`, { token: org, body: { to } });
    await ds.query('UPDATE proposal_transition SET at = $2 WHERE proposal_id = $1 AND to_state = $3', [p, at, to]);
  }
  const event = async (title: string, startsAt: string, endsAt: string) => {
    const e = await req('POST', '/v1/communities/rollup/events', { token: org, body: { title, startsAt, endsAt } });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    return e.body.id as string;
  };
  const e1 = await event('April', '2025-04-10T10:00:00Z', '2025-04-10T12:00:00Z');
  const e2 = await event('June', '2025-06-12T10:00:00Z', '2025-06-12T12:00:00Z');
  await req('POST', `/v1/events/${e1}/slots`, {
    token: org,
    body: { proposalId: p1, startsAt: '2025-04-10T10:00:00Z' },
  });
  await req('POST', `/v1/events/${e2}/slots`, {
    token: org,
    body: { proposalId: p2, startsAt: '2025-06-12T10:00:00Z' },
  });
  await ds.query(`INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, 'going'), ($3, $2, 'going')`, [
    e1,
    c.reviewer.id,
    e2,
  ]);
  await ds.query('INSERT INTO feedback (proposal_id, person_id, rating) VALUES ($1, $2, 4)', [p1, c.member.id]);
  await ds.query('DELETE FROM task WHERE community_id = $1', [cid]);
  await ds.query(
    `INSERT INTO task (community_id, proposal_id, title, category, owner, due_at, due_overridden, status, status_at)
     VALUES ($1, $2, 'T1', 'logistics', 'organizer', '2025-04-01T10:00:00Z', true, 'open', NULL),
            ($1, $2, 'T2', 'logistics', 'organizer', '2025-05-01T10:00:00Z', true, 'done', '2025-04-30T10:00:00Z')`,
    [cid, p1],
  );
  await ds.query(
    `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, created_at) VALUES ($1, $2, $3, 'N1', '2025-01-10T10:00:00Z')`,
    [cid, c.speaker.id, c.reviewer.id],
  );
  const [{ id: wish }] = await ds.query(
    `INSERT INTO topic_wish (community_id, author_id, title, created_at) VALUES ($1, $2, 'W1', '2025-01-20T10:00:00Z') RETURNING id`,
    [cid, c.speaker.id],
  );

  for (const unit of ['month', 'week', 'quarter', 'year'] as const) {
    t.same(await metrics.compute(cid, tz, from, to, unit), await live(unit), `${unit}: computed and kept`);
    t.ok((await kept(unit)) > 0, `${unit}: finished buckets are kept`);
    t.same(await metrics.compute(cid, tz, from, to, unit), await live(unit), `${unit}: read back from what was kept`);
  }
  // What is served is what was kept (a kept bucket changed behind the triggers' back shows).
  await ds.query(
    `UPDATE metrics_bucket SET figures = jsonb_set(figures, '{proposals_submitted}', '99') WHERE community_id = $1 AND unit = 'month' AND starts = '2025-02-01'`,
    [cid],
  );
  t.equal((await metrics.compute(cid, tz, from, to, 'month'))[1].proposalsSubmitted, 99, 'kept rows are what is read');
  await ds.query(`DELETE FROM metrics_bucket WHERE community_id = $1`, [cid]);
  // A period that starts mid-bucket: its first bucket is kept as the part from that day on.
  t.same(
    await metrics.compute(cid, tz, '2025-02-15', to, 'month'),
    await live('month', tz, '2025-02-15'),
    'mid-month start',
  );
  t.same(await metrics.compute(cid, tz, '2025-02-15', to, 'month'), await live('month', tz, '2025-02-15'), 'and again');

  const writes: [string, string, unknown[]][] = [
    ['a submission moves a month', `UPDATE proposal SET submitted_at = '2025-01-25T09:00:00Z' WHERE id = $1`, [p3]],
    [
      'a decision moves',
      `UPDATE proposal_transition SET at = '2025-05-02T09:00:00Z' WHERE proposal_id = $1 AND to_state = 'accepted'`,
      [p2],
    ],
    [
      'a talk moves',
      `UPDATE slot SET starts_at = '2025-05-10T10:00:00Z', ends_at = '2025-05-10T10:30:00Z' WHERE proposal_id = $1`,
      [p1],
    ],
    ['a check-in', `UPDATE rsvp SET checked_in_at = '2025-06-12T10:05:00Z' WHERE event_id = $1`, [e2]],
    ['a rating changes', `UPDATE feedback SET rating = 1 WHERE proposal_id = $1`, [p1]],
    [
      'a lesson is published',
      `INSERT INTO lesson (proposal_id, community_id, status, published_at) VALUES ($1, $2, 'published', now())`,
      [p2, cid],
    ],
    [
      'a task is due earlier',
      `UPDATE task SET due_at = '2025-03-20T10:00:00Z' WHERE title = 'T1' AND community_id = $1`,
      [cid],
    ],
    [
      'a task is done on time',
      `UPDATE task SET status = 'done', status_at = '2025-03-19T10:00:00Z' WHERE title = 'T1' AND community_id = $1`,
      [cid],
    ],
    [
      'a nomination becomes a proposal',
      `UPDATE nomination SET proposal_id = $1, status = 'accepted', decided_at = now() WHERE community_id = $2`,
      [p3, cid],
    ],
    [
      'a vote from back then',
      `INSERT INTO topic_wish_vote (wish_id, person_id, created_at) VALUES ($1, $2, '2025-02-02T10:00:00Z')`,
      [wish, c.member.id],
    ],
    ['a department changes', `UPDATE person SET department = 'Risk' WHERE id = $1`, [c.reviewer.id]],
    [
      'a co-speaker joins',
      `INSERT INTO proposal_speaker (proposal_id, person_id) VALUES ($1, $2)`,
      [p1, c.reviewer.id],
    ],
    ['an event is canceled', `UPDATE event SET status = 'canceled' WHERE id = $1`, [e1]],
    ['a proposal is deleted', `DELETE FROM proposal WHERE id = $1`, [p3]],
    ['an event is deleted', `DELETE FROM event WHERE id = $1`, [e2]],
  ];
  for (const [what, text, values] of writes) {
    for (const unit of ['month', 'quarter'] as const) await metrics.compute(cid, tz, from, to, unit); // kept
    const before = await live();
    await ds.query(text, values);
    const now = await live();
    t.not(JSON.stringify(now), JSON.stringify(before), `${what}: the figures change`);
    t.same(await metrics.compute(cid, tz, from, to, 'month'), now, `${what}: served by month as computed`);
    t.same(await metrics.compute(cid, tz, from, to, 'quarter'), await live('quarter'), `${what}: by quarter`);
  }
  // A bucket is kept until its figures change by time alone: here, an event under way ends in an hour.
  await ds.query('DELETE FROM metrics_bucket WHERE community_id = $1', [cid]);
  const [now] = await ds.query(
    `INSERT INTO event (community_id, title, starts_at, ends_at, time_zone, status)
     VALUES ($1, 'Under way', now() - interval '1 minute', now() + interval '1 hour', $2, 'published')
     RETURNING ends_at, to_char(date_trunc('month', starts_at AT TIME ZONE $2), 'YYYY-MM-DD') AS month`,
    [cid, tz],
  );
  await metrics.compute(cid, tz, from, to, 'month');
  const heldUntil = async () =>
    (
      await ds.query(
        `SELECT valid_until FROM metrics_bucket WHERE community_id = $1 AND unit = 'month' AND time_zone = $2 AND starts = $3`,
        [cid, tz, now.month],
      )
    )[0]?.valid_until as Date | undefined;
  t.equal((await heldUntil())?.toISOString(), now.ends_at.toISOString(), 'its month is kept until the event ends');
  await ds.query(
    `UPDATE metrics_bucket SET figures = jsonb_set(figures, '{proposals_submitted}', '99'), valid_until = now() - interval '1 ms'
      WHERE community_id = $1 AND unit = 'month' AND starts = $2`,
    [cid, now.month],
  );
  t.same(
    await metrics.compute(cid, tz, from, to, 'month'),
    await live(),
    'a bucket whose time has come is computed again',
  );
  // A fact dated later than now that counts by its date alone (only SQL can write one): its bucket is not kept.
  await ds.query(
    `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, created_at)
     VALUES ($1, $2, $3, 'Later', least(now() + interval '1 minute', (date_trunc('month', now() AT TIME ZONE $4) + interval '1 month' - interval '1 ms') AT TIME ZONE $4))
     RETURNING id`,
    [cid, c.speaker.id, c.member.id, tz],
  );
  t.same(await metrics.compute(cid, tz, from, to, 'month'), await live(), 'a fact dated later is counted');
  t.equal(await heldUntil(), undefined, 'and the bucket it is in is not kept');
  const [{ next }] = await ds.query(
    `SELECT to_char(date_trunc('month', now() AT TIME ZONE $1) + interval '1 month', 'YYYY-MM-DD') AS next`,
    [tz],
  );
  await metrics.compute(cid, tz, from, next, 'month');
  t.equal(await heldUntil(), undefined, 'not even by a period that holds the whole month');
  await ds.query(`DELETE FROM nomination WHERE topic = 'Later'`);

  // The community moves to another time zone: its buckets are kept per zone.
  await req('PATCH', '/v1/communities/rollup', { token: org, body: { timeZone: 'Asia/Jerusalem' } });
  t.same(
    await metrics.compute(cid, 'Asia/Jerusalem', from, to, 'month'),
    await live('month', 'Asia/Jerusalem'),
    'another time zone',
  );
});

t.test('a write no snapshot can hold is never kept', async (t) => {
  const ctx = await setup(t);
  const { ds, app } = ctx;
  const c = await community(ctx, 'race');
  const [{ id: cid }] = await ds.query(`SELECT id FROM community WHERE slug = 'race'`);
  const p = await submitted(ctx, c, 'P', c.speaker);
  await ds.query(`UPDATE proposal SET submitted_at = '2025-03-03T10:00:00Z' WHERE id = $1`, [p]);
  const to = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
  const kept = async () =>
    (await ds.query('SELECT count(*)::int AS n FROM metrics_bucket WHERE community_id = $1', [cid]))[0].n as number;

  const compute = () => app.services.metrics.compute(cid, 'Europe/Berlin', '2025-01-01', to, 'month');
  // A writer touches at commit: while it is open a reader keeps what it sees, and the commit forgets it.
  const writer = ds.createQueryRunner();
  await writer.connect();
  try {
    await writer.startTransaction();
    await writer.query(`UPDATE proposal SET submitted_at = '2025-04-04T10:00:00Z' WHERE id = $1`, [p]);
    t.equal((await compute())[2].proposalsSubmitted, 1, 'the committed figures are served');
    t.ok((await kept()) > 0, 'and kept');
    await writer.commitTransaction();
  } finally {
    await writer.release();
  }
  const after = await compute();
  t.same([after[2].proposalsSubmitted, after[3].proposalsSubmitted], [0, 1], 'the write is seen once committed');
  t.ok((await kept()) > 0, 'and buckets are kept again');

  // A writer that is committing holds the community's lock shared: no claim, nothing kept.
  await ds.query('DELETE FROM metrics_bucket WHERE community_id = $1', [cid]);
  const committing = ds.createQueryRunner();
  await committing.connect();
  try {
    await committing.startTransaction();
    await committing.query(`SELECT metrics_touch($1, now())`, [cid]);
    t.same(
      await compute(),
      (await figuresByBucket(ds.manager, cid, 'Europe/Berlin', '2025-01-01', to, 'month')).map(figures),
      'served as computed',
    );
    t.equal(await kept(), 0, 'nothing is kept while a writer is committing');
    t.equal((await ds.query('SELECT count(*)::int AS n FROM metrics_claim'))[0].n, 0, 'and no claim is left');
    await committing.commitTransaction();
  } finally {
    await committing.release();
  }

  // A write between a claim and the computation: only the buckets that end by its time are kept.
  await ds.query('DELETE FROM metrics_bucket WHERE community_id = $1', [cid]);
  const [{ id: early }] = await ds.query(`INSERT INTO metrics_claim (community_id) VALUES ($1) RETURNING id`, [cid]);
  await ds.query(`UPDATE proposal SET submitted_at = '2025-05-05T10:00:00Z' WHERE id = $1`, [p]);
  await computeAndKeep(ds.manager, cid, 'Europe/Berlin', '2025-01-01', '2025-01-01', to, 'month', early);
  const [{ latest: last }] = await ds.query(
    'SELECT max(ends_at) AS latest FROM metrics_bucket WHERE community_id = $1',
    [cid],
  );
  t.ok(new Date(last) <= new Date('2025-04-04T10:00:00Z'), 'nothing after the earliest time the write touched is kept');
  t.same(
    await compute(),
    (await figuresByBucket(ds.manager, cid, 'Europe/Berlin', '2025-01-01', to, 'month')).map(figures),
    'and what is served is exact',
  );

  // A write after a claim lowers it to the earliest moment it touched, and forgets later kept buckets.
  const [{ id: claim }] = await ds.query(`INSERT INTO metrics_claim (community_id) VALUES ($1) RETURNING id`, [cid]);
  await ds.query(`UPDATE proposal SET submitted_at = '2025-06-06T10:00:00Z' WHERE id = $1`, [p]);
  const [{ upto }] = await ds.query('SELECT upto FROM metrics_claim WHERE id = $1', [claim]);
  t.equal(
    new Date(upto).toISOString(),
    '2025-05-05T10:00:00.000Z',
    'the claim is lowered to the earliest time touched',
  );
  const [{ latest }] = await ds.query('SELECT max(ends_at) AS latest FROM metrics_bucket WHERE community_id = $1', [
    cid,
  ]);
  t.ok(new Date(latest) <= new Date('2025-05-05T10:00:00Z'), 'kept buckets after it are gone');

  // Readers and writers at once: whatever interleaving happens, what is served at the end is exact.
  await ds.query('DELETE FROM metrics_claim');
  const runs: Promise<unknown>[] = [];
  for (let i = 0; i < 12; i++) {
    runs.push(app.services.metrics.compute(cid, 'Europe/Berlin', '2025-01-01', to, i % 2 ? 'month' : 'week'));
    runs.push(
      ds.query(`UPDATE proposal SET submitted_at = $2 WHERE id = $1`, [
        p,
        `2025-${String((i % 9) + 1).padStart(2, '0')}-10T10:00:00Z`,
      ]),
    );
  }
  await Promise.all(runs);
  for (const unit of ['month', 'week'] as const)
    t.same(
      await app.services.metrics.compute(cid, 'Europe/Berlin', '2025-01-01', to, unit),
      (await figuresByBucket(ds.manager, cid, 'Europe/Berlin', '2025-01-01', to, unit)).map(figures),
      `${unit}: exact after concurrent reads and writes`,
    );
});

t.test('a bucket the period cuts is kept only until its own next flip, not a later one', async (t) => {
  const ctx = await setup(t);
  const { ds, app } = ctx;
  const c = await community(ctx, 'cut');
  const [{ id: cid }] = await ds.query(`SELECT id FROM community WHERE slug = 'cut'`);
  const p = await submitted(ctx, c, 'P', c.speaker);
  // A task due after the period's end but in its last bucket: when it falls due, that bucket's
  // tasks_due changes, so the kept bucket must be forgotten then (the month is kept whole, and a later
  // period reads it). A task due in a later bucket does not matter to it.
  const [{ soon, later, to }] = await ds.query(
    `SELECT greatest(now() + interval '2 hours', least(now() + interval '3 days', date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 month' - interval '1 minute')) AS soon,
            date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 month' + interval '1 day' AS later,
            to_char(now() AT TIME ZONE 'UTC' + interval '1 day', 'YYYY-MM-DD') AS to`,
  );
  await ds.query(
    `INSERT INTO task (community_id, proposal_id, title, category, owner, due_at, due_overridden, status)
     VALUES ($1, $2, 'Soon', 'logistics', 'organizer', $3, true, 'open'), ($1, $2, 'Later', 'logistics', 'organizer', $4, true, 'open')`,
    [cid, p, soon, later],
  );
  await ds.query('DELETE FROM metrics_bucket WHERE community_id = $1', [cid]);
  await app.services.metrics.compute(cid, 'UTC', '2025-01-01', to, 'month');
  const [row] = await ds.query(
    `SELECT valid_until FROM metrics_bucket WHERE community_id = $1 AND unit = 'month' AND starts = date_trunc('month', now() AT TIME ZONE 'UTC')::date`,
    [cid],
  );
  t.ok(row, 'the open month is kept');
  // The open month may end before `soon` only when `soon` is in the next month (the last minutes of a month).
  const soonInMonth = (
    await ds.query(
      `SELECT date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC') = date_trunc('month', now() AT TIME ZONE 'UTC') AS same`,
      [soon],
    )
  )[0].same;
  if (soonInMonth) t.equal(row.valid_until.toISOString(), soon.toISOString(), 'until the task of its own falls due');
  t.not(row.valid_until.toISOString(), later.toISOString(), 'not until a task of a later month');
});
