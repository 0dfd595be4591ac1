/**
 * Community health over HTTP and through the real worker: the report and its settings, act once
 * (digest mail to the SMTP sink and the chat, not repeated until it recovers and falls again), and
 * the monthly invitation to propose under two workers (the quarterly cap holds).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { checkAll } from '../src/modules/vitality/vitality.check';
import { community, setup, submitted, type Ctx, type Community } from './helper';
import { MAIL_SETTINGS, smtpSink, worker } from './mail-helper';

/** The chat stand-in listens on loopback: allowed as an operator would (DESTINATIONS_ALLOW). */
const SETTINGS = { ...MAIL_SETTINGS, destinationsAllow: ['127.0.0.1'] };

async function chat(t: { teardown(fn: () => unknown): void }) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => Promise<boolean>, ms = 30000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const idle = (ctx: Ctx, task: string) =>
  until(`${task} jobs to finish`, async () => {
    const [r] = await ctx.ds.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1 AND attempts < max_attempts`,
      [task],
    );
    return r.n === 0;
  });

/** Three meetings held in the autumn, one talk each, and 30 more members; `came[i]` of them checked in at meeting i. */
async function autumn(ctx: Ctx, c: Community, came: number[]) {
  const org = c.organizer.token;
  await ctx.ds.query(
    `WITH p AS (INSERT INTO person (email, name, department)
                SELECT 'p' || g || '@guild.example', 'Person ' || g, 'Dept ' || (g % 6) FROM generate_series(1, 30) g RETURNING id)
     INSERT INTO membership (community_id, person_id, role) SELECT c.id, p.id, 'member' FROM p, community c WHERE c.slug = $1`,
    [c.slug],
  );
  const events: string[] = [];
  for (const [i, day] of ['2026-10-15', '2026-11-05', '2026-11-26'].entries()) {
    const talk = await submitted(ctx, c, `Autumn talk ${i + 1}`);
    await ctx.req('POST', `/v1/proposals/${talk}/transitions`, { token: org, body: { to: 'accepted' } });
    const e = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
      token: org,
      body: { title: `Meetup ${i + 1}`, startsAt: `${day}T11:00:00Z`, endsAt: `${day}T12:00:00Z` },
    });
    await ctx.req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    const s = await ctx.req('POST', `/v1/events/${e.body.id}/slots`, {
      token: org,
      body: { proposalId: talk, startsAt: `${day}T11:00:00Z` },
    });
    if (s.status !== 201) throw new Error(`slot: ${s.text}`);
    events.push(e.body.id);
  }
  for (const [i, n] of came.entries()) await checkIns(ctx, events[i], n);
  return events;
}

/** Exactly persons 1..n checked in at the event. */
async function checkIns(ctx: Ctx, eventId: string, n: number) {
  await ctx.ds.query(`DELETE FROM rsvp WHERE event_id = $1`, [eventId]);
  await ctx.ds.query(
    `INSERT INTO rsvp (event_id, person_id, status, checked_in_at)
     SELECT $1, p.id, 'going', now() FROM person p WHERE p.email ~ '^p[0-9]+@' AND substring(p.email from 2 for position('@' in p.email) - 2)::int <= $2`,
    [eventId, n],
  );
}

t.test('community health', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const events = await autumn(ctx, c, [24, 17, 11]);
  const health = () => req('GET', '/v1/communities/guild/health', { token: org });

  t.test('every indicator with value, trend, status and the reason in words', async (t) => {
    const r = await health();
    t.equal(r.status, 200, r.text);
    t.same(
      r.body.indicators.map((i: { key: string }) => i.key),
      ['rhythm', 'pipeline', 'attendance', 'newVoices', 'reach', 'care', 'lessons'],
    );
    const by = Object.fromEntries(r.body.indicators.map((i: { key: string }) => [i.key, i]));
    t.equal(by.attendance.status, 'act');
    t.equal(by.attendance.reason, 'Attendance fell 3 meetings in a row: 24 → 17 → 11.');
    t.equal(by.attendance.value, 11);
    t.same(
      by.attendance.trend.map((p: { value: number }) => p.value),
      [24, 17, 11],
    );
    t.equal(by.attendance.nextStepUrl, 'http://brownbag.test/c/guild/wishes');
    t.equal(by.pipeline.status, 'act', 'nothing planned');
    t.match(by.pipeline.reason, /No meeting is planned in the next 12 weeks/);
    t.equal(by.lessons.status, 'act');
    t.equal(by.lessons.reason, '0 of 3 talks of the last 12 months have a published lesson (0 %).');
    t.equal(by.newVoices.reason, '3 talks in the last 12 months; speaker figures are judged from 4 on.');
    t.equal(by.rhythm.trend.length, 6, 'six months');
    t.match(
      by.reach.reason,
      /^24 of 35 members came to a meeting in the last 90 days \(69 %\), from 6 of their 6 departments/,
    );
    t.equal(r.body.thresholds.attendanceFalls, 3);
    t.same(r.body.speakUp, { enabled: true, asked: 0, proposed: 0, declined: 0 });
    t.equal((await req('GET', '/v1/communities/guild/health', { token: c.member.token })).status, 403);
  });

  t.test('thresholds per community: checked, ordered, and used', async (t) => {
    const put = (body: unknown) => req('PUT', '/v1/communities/guild/health/settings', { token: org, body });
    t.equal((await put({ thresholds: { attendanceFalls: 1 } })).status, 400, 'below its range');
    t.equal((await put({ thresholds: { nonsense: 3 } })).status, 400, 'unknown threshold');
    t.equal((await put({})).status, 400, 'nothing to set');
    const order = await put({ thresholds: { reachActPct: 40 } });
    t.equal(order.status, 422);
    t.match(order.body.detail, /reachActPct \(40\) must be no milder than reachWatchPct \(25\)/);
    const four = await put({ thresholds: { attendanceFalls: 4 } });
    t.equal(four.status, 200);
    t.equal(four.body.indicators[2].status, 'watch', 'four falls needed now');
    t.equal((await put({ thresholds: {} })).body.indicators[2].status, 'act', 'back to the defaults');
    const page = await ctx.app.inject({
      method: 'GET',
      url: '/c/guild/health',
      headers: { authorization: `Bearer ${org}` },
    });
    t.equal(page.statusCode, 200);
    t.match(page.body, 'Attendance fell 3 meetings in a row: 24 → 17 → 11.');
    t.match(page.body, 'name="attendanceFalls"');
  });

  t.test('falling into act tells the organizers once: digest and chat', async (t) => {
    const sink = await smtpSink(t);
    const hook = await chat(t);
    await worker(t, ctx, sink.url, 5, SETTINGS);
    await worker(t, ctx, sink.url, 2, SETTINGS); // a second worker on the same queue
    const d = await req('POST', '/v1/communities/guild/destinations', {
      token: org,
      body: { kind: 'slack', name: '#guild', url: hook.url, happenings: ['health.act'] },
    });
    t.equal(d.status, 201, d.text);
    const digest = () => ctx.ds.query(`SELECT graphile_worker.add_job('task-digests', '{}'::json)`);
    const told = (r: { to: string[]; mail: { text?: string } }) =>
      r.to.includes(c.organizer.email) && /Attendance needs action/.test(r.mail.text ?? '');

    await Promise.all([digest(), digest()]); // two runs at once
    const [mail] = await sink.waitFor(told);
    t.match(mail.mail.subject, /^Community health: /);
    t.match(mail.mail.text, 'Attendance fell 3 meetings in a row: 24 → 17 → 11.');
    t.match(mail.mail.text, 'Next step: Ask what people want to hear');
    t.match(mail.mail.text, 'http://brownbag.test/c/guild/wishes');
    await until('the chat post', async () => hook.hits.some((h) => h.includes('Attendance needs attention')));
    await idle(ctx, 'task-digests');
    await idle(ctx, 'mail');
    await idle(ctx, 'announce');
    await digest();
    await idle(ctx, 'task-digests');
    await idle(ctx, 'mail');
    t.equal(sink.received.filter(told).length, 1, 'one mail, however many runs');
    t.equal(hook.hits.filter((h) => h.includes('Attendance needs attention')).length, 1, 'one chat post');
    t.ok((await health()).body.indicators[2].actSince, 'the page says since when');

    // It recovers (eleven came after all, then twenty), and falls again: told again.
    await checkIns(ctx, events[2], 20);
    await checkAll(ctx.ds);
    t.same(await ctx.ds.query(`SELECT 1 FROM health_alert WHERE indicator = 'attendance'`), [], 'recovered');
    await checkIns(ctx, events[2], 11);
    await ctx.ds.query(`UPDATE digest_log SET day = day - 1`); // the next day
    await digest();
    await sink.waitFor(told, 2);
    await until('the second chat post', async () =>
      hook.hits.filter((h) => h.includes('Attendance needs attention')).length === 2 ? true : false,
    );
  });

  t.test('the quiet ones are invited once a quarter, whatever runs at once', async (t) => {
    const sink = await smtpSink(t);
    await worker(t, ctx, sink.url);
    await worker(t, ctx, sink.url, 2);
    // Wishes to mention; person 1 does not accept nominations; person 2 said "never" before.
    await req('POST', '/v1/communities/guild/wishes', { token: c.member.token, body: { title: 'Property testing' } });
    await ctx.ds.query(`UPDATE person SET accepts_nominations = false WHERE email = 'p1@guild.example'`);
    await ctx.ds.query(
      `INSERT INTO speak_up_preference (person_id, never) SELECT id, true FROM person WHERE email = 'p2@guild.example'`,
    );
    const run = () => ctx.ds.query(`SELECT graphile_worker.add_job('speak-up', '{}'::json)`);
    await Promise.all([run(), run(), run()]);
    const asked = (r: { mail: { subject?: string } }) => /would love to hear from you/.test(r.mail.subject ?? '');
    const mails = await sink.waitFor(asked, 9);
    await idle(ctx, 'speak-up');
    await idle(ctx, 'mail');
    t.equal(sink.received.filter(asked).length, 9, 'persons 3..11 (attended all three talks), once each');
    t.notOk(
      sink.received.some((r) => asked(r) && (r.to.includes('p1@guild.example') || r.to.includes('p2@guild.example'))),
      'opt-outs respected',
    );
    t.notOk(
      sink.received.some((r) => asked(r) && r.to.includes('p12@guild.example')),
      'two talks are not several',
    );
    const text = mails[0].mail.text ?? '';
    t.match(text, '• Property testing (1 vote)');
    t.match(text, /Not now\? .*\/sign-in\/link/);
    const [again] = await ctx.ds.query(
      `SELECT count(*)::int AS n FROM speak_up_invitation i JOIN person p ON p.id = i.person_id WHERE p.email = 'p3@guild.example'`,
    );
    t.equal(again.n, 1);
    await run();
    await idle(ctx, 'speak-up');
    t.equal(
      (await ctx.ds.query('SELECT count(*)::int AS n FROM speak_up_invitation'))[0].n,
      9,
      'the quarter is capped in the database',
    );

    // "Never ask again", on its page, by the invitee only.
    const [inv] = await ctx.ds.query(
      `SELECT i.id, p.id AS person FROM speak_up_invitation i JOIN person p ON p.id = i.person_id WHERE p.email = 'p3@guild.example'`,
    );
    const tok = (await req('POST', `/v1/people/${inv.person}/tokens`, { token: ctx.admin.token, body: { name: 't' } }))
      .body.token;
    const as = (token: string, method: 'GET' | 'POST', url: string) =>
      ctx.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        payload: method === 'POST' ? {} : undefined,
      });
    const confirm = await as(tok, 'GET', `/speak-up/${inv.id}/never`);
    t.equal(confirm.statusCode, 200);
    t.match(confirm.body, 'Never ask me again');
    t.equal((await as(org, 'GET', `/speak-up/${inv.id}/never`)).statusCode, 404, "someone else's invitation");
    t.equal((await as(org, 'POST', `/speak-up/${inv.id}/never`)).statusCode, 404);
    const said = await as(tok, 'POST', `/speak-up/${inv.id}/never`);
    t.equal(said.statusCode, 200);
    t.match(said.body, 'You will not be asked again.');
    t.same(await ctx.ds.query(`SELECT never FROM speak_up_preference WHERE person_id = $1`, [inv.person]), [
      { never: true },
    ]);

    // Organizers see how many were asked and how many proposed afterwards.
    const p4 = await ctx.ds.query(`SELECT id FROM person WHERE email = 'p4@guild.example'`);
    const tok4 = (await req('POST', `/v1/people/${p4[0].id}/tokens`, { token: ctx.admin.token, body: { name: 't' } }))
      .body.token;
    await submitted(ctx, c, 'My first talk', { id: p4[0].id, email: 'p4@guild.example', token: tok4 });
    t.same((await health()).body.speakUp, { enabled: true, asked: 9, proposed: 1, declined: 1 });
    const off = await req('PUT', '/v1/communities/guild/health/settings', { token: org, body: { speakUp: false } });
    t.equal(off.body.speakUp.enabled, false);
  });
});
