/**
 * Meetup series: cadence expansion (DST, month ends, changes from a date on), occurrences as real
 * events (feeds parsed with ical.js show 12:00 local on both sides of a DST change), skipping and
 * moving one occurrence, changing the cadence, ending, fills racing, and clear 4xx for bad input.
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { expand } from '../src/modules/series/cadence';
import { planBacklog } from '../src/modules/series/backlog';
import { DateTime } from 'luxon';
import { fillAllSeries } from '../src/modules/series/series.fill';
import { community, submitted } from './helper';
import { mailWorld } from './mail-helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;
type Comp = InstanceType<typeof ICAL.Component>;

const rule = (from: string, rrule: string, at = '12:00', minutes = 60) => ({
  from,
  rrule,
  startMinute: Number(at.slice(0, 2)) * 60 + Number(at.slice(3)),
  minutes,
});
const iso = (d: Date) => d.toISOString();

t.test('cadence expansion', async (t) => {
  const berlin = expand([rule('2027-03-11', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH')], 'Europe/Berlin', {
    from: '2027-03-01',
    limit: 4,
  });
  t.same(
    berlin.map((o) => [o.on, iso(o.start), iso(o.end)]),
    [
      ['2027-03-11', '2027-03-11T11:00:00.000Z', '2027-03-11T12:00:00.000Z'],
      ['2027-03-25', '2027-03-25T11:00:00.000Z', '2027-03-25T12:00:00.000Z'],
      ['2027-04-08', '2027-04-08T10:00:00.000Z', '2027-04-08T11:00:00.000Z'], // after 2027-03-28: CEST
      ['2027-04-22', '2027-04-22T10:00:00.000Z', '2027-04-22T11:00:00.000Z'],
    ],
    'every second Thursday at 12:00 Berlin, across the spring change',
  );
  const ny = expand([rule('2027-10-29', 'FREQ=WEEKLY;BYDAY=FR', '17:30')], 'America/New_York', {
    from: '2027-10-01',
    limit: 2,
  });
  t.same(
    ny.map((o) => iso(o.start)),
    ['2027-10-29T21:30:00.000Z', '2027-11-05T21:30:00.000Z'],
    'New York switches on 2027-11-07: both still EDT',
  );
  t.same(
    expand([rule('2027-11-05', 'FREQ=WEEKLY;BYDAY=FR', '17:30')], 'America/New_York', {
      from: '2027-11-05',
      limit: 2,
    }).map((o) => iso(o.start)),
    ['2027-11-05T21:30:00.000Z', '2027-11-12T22:30:00.000Z'],
    '… and the week after: EST, still 17:30 local',
  );
  t.same(
    expand([rule('2027-01-31', 'FREQ=MONTHLY;BYMONTHDAY=-1')], 'Europe/Berlin', { from: '2027-01-01', limit: 4 }).map(
      (o) => o.on,
    ),
    ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30'],
    'the last day of each month',
  );
  t.same(
    expand([rule('2027-01-31', 'FREQ=MONTHLY;BYMONTHDAY=31')], 'Europe/Berlin', { from: '2027-01-01', limit: 3 }).map(
      (o) => o.on,
    ),
    ['2027-01-31', '2027-03-31', '2027-05-31'],
    'the 31st skips shorter months, as RFC 5545 says',
  );
  t.same(
    expand([rule('2028-01-01', 'FREQ=MONTHLY;BYDAY=-1FR')], 'Europe/Berlin', { from: '2028-01-01', limit: 3 }).map(
      (o) => o.on,
    ),
    ['2028-01-28', '2028-02-25', '2028-03-31'],
    'the last Friday',
  );
  const changed = expand(
    [rule('2027-03-11', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH'), rule('2027-04-12', 'FREQ=WEEKLY;BYDAY=MO', '10:00', 30)],
    'Europe/Berlin',
    { from: '2027-03-20', limit: 4, skip: new Set(['2027-04-19']) },
  );
  t.same(
    changed.map((o) => [o.on, iso(o.start), iso(o.end)]),
    [
      ['2027-03-25', '2027-03-25T11:00:00.000Z', '2027-03-25T12:00:00.000Z'],
      ['2027-04-08', '2027-04-08T10:00:00.000Z', '2027-04-08T11:00:00.000Z'],
      ['2027-04-12', '2027-04-12T08:00:00.000Z', '2027-04-12T08:30:00.000Z'],
      ['2027-04-26', '2027-04-26T08:00:00.000Z', '2027-04-26T08:30:00.000Z'],
    ],
    'a new cadence from 2027-04-12 on; a skipped date is left out',
  );
  t.same(
    expand([rule('2027-01-07', 'FREQ=WEEKLY;BYDAY=TH')], 'Europe/Berlin', {
      from: '2027-01-01',
      endsOn: '2027-01-21',
    }).map((o) => o.on),
    ['2027-01-07', '2027-01-14', '2027-01-21'],
    'nothing after the end',
  );
});

t.test('backlog plan: lengths, order, speakers elsewhere', async (t) => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2027, 9, 7, h, m));
  const sp = (id: string) => [{ id, name: id }];
  const plan = planBacklog(
    [
      { eventId: 'e1', on: '2027-10-07', start: at(10), end: at(11), agendaEnd: at(10, 30) },
      {
        eventId: 'e2',
        on: '2027-10-14',
        start: at(10).getTime() + 7 * 86400_000 > 0 ? new Date(at(10).getTime() + 7 * 86400_000) : at(10),
        end: new Date(at(11).getTime() + 7 * 86400_000),
        agendaEnd: new Date(at(10).getTime() + 7 * 86400_000),
      },
    ],
    [
      { id: 'long', title: 'Workshop', minutes: 90, format: 'workshop', speakers: sp('a') },
      { id: 't1', title: 'Talk one', minutes: 30, format: 'talk', speakers: sp('b') },
      { id: 't2', title: 'Talk two', minutes: 30, format: 'talk', speakers: sp('c') },
      { id: 'l1', title: 'Lightning', minutes: 5, format: 'lightning', speakers: sp('d') },
    ],
    // c speaks elsewhere on 14 October at 10:00–10:05
    new Map([
      [
        'c',
        [{ start: new Date(at(10).getTime() + 7 * 86400_000), end: new Date(at(10, 5).getTime() + 7 * 86400_000) }],
      ],
    ]),
  );
  t.same(
    plan.map((o) => [o.eventId, o.freeMinutes, o.proposed.map((p) => p.proposalId)]),
    [
      ['e1', 30, ['t1']], // 30 free minutes after the agenda: the oldest that fits; the workshop never fits
      ['e2', 60, ['l1', 't2']], // c is busy until 10:05: the lightning talk first, then c's talk at 10:05
    ],
  );
  t.equal(plan[1].proposed[1].start.toISOString(), '2027-10-14T10:05:00.000Z');

  // A format mix of two talks and one lightning talk per occurrence; one talk is on its agenda already.
  const mixed = planBacklog(
    [{ eventId: 'e', on: '2027-10-07', start: at(10), end: at(12), agendaEnd: at(10), formats: { talk: 1 } }],
    [
      { id: 't1', title: 'Talk one', format: 'talk', minutes: 30, speakers: sp('b') },
      { id: 't2', title: 'Talk two', format: 'talk', minutes: 30, speakers: sp('c') },
      { id: 'l1', title: 'Lightning', format: 'lightning', minutes: 5, speakers: sp('d') },
      { id: 'l2', title: 'Lightning two', format: 'lightning', minutes: 5, speakers: sp('e') },
    ],
    new Map(),
    { talk: 2, lightning: 1 },
  );
  t.same(
    mixed[0].proposed.map((p) => p.proposalId),
    ['t1', 'l1'],
    'two talks at most (one is on the agenda already), one lightning talk',
  );
});

t.test('series over HTTP', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild', { eventVisibility: 'public' });
  const org = c.organizer.token;
  const room = (await req('POST', '/v1/communities/guild/rooms', { token: org, body: { name: 'Aula', capacity: 40 } }))
    .body.id as string;
  const make = (body: Record<string, unknown>) =>
    req('POST', '/v1/communities/guild/series', {
      token: org,
      body: {
        title: 'Guild meetup',
        cadence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
        startsOn: '2027-03-04',
        startTime: '12:00',
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        ...body,
      },
    });

  t.test('occurrences are real events; the feed keeps 12:00 local across DST', async (t) => {
    const s = await make({ publish: true, roomId: room, upcoming: 4 });
    t.equal(s.status, 201);
    t.same(
      s.body.occurrences.map((o: { on: string }) => o.on),
      ['2027-03-04', '2027-03-18', '2027-04-01', '2027-04-15'],
    );
    t.same(s.body.rules, [
      { from: '2027-03-04', cadence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', startTime: '12:00', durationMinutes: 60 },
    ]);
    const ev = await req('GET', `/v1/events/${s.body.occurrences[2].eventId}`, { token: c.member.token });
    t.match(ev.body, {
      title: 'Guild meetup',
      status: 'published',
      startsAt: '2027-04-01T10:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    t.equal(ev.body.room?.id, room, 'in the series room');
    // RSVP works on it like on any event.
    const rsvp = await req('PUT', `/v1/events/${s.body.occurrences[2].eventId}/rsvps/me`, {
      token: c.member.token,
      body: { status: 'going' },
    });
    t.equal(rsvp.status, 201);
    const feed = await ctx.app.inject({ method: 'GET', url: '/v1/communities/guild/calendar.ics' });
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    t.ok(
      cal.getAllSubcomponents('vtimezone').some((z: Comp) => z.getFirstPropertyValue('tzid') === 'Europe/Berlin'),
      'with its VTIMEZONE',
    );
    const local = cal
      .getAllSubcomponents('vevent')
      .filter((v: Comp) => v.getFirstPropertyValue('summary') === 'Guild meetup')
      .map((v: Comp) => {
        const d = v.getFirstPropertyValue('dtstart') as unknown as { hour: number; minute: number; toJSDate(): Date };
        return [d.toJSDate().toISOString(), d.hour, d.minute];
      });
    t.same(
      local,
      [
        ['2027-03-04T11:00:00.000Z', 12, 0],
        ['2027-03-18T11:00:00.000Z', 12, 0],
        ['2027-04-01T10:00:00.000Z', 12, 0],
        ['2027-04-15T10:00:00.000Z', 12, 0],
      ],
      '12:00 local before and after 2027-03-28',
    );

    // Skip the second one: canceled (it was published), the others untouched, a fifth made to keep four.
    const before = s.body.occurrences.map((o: { eventId: string }) => o.eventId);
    const skipped = await req('POST', `/v1/series/${s.body.id}/skips`, { token: org, body: { on: '2027-03-18' } });
    t.equal(skipped.status, 200);
    t.same(skipped.body.changes.canceled, [before[1]]);
    t.same(skipped.body.skips, ['2027-03-18']);
    t.same(
      skipped.body.occurrences.map((o: { on: string; status: string }) => [o.on, o.status]),
      [
        ['2027-03-04', 'published'],
        ['2027-03-18', 'canceled'],
        ['2027-04-01', 'published'],
        ['2027-04-15', 'published'],
        ['2027-04-29', 'published'],
      ],
    );
    t.same(
      skipped.body.next.map((o: { on: string }) => o.on),
      ['2027-03-04', '2027-04-01', '2027-04-15', '2027-04-29'],
    );
    t.equal((await req('GET', `/v1/events/${before[0]}`, { token: org })).body.startsAt, '2027-03-04T11:00:00.000Z');

    // Move one occurrence by hand: it goes where the organizer put it; attendees get an update.
    const moved = await req('PATCH', `/v1/events/${before[2]}`, {
      token: org,
      body: { startsAt: '2027-04-02T10:00:00Z', endsAt: '2027-04-02T11:00:00Z' },
    });
    t.equal(moved.status, 200);
    await sink.waitFor((r) => r.to.includes(c.member.email) && /^Updated/.test(r.mail.subject ?? ''));

    // … and one after the coming cadence change: a cadence change leaves it where it was put.
    const the29th = skipped.body.occurrences[4].eventId;
    await req('PATCH', `/v1/events/${the29th}`, {
      token: org,
      body: { startsAt: '2027-04-30T10:00:00Z', endsAt: '2027-04-30T11:00:00Z' },
    });

    // A new cadence from 2027-04-12: weekly on Mondays at 10:00 for 30 minutes.
    const changed = await req('PUT', `/v1/series/${s.body.id}/cadence`, {
      token: org,
      body: { from: '2027-04-12', cadence: 'FREQ=WEEKLY;BYDAY=MO', startTime: '10:00', durationMinutes: 30 },
    });
    t.equal(changed.status, 200);
    t.same(changed.body.changes.canceled, [before[3]], 'the Thursday from then on is canceled (15 April)');
    t.same(changed.body.changes.kept, [{ eventId: the29th, reason: 'moved by hand' }], 'the hand-moved one stays');
    const upcoming = changed.body.occurrences
      .filter((o: { status: string }) => o.status !== 'canceled')
      .map((o: { on: string; startsAt: string }) => [o.on, o.startsAt]);
    t.same(upcoming, [
      ['2027-03-04', '2027-03-04T11:00:00.000Z'],
      ['2027-04-01', '2027-04-02T10:00:00.000Z'],
      ['2027-04-12', '2027-04-12T08:00:00.000Z'],
      ['2027-04-19', '2027-04-19T08:00:00.000Z'],
      ['2027-04-29', '2027-04-30T10:00:00.000Z'],
    ]);
    t.same(
      changed.body.rules.map((r: { from: string }) => r.from),
      ['2027-03-04', '2027-04-12'],
    );

    // Same cadence, later hour, from 2027-04-19: the 19th moves (an update, not a new event).
    const later = await req('PUT', `/v1/series/${s.body.id}/cadence`, {
      token: org,
      body: { from: '2027-04-19', cadence: 'FREQ=WEEKLY;BYDAY=MO', startTime: '11:00', durationMinutes: 30 },
    });
    const the19th = changed.body.occurrences.find((o: { on: string }) => o.on === '2027-04-19').eventId;
    t.same(later.body.changes.moved, [the19th]);
    t.equal((await req('GET', `/v1/events/${the19th}`, { token: org })).body.startsAt, '2027-04-19T09:00:00.000Z');

    // End after 2027-04-19: the rest is canceled; nothing more is made.
    const ended = await req('POST', `/v1/series/${s.body.id}/end`, { token: org, body: { after: '2027-04-19' } });
    t.equal(ended.body.endsOn, '2027-04-19');
    t.same(
      ended.body.next.map((o: { on: string }) => o.on),
      ['2027-03-04', '2027-04-01', '2027-04-12', '2027-04-19'],
    );
    t.notOk(
      ended.body.occurrences.some(
        (o: { on: string; status: string }) => o.on > '2027-04-19' && o.status !== 'canceled',
      ),
    );
    t.equal(await fillAllSeries(ctx.ds), 0, 'the daily fill makes nothing for an ended series');
  });

  t.test('drafts: a skip removes the draft; taking it back makes it again; fills race', async (t) => {
    const s = await make({
      title: 'Draft meetup',
      startsOn: '2027-06-03',
      cadence: 'FREQ=WEEKLY;BYDAY=TH',
      upcoming: 3,
    });
    t.same(
      s.body.occurrences.map((o: { status: string }) => o.status),
      ['draft', 'draft', 'draft'],
    );
    const sk = await req('POST', `/v1/series/${s.body.id}/skips`, { token: org, body: { on: '2027-06-10' } });
    t.same(sk.body.changes.removed, [s.body.occurrences[1].eventId]);
    t.equal((await req('GET', `/v1/events/${s.body.occurrences[1].eventId}`, { token: org })).status, 404);
    t.same(
      sk.body.occurrences.map((o: { on: string }) => o.on),
      ['2027-06-03', '2027-06-17', '2027-06-24'],
    );
    const back = await req('DELETE', `/v1/series/${s.body.id}/skips/2027-06-10`, { token: org });
    t.same(
      back.body.occurrences.map((o: { on: string }) => o.on),
      ['2027-06-03', '2027-06-10', '2027-06-17', '2027-06-24'],
    );
    // Two fills at once (say, two workers' daily job) after the horizon grows: each occurrence once.
    await ctx.ds.query('UPDATE series SET upcoming = 10 WHERE id = $1', [s.body.id]);
    await Promise.all([fillAllSeries(ctx.ds), fillAllSeries(ctx.ds), fillAllSeries(ctx.ds)]);
    const [{ n, dates }] = await ctx.ds.query(
      'SELECT count(*)::int AS n, count(DISTINCT occurrence_on)::int AS dates FROM event WHERE series_id = $1',
      [s.body.id],
    );
    t.same([n, dates], [10, 10]);
  });

  t.test('a room taken at one occurrence: that one is made without the room', async (t) => {
    await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title: 'All hands', startsAt: '2027-09-09T10:00:00Z', endsAt: '2027-09-09T12:00:00Z', roomId: room },
    });
    const s = await make({
      title: 'Room meetup',
      startsOn: '2027-09-02',
      cadence: 'FREQ=WEEKLY;BYDAY=TH',
      roomId: room,
      upcoming: 3,
    });
    const rooms = [];
    for (const o of s.body.occurrences)
      rooms.push((await req('GET', `/v1/events/${o.eventId}`, { token: org })).body.room?.id ?? null);
    t.same(rooms, [room, null, room]);
  });

  t.test('the backlog fills the series; an empty occurrence soon shows on the board', async (t) => {
    const b = await community(ctx, 'backlog');
    const accept = async (title: string, who = b.speaker) => {
      const id = await submitted(ctx, b, title, who);
      await req('POST', `/v1/proposals/${id}/transitions`, { token: b.organizer.token, body: { to: 'accepted' } });
      return id;
    };
    const first = await accept('First accepted');
    const second = await accept('Second accepted', b.member);
    const third = await accept('Third accepted', b.reviewer);
    const soon = DateTime.now().setZone('Europe/Berlin').plus({ days: 3 }).toISODate()!;
    const s = (
      await req('POST', '/v1/communities/backlog/series', {
        token: b.organizer.token,
        body: {
          title: 'Backlog lunch',
          cadence: 'FREQ=DAILY;INTERVAL=7',
          startsOn: soon,
          startTime: '12:00',
          durationMinutes: 60,
          timeZone: 'Europe/Berlin',
          publish: true,
          upcoming: 2,
          formatMix: { talk: 2 },
        },
      })
    ).body;
    t.same(s.formatMix, { talk: 2 });
    const board = await req('GET', '/v1/communities/backlog/tasks', { token: b.organizer.token });
    t.same(
      board.body.emptyOccurrences.map((e: { eventId: string }) => e.eventId),
      s.occurrences.map((o: { eventId: string }) => o.eventId),
      'both occurrences are within two weeks with empty agendas',
    );
    const plan = await req('GET', `/v1/series/${s.id}/backlog-plan`, { token: b.organizer.token });
    t.same(
      plan.body.occurrences.map((o: { proposed: { proposalId: string }[] }) => o.proposed.map((p) => p.proposalId)),
      [[first, second], [third]],
      'oldest accepted first, as many as fit (two 30-minute talks an hour)',
    );
    t.equal((await req('GET', `/v1/series/${s.id}/backlog-plan`, { token: b.member.token })).status, 403);
    const done = await req('POST', `/v1/series/${s.id}/backlog-plan/confirm`, {
      token: b.organizer.token,
      body: { eventId: s.occurrences[0].eventId },
    });
    t.same(done.body, { placed: [first, second], skipped: [] }, 'one action places them');
    const ev = await req('GET', `/v1/events/${s.occurrences[0].eventId}`, { token: b.organizer.token });
    t.same(
      ev.body.agenda.map((x: { proposalId: string }) => x.proposalId),
      [first, second],
    );
    const after = await req('GET', '/v1/communities/backlog/tasks', { token: b.organizer.token });
    t.same(
      after.body.emptyOccurrences.map((e: { eventId: string }) => e.eventId),
      [s.occurrences[1].eventId],
    );
    const again = await req('GET', `/v1/series/${s.id}/backlog-plan`, { token: b.organizer.token });
    t.same(
      again.body.occurrences.map((o: { freeMinutes: number; proposed: unknown[] }) => [
        o.freeMinutes,
        o.proposed.length,
      ]),
      [
        [0, 0],
        [60, 1],
      ],
    );
    t.equal(
      (
        await req('POST', `/v1/series/${s.id}/backlog-plan/confirm`, {
          token: b.organizer.token,
          body: { eventId: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
      404,
    );
  });

  t.test('bad input and strangers: clear 4xx, nothing made', async (t) => {
    const s = await make({ title: 'Probe', startsOn: '2027-12-02', cadence: 'FREQ=MONTHLY;BYDAY=1TH', upcoming: 2 });
    const [{ n: before }] = await ctx.ds.query('SELECT count(*)::int AS n FROM series');
    const outsider = await ctx.person('out@else.example');
    const cases: [string, string, unknown, number, string | undefined, string?][] = [
      ['POST', '/v1/communities/guild/series', { cadence: 'FREQ=HOURLY' }, 400, org, 'bad-cadence'],
      ['POST', '/v1/communities/guild/series', { cadence: 'FREQ=WEEKLY;BYHOUR=9' }, 400, org, 'bad-cadence'],
      ['POST', '/v1/communities/guild/series', { cadence: 'NOT=ARULE' }, 400, org, 'bad-cadence'],
      ['POST', '/v1/communities/guild/series', { cadence: 'FREQ=WEEKLY;INTERVAL=0' }, 400, org],
      [
        'POST',
        '/v1/communities/guild/series',
        { cadence: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
        422,
        org,
        'cadence-empty',
      ],
      ['POST', '/v1/communities/guild/series', { startsOn: '2027-02-30' }, 400, org, 'bad-date'],
      ['POST', '/v1/communities/guild/series', { startsOn: 'soon' }, 400, org],
      ['POST', '/v1/communities/guild/series', { startTime: '25:00' }, 400, org],
      ['POST', '/v1/communities/guild/series', { durationMinutes: 2 }, 400, org],
      ['POST', '/v1/communities/guild/series', { timeZone: 'Mars/Base' }, 422, org, 'invalid-time-zone'],
      [
        'POST',
        '/v1/communities/guild/series',
        { roomId: '00000000-0000-4000-8000-000000000000' },
        422,
        org,
        'unknown-room',
      ],
      ['POST', '/v1/communities/guild/series', { upcoming: 60 }, 400, org],
      ['POST', '/v1/communities/guild/series', {}, 403, c.member.token],
      ['GET', `/v1/series/${s.body.id}`, undefined, 404, outsider.token],
      ['GET', '/v1/series/00000000-0000-4000-8000-000000000000', undefined, 404, org],
      ['POST', `/v1/series/${s.body.id}/skips`, { on: '2027-12-03' }, 422, org, 'not-an-occurrence'],
      ['POST', `/v1/series/${s.body.id}/skips`, { on: '2020-01-02' }, 422, org, 'occurrence-past'],
      ['POST', `/v1/series/${s.body.id}/skips`, { on: '2027-12-02' }, 403, c.member.token],
      [
        'PUT',
        `/v1/series/${s.body.id}/cadence`,
        { from: '2020-01-01', cadence: 'FREQ=WEEKLY', startTime: '12:00', durationMinutes: 60 },
        422,
        org,
        'cadence-past',
      ],
      ['POST', `/v1/series/${s.body.id}/end`, { after: '2020-01-01' }, 422, org, 'end-past'],
      ['PATCH', `/v1/series/${s.body.id}`, {}, 400, org],
    ];
    for (const [method, url, body, status, token, code] of cases) {
      const full =
        method === 'POST' && url.endsWith('/series')
          ? {
              title: 'Bad',
              cadence: 'FREQ=WEEKLY;BYDAY=TH',
              startsOn: '2027-03-04',
              startTime: '12:00',
              durationMinutes: 60,
              ...(body as object),
            }
          : body;
      const r = await req(method, url, { token, body: full });
      t.equal(r.status, status, `${method} ${url} ${JSON.stringify(body ?? '')}`);
      if (code) t.equal(r.body.code, code);
      t.match(r.headers['content-type'], /application\/problem\+json/);
    }
    const [{ n: after }] = await ctx.ds.query('SELECT count(*)::int AS n FROM series');
    t.equal(after, before, 'no series was made');
    t.same((await req('GET', `/v1/series/${s.body.id}`, { token: org })).body.skips, [], 'no skip was kept');
  });
});
