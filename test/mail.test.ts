import * as icalModule from 'ical.js';
import t from 'tap';
import { drainOutbox, enqueueMail, MAIL_ATTEMPTS, MAX_BACKOFF_SECONDS } from '../src/queue/queue';
import { ENQUEUE_REMINDERS } from '../src/modules/events/events.queries';
import { notify } from '../src/mail/notify';
import { community, eventWithTalk, submitted } from './helper';
import { calendarPart, mailWorld, worker, type Received } from './mail-helper';
import { jobsIdle, until } from './wait';
import { localeOf, span } from '../src/web/i18n';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

function vevent(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const ev = cal.getFirstSubcomponent('vevent')!;
  const att = ev.getFirstProperty('attendee')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence')),
    summary: String(ev.getFirstPropertyValue('summary')),
    status: String(ev.getFirstPropertyValue('status')),
    organizer: String(ev.getFirstPropertyValue('organizer')),
    attendee: String(att.getFirstValue()),
    partstat: att.getParameter('partstat'),
    rsvp: att.getParameter('rsvp'),
    start: (ev.getFirstPropertyValue('dtstart') as unknown as { toJSDate(): Date }).toJSDate(),
    tzid: ev.getFirstProperty('dtstart')!.getParameter('tzid'),
    zones: cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
  };
}

t.test('mail and jobs', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const to = (email: string, subject: RegExp) => (r: Received) =>
    r.to.includes(email) && subject.test(r.mail.subject ?? '');

  t.test('proposal received, co-speaker asked and accepting, decisions (and staged ones)', async (t) => {
    const res = await req('POST', '/v1/communities/guild/proposals', {
      token: c.speaker.token,
      body: {
        callId: c.callId,
        title: 'Escaping <script>alert("x")</script> & friends',
        format: 'talk',
        submit: true,
        coSpeakers: ['pair@example.com'],
      },
    });
    const [got] = await sink.waitFor(to(c.speaker.email, /^We received your proposal/));
    t.equal(got.mail.from?.value[0].address, 'brownbag@brownbag.test');
    t.equal(
      got.mail.messageId,
      `<received.${res.body.id}.${c.speaker.id}@brownbag.test>`,
      'a Message-ID derived from what it is about',
    );
    t.match(got.mail.text, /thank you for proposing "Escaping <script>/);
    t.match(
      got.mail.html,
      /Escaping &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; friends/,
      'user text escaped in HTML',
    );
    t.notMatch(got.mail.html, /<script>/);
    const [asked] = await sink.waitFor(to('pair@example.com', /^Would you co-present/));
    t.match(asked.mail.text, /Nothing changes until you say yes/);
    const pair = await ctx.person('pair@example.com', 'Pat Pair');
    t.equal((await req('POST', `/v1/proposals/${res.body.id}/invitation/accept`, { token: pair.token })).status, 200);
    await sink.waitFor(to(c.speaker.email, / will co-present "Escaping/));
    await req('POST', `/v1/proposals/${res.body.id}/transitions`, { token: org, body: { to: 'accepted' } });
    const [acc] = await sink.waitFor(to(c.speaker.email, /^Accepted: .* please confirm$/));
    t.match(acc.mail.text, /Please confirm/);
    await sink.waitFor(to('pair@example.com', /^Accepted/), 1);

    const staged = await submitted(ctx, c, 'Staged decision', c.member);
    await req('POST', `/v1/proposals/${staged}/transitions`, { token: org, body: { to: 'rejected', notify: false } });
    await jobsIdle(ctx.ds);
    t.notOk(sink.received.some(to(c.member.email, /^About your proposal/)), 'a staged decision waits');
    t.equal((await req('POST', '/v1/communities/guild/decisions/send', { token: c.member.token })).status, 403);
    t.same((await req('POST', '/v1/communities/guild/decisions/send', { token: org })).body, { sent: 1 });
    const [rej] = await sink.waitFor(to(c.member.email, /^About your proposal: Staged decision/));
    t.match(rej.mail.text, /did not make it/);
    t.same((await req('POST', '/v1/communities/guild/decisions/send', { token: org })).body, { sent: 0 }, 'sent once');
  });

  t.test('talk invitations: REQUEST on placing, higher SEQUENCE on moving, CANCEL on removal', async (t) => {
    const s = await community(ctx, 'talks');
    const { eventId, talkId } = await eventWithTalk(ctx, s);
    const placed = await req('POST', `/v1/events/${eventId}/slots`, {
      token: s.organizer.token,
      body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
    });
    const [inv] = await sink.waitFor(to(s.speaker.email, /^Invitation: Your talk/));
    const part = calendarPart(inv);
    t.equal(part.method, 'REQUEST', 'text/calendar; method=REQUEST');
    t.ok(part.attachmentNames.includes('invite.ics'), 'and an .ics attachment');
    const v1 = vevent(part.ics);
    t.match(v1, {
      method: 'REQUEST',
      uid: `talk-${talkId}@brownbag.test`,
      status: 'CONFIRMED',
      partstat: 'NEEDS-ACTION',
      rsvp: 'FALSE', // nobody reads replies without IMAP_URL (invitations.test.ts)
    });
    t.equal(v1.organizer.toLowerCase(), 'mailto:organizers@brownbag.test');
    t.equal(v1.attendee.toLowerCase(), `mailto:${s.speaker.email}`);
    t.equal(v1.start.toISOString(), '2027-06-10T10:00:00.000Z');
    t.same([v1.tzid, v1.zones], ['Europe/Berlin', ['Europe/Berlin']], "in the event's zone, with its VTIMEZONE");
    t.match(part.ics, /DTSTART;TZID=Europe\/Berlin:20270610T120000\r\n/, '12:00 Berlin local');
    const feed = await ctx.app.inject({
      method: 'GET',
      url: `/v1/events/${eventId}/calendar.ics`,
      headers: { authorization: `Bearer ${s.organizer.token}` },
    });
    t.match(feed.body, `UID:talk-${talkId}@brownbag.test`, 'the same UID as the feeds');
    await req('PATCH', `/v1/slots/${placed.body.agenda[0].id}`, {
      token: s.organizer.token,
      body: { startsAt: '2027-06-10T11:00:00Z' },
    });
    const [upd] = await sink.waitFor(to(s.speaker.email, /^Updated: Your talk/));
    const v2 = vevent(calendarPart(upd).ics);
    t.ok(v2.sequence > v1.sequence, 'a higher SEQUENCE');
    t.equal(v2.start.toISOString(), '2027-06-10T11:00:00.000Z');
    await req('DELETE', `/v1/slots/${placed.body.agenda[0].id}`, { token: s.organizer.token });
    const [cancel] = await sink.waitFor(to(s.speaker.email, /^Canceled: Your talk/));
    const c3 = calendarPart(cancel);
    t.equal(c3.method, 'CANCEL');
    const v3 = vevent(c3.ics);
    t.match(v3, { method: 'CANCEL', status: 'CANCELLED', uid: v1.uid });
    t.ok(v3.sequence > v2.sequence);
  });

  t.test('event invitations follow RSVPs and changes; promotion is told', async (t) => {
    const s = await community(ctx, 'events');
    const { eventId } = await eventWithTalk(ctx, s, { capacity: 1 });
    await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: s.member.token, body: { status: 'going' } });
    const [inv] = await sink.waitFor(to(s.member.email, /^Invitation: June brown-bag/));
    const v1 = vevent(calendarPart(inv).ics);
    t.equal(v1.uid, `event-${eventId}@brownbag.test`);
    t.match(
      inv.mail.text,
      `When: ${span(localeOf('en'), new Date('2027-06-10T10:00:00Z'), new Date('2027-06-10T12:00:00Z'), 'Europe/Berlin')}`,
      "dates in the event's zone, named, in the reader's language",
    );
    t.match(inv.mail.text, '(Europe/Berlin)');
    await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: s.reviewer.token, body: { status: 'going' } }); // waitlisted
    await req('PATCH', `/v1/events/${eventId}`, {
      token: s.organizer.token,
      body: { title: 'June brown-bag (new room)' },
    });
    const [upd] = await sink.waitFor(to(s.member.email, /^Updated: June brown-bag \(new room\)/));
    t.ok(vevent(calendarPart(upd).ics).sequence > v1.sequence);
    await req('DELETE', `/v1/events/${eventId}/rsvps/me`, { token: s.member.token });
    const [left] = await sink.waitFor(to(s.member.email, /^Canceled: June brown-bag/));
    t.equal(calendarPart(left).method, 'CANCEL');
    await sink.waitFor(to(s.reviewer.email, /^A seat is yours/));
    const [promotedInvite] = await sink.waitFor(to(s.reviewer.email, /^Invitation: June brown-bag/));
    t.equal(calendarPart(promotedInvite).method, 'REQUEST');
    await req('PATCH', `/v1/events/${eventId}`, { token: s.organizer.token, body: { status: 'canceled' } });
    const [gone] = await sink.waitFor(to(s.reviewer.email, /^Canceled: June brown-bag/));
    t.equal(vevent(calendarPart(gone).ics).status, 'CANCELLED');
  });

  t.test('leaving and coming back: the new invitation outranks the cancellation', async (t) => {
    const s = await community(ctx, 'again');
    const { eventId } = await eventWithTalk(ctx, s, { capacity: 5 });
    const rsvp = (status?: string) =>
      status
        ? req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: s.member.token, body: { status } })
        : req('DELETE', `/v1/events/${eventId}/rsvps/me`, { token: s.member.token });
    await rsvp('going');
    const [first] = await sink.waitFor(to(s.member.email, /^Invitation: June brown-bag/));
    await rsvp();
    const [left] = await sink.waitFor(to(s.member.email, /^Canceled: June brown-bag/));
    await rsvp('going');
    const invites = await sink.waitFor(to(s.member.email, /^Invitation: June brown-bag/), 2);
    const [a, b, c] = [first, left, invites[1]].map((r) => vevent(calendarPart(r).ics));
    t.same([a.method, b.method, c.method], ['REQUEST', 'CANCEL', 'REQUEST']);
    t.ok(b.sequence > a.sequence && c.sequence > b.sequence, `SEQUENCE ${a.sequence} → ${b.sequence} → ${c.sequence}`);
    t.equal(c.uid, a.uid, 'the same calendar entry, reinstated');
    t.not(invites[1].mail.messageId, first.mail.messageId, 'a Message-ID of its own (not dropped as a duplicate)');
  });

  t.test('a seat offered twice: two messages, and the second invitation outranks the cancellation', async (t) => {
    const s = await community(ctx, 'twice');
    const { eventId } = await eventWithTalk(ctx, s, { capacity: 1 });
    const rsvp = (token: string, status?: string) =>
      status
        ? req('PUT', `/v1/events/${eventId}/rsvps/me`, { token, body: { status } })
        : req('DELETE', `/v1/events/${eventId}/rsvps/me`, { token });
    const [a, b] = [s.reviewer, s.member];
    await rsvp(a.token, 'going');
    await rsvp(b.token, 'going'); // waitlisted
    await rsvp(a.token); // b gets the seat
    await sink.waitFor(to(b.email, /^A seat is yours/));
    await rsvp(b.token); // and gives it up
    const [cancel] = await sink.waitFor(to(b.email, /^Canceled:/));
    await rsvp(a.token, 'going');
    await rsvp(b.token, 'going'); // waitlisted again
    await rsvp(a.token); // b gets the seat again
    const offers = await sink.waitFor(to(b.email, /^A seat is yours/), 2);
    t.not(offers[0].mail.messageId, offers[1].mail.messageId, 'two offers, two Message-IDs');
    const invites = await sink.waitFor(to(b.email, /^Invitation:/), 2);
    t.ok(
      vevent(calendarPart(invites[1]).ics).sequence > vevent(calendarPart(cancel).ics).sequence,
      'the new invitation outranks the cancellation',
    );
  });

  t.test('a plain submission queues its receipt through the outbox: delivered once', async (t) => {
    const res = await req('POST', '/v1/communities/guild/proposals', {
      token: c.member.token,
      body: { callId: c.callId, title: 'Through the outbox', format: 'talk', submit: true },
    });
    t.equal(res.status, 201);
    const mine = (r: Received) =>
      to(c.member.email, /^We received your proposal/)(r) && /Through the outbox/.test(r.mail.text ?? '');
    await sink.waitFor(mine);
    await jobsIdle(ctx.ds);
    t.equal(sink.received.filter(mine).length, 1, 'once');
    const left = await ctx.ds.query('SELECT count(*)::int AS n FROM job_outbox');
    t.equal(left[0].n, 0, 'the outbox is empty once the worker has moved it');
    // Drains racing over the same rows (these two and the worker's) move each once.
    await ctx.ds.query(
      `INSERT INTO job_outbox (task, payload, job_key, max_attempts)
       SELECT 'bench-noop', jsonb_build_object('i', i), 'race-' || i, 1 FROM generate_series(1, 300) i`,
    );
    const moved = await Promise.all([drainOutbox(ctx.ds.manager, 50), drainOutbox(ctx.ds.manager, 50)]);
    let more = 0;
    while ((await drainOutbox(ctx.ds.manager, 50)) > 0) more++;
    const jobs = await ctx.ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys FROM graphile_worker.jobs WHERE key LIKE 'race-%'`,
    );
    t.same(jobs[0], { n: 300, keys: 300 }, `300 jobs, each once (${moved.join(' + ')} then ${more} more batches)`);
    await ctx.ds.query(`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'race-%'`);
  });

  t.test('a rolled-back change sends nothing', async (t) => {
    const draft = await req('POST', '/v1/communities/guild/proposals', {
      token: c.speaker.token,
      body: { callId: c.callId, title: 'Rolled back', format: 'talk' },
    });
    const id = draft.body.id;
    await ctx.ds
      .transaction(async (m) => {
        await notify.proposalSubmitted(m, id);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const jobs = await ctx.ds.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'mail' AND key LIKE $1`,
      [`received:${id}:%`],
    );
    t.equal(jobs[0].n, 0, 'no job');
    await jobsIdle(ctx.ds);
    t.equal(sink.received.filter(to(c.speaker.email, /Rolled back/)).length, 0, 'no mail');
  });

  t.test('SMTP refusing for a while: everything arrives once it is back', async (t) => {
    sink.state.refuse = true;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await submitted(ctx, c, `While down ${i}`, c.reviewer));
    await until('three refusals', () => sink.state.refused >= 3, 10000);
    t.ok(sink.state.refused >= 3, 'the server refused them');
    // (a refused attempt is recorded on its job a moment after the server refuses it)
    const failing = async () =>
      (
        await ctx.ds.query(
          `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE attempts > 0 AND last_error IS NOT NULL`,
        )
      )[0].n as number;
    await until('three failed attempts recorded', async () => (await failing()) >= 3, 10000);
    t.ok((await failing()) >= 3, 'kept with their error, to retry');
    sink.state.refuse = false;
    await sink.waitFor(to(c.reviewer.email, /While down/), 3, 30000);
    t.pass('all delivered, with back-off');
  });

  t.test('the wait between attempts is capped at five minutes; mail is tried for about a day', async (t) => {
    sink.state.refuse = true;
    const id = await submitted(ctx, c, 'Long outage', c.member);
    await ctx.ds.transaction((m) =>
      enqueueMail(
        m,
        { kind: 'proposal-received', proposalId: id, personId: c.member.id },
        { key: 'long-outage', runAt: new Date(Date.now() + 3600_000) },
      ),
    );
    // As if it had failed nine times already: graphile-worker alone would now wait e^10 s ≈ 6 hours.
    const [[job]] = await ctx.ds.query(
      `UPDATE graphile_worker._private_jobs SET attempts = 9, run_at = now() WHERE key = 'long-outage'
        RETURNING id, max_attempts`,
    );
    t.equal(job.max_attempts, MAIL_ATTEMPTS, 'mail gets about a day of attempts');
    const row: { attempts: number; wait: number } = await until(
      'the tenth attempt to fail',
      async () => {
        const [r] = await ctx.ds.query(
          `SELECT attempts, extract(epoch FROM run_at - now())::float AS wait FROM graphile_worker._private_jobs
            WHERE id = $1 AND locked_by IS NULL AND last_error IS NOT NULL`,
          [job.id],
        );
        return r?.attempts === 10 && r;
      },
      10000,
    );
    t.equal(row.attempts, 10, 'the tenth attempt failed');
    t.ok(row.wait > 0 && row.wait <= MAX_BACKOFF_SECONDS + 1, `next attempt in ${Math.round(row.wait)} s, not 6 h`);
    await ctx.ds.query('DELETE FROM graphile_worker._private_jobs WHERE id = $1', [job.id]);
    sink.state.refuse = false;
  });

  t.test('a job that keeps failing is kept for admins, who retry it', async (t) => {
    sink.state.refuse = true;
    const id = await submitted(ctx, c, 'Fails for good', c.member);
    await ctx.ds.transaction((m) =>
      enqueueMail(
        m,
        { kind: 'proposal-received', proposalId: id, personId: c.member.id },
        { key: 'one-shot', maxAttempts: 1 },
      ),
    );
    type Job = { id: string; failed: boolean; lastError: string; key: string };
    const job = await until(
      'the job to be listed as failed',
      async () =>
        (await req('GET', '/v1/admin/jobs?state=failed', { token: ctx.admin.token })).body.items.find(
          (j: Job) => j.key === 'one-shot',
        ) as Job | undefined,
      10000,
    );
    t.ok(job, 'listed as failed');
    t.match(job.lastError, /451|Try again/);
    t.equal((await req('GET', '/v1/admin/jobs?state=failed', { token: c.organizer.token })).status, 403, 'admins only');
    sink.state.refuse = false;
    const retried = await req('POST', `/v1/admin/jobs/${job.id}/retry`, { token: ctx.admin.token });
    t.match(retried.body, { attempts: 0, failed: false });
    await sink.waitFor(to(c.member.email, /Fails for good/), 2, 30000);
    t.equal((await req('POST', '/v1/admin/jobs/999999999/retry', { token: ctx.admin.token })).status, 404);
  });

  t.test('reminders: once per person per event, even with two workers', async (t) => {
    await worker(t, ctx, sink.url, 2); // a second worker on the same queue
    const s = await community(ctx, 'soon');
    const room = await req('POST', '/v1/communities/soon/rooms', {
      token: s.organizer.token,
      body: { name: 'Soon room' },
    });
    const start = new Date(Date.now() + 3 * 3600_000);
    const ev = await req('POST', '/v1/communities/soon/events', {
      token: s.organizer.token,
      body: {
        title: 'Tomorrow-ish',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        roomId: room.body.id,
      },
    });
    await req('PATCH', `/v1/events/${ev.body.id}`, { token: s.organizer.token, body: { status: 'published' } });
    const talk = await submitted(ctx, s, 'Soon talk');
    await req('POST', `/v1/proposals/${talk}/transitions`, { token: s.organizer.token, body: { to: 'accepted' } });
    await req('POST', `/v1/events/${ev.body.id}/slots`, {
      token: s.organizer.token,
      body: { proposalId: talk, startsAt: start.toISOString() },
    });
    for (const p of [s.member, s.reviewer])
      await req('PUT', `/v1/events/${ev.body.id}/rsvps/me`, { token: p.token, body: { status: 'going' } });
    // Both workers' cron fire at the same moment:
    const runs = await Promise.all([
      ctx.ds.query(ENQUEUE_REMINDERS),
      ctx.ds.query(ENQUEUE_REMINDERS),
      ctx.ds.query(ENQUEUE_REMINDERS),
    ]);
    t.equal(
      runs.reduce((n, r) => n + r[0].n, 0),
      3,
      'three reminders enqueued in all: two attendees and the speaker',
    );
    await sink.waitFor((r) => /^Tomorrow: Tomorrow-ish/.test(r.mail.subject ?? ''), 3);
    await ctx.ds.query(ENQUEUE_REMINDERS);
    await jobsIdle(ctx.ds);
    const reminders = sink.received.filter((r) => /^Tomorrow: Tomorrow-ish/.test(r.mail.subject ?? ''));
    t.equal(reminders.length, 3, 'no duplicates');
    t.same(reminders.map((r) => r.to[0]).sort(), [s.member.email, s.reviewer.email, s.speaker.email].sort());
  });

  t.test('hostile text is inert in headers, bodies and ICS', async (t) => {
    const s = await community(ctx, 'hostile');
    const bad = await req('PATCH', '/v1/me', {
      token: s.member.token,
      body: { name: 'Eve\r\nBcc: everyone@example.com' },
    });
    t.equal(bad.status, 400, 'no line breaks in names');
    await req('PATCH', '/v1/me', { token: s.member.token, body: { name: 'Eve "<b>bold</b>" O\'Hara' } });
    const e = await req('POST', '/v1/communities/hostile/events', {
      token: s.organizer.token,
      body: {
        title: 'Semi; colon, <i>tag</i> \\ 🎉',
        startsAt: '2027-06-10T10:00:00Z',
        endsAt: '2027-06-10T11:00:00Z',
        description: 'x\r\nATTENDEE:mailto:evil@example.com',
      },
    });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: s.organizer.token, body: { status: 'published' } });
    await req('PUT', `/v1/events/${e.body.id}/rsvps/me`, { token: s.member.token, body: { status: 'going' } });
    const [m] = await sink.waitFor(to(s.member.email, /^Invitation: Semi; colon/));
    t.equal(
      m.mail.subject,
      `Invitation: Semi; colon, <i>tag</i> \\ 🎉 — ${span(localeOf('en'), new Date('2027-06-10T10:00:00Z'), new Date('2027-06-10T11:00:00Z'), 'Europe/Berlin')}`,
    );
    t.equal(m.mail.to && 'value' in m.mail.to ? m.mail.to.value[0].name : '', 'Eve "<b>bold</b>" O\'Hara');
    t.notOk(m.mail.headers.has('bcc'));
    t.match(m.mail.html, /&lt;i&gt;tag&lt;\/i&gt;/);
    t.match(m.mail.html, /Eve &quot;&lt;b&gt;bold&lt;\/b&gt;&quot; O&#39;Hara/);
    const v = vevent(calendarPart(m).ics);
    t.equal(v.summary, 'Semi; colon, <i>tag</i> \\ 🎉');
    const cal = new ICAL.Component(ICAL.parse(calendarPart(m).ics));
    t.equal(
      cal.getFirstSubcomponent('vevent')!.getAllProperties('attendee').length,
      1,
      'one ATTENDEE: nothing injected',
    );
    // RFC 5545 allows no double quote inside a quoted parameter value; a strict reader must accept the line.
    const attendee = calendarPart(m)
      .ics.replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .find((l) => l.startsWith('ATTENDEE'))!;
    t.match(attendee, /^ATTENDEE;[^:]*CN="[^"]*"[;:]/, 'a valid quoted CN');
    t.match(attendee, `CN="Eve '<b>bold</b>' O'Hara"`);
  });
});
