/**
 * Time zones as calendar clients read them (issue #26, item 7): every zone Node knows, hour by hour
 * over three years, read through our VTIMEZONE with ical.js, lands where Intl says; and over real
 * HTTP: a Casablanca event at its local time, the first of two 01:30s on the night clocks go back,
 * an unknown weekday refused with a 400, a skipped occurrence titled "Cancelled:", and an internal
 * community's calendarUrl that a calendar client (no session) can read once its token is filled in.
 */
import type { AddressInfo } from 'node:net';
import * as icalModule from 'ical.js';
import t from 'tap';
import { calendarZone, icalReader, offsetAt } from '../src/calendar/vtimezone';
import { community, setup } from './helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;
type Comp = InstanceType<typeof ICAL.Component>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

t.test('every zone, hour by hour over three years, reads right through its VTIMEZONE', async (t) => {
  const year = new Date().getUTCFullYear();
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 3, 0, 1);
  const wrong: string[] = [];
  let hours = 0;
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const z = calendarZone(zone);
    if (!z) continue; // UTC: written as UTC instants
    const read = icalReader(new ICAL.Timezone(new ICAL.Component(ICAL.parse(z.block))));
    // Where the wall clock of an instant says a client puts it (ical.js); right when it is that instant,
    // or, at the repeated hour of a change back, the other instant with the same wall time.
    const right = (at: number) => {
      const wall = at + offsetAt(zone, at) * 60_000;
      const instant = read(wall);
      return instant === at || instant + offsetAt(zone, instant) * 60_000 === wall;
    };
    // Every hour, by days: a day on which neither Intl's offset nor the client's reading changes
    // (the same at both ends) has every hour right once its ends are; any other day is checked hour
    // by hour. (No zone changes twice in a day.) That keeps 11 million hours to seconds.
    const reading = (at: number) => read(at + offsetAt(zone, at) * 60_000) - at;
    for (let day = from; day < to; day += DAY) {
      hours += 24;
      const calm =
        offsetAt(zone, day) === offsetAt(zone, day + DAY) &&
        reading(day) === 0 &&
        reading(day + DAY) === 0 &&
        read(day + 12 * HOUR + offsetAt(zone, day) * 60_000) === day + 12 * HOUR;
      if (calm) continue;
      const bad = Array.from({ length: 24 }, (_, h) => day + h * HOUR).find((at) => !right(at));
      if (bad !== undefined) {
        wrong.push(`${zone} at ${new Date(bad).toISOString()}`);
        break;
      }
    }
  }
  t.same(wrong, [], `${Intl.supportedValuesOf('timeZone').length} zones, ${hours} hours`);
  const casablanca = calendarZone('Africa/Casablanca')!.block;
  t.match(casablanca, /TZOFFSETTO:\+0100/, 'Casablanca is +01 outside Ramadan (was a fixed +00)');
  t.match(casablanca, /RDATE:/, 'its Ramadan changes are dated observances');
  t.match(
    calendarZone('Europe/Berlin')!.block,
    /RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/,
    'Berlin keeps its RRULE pair',
  );
});

t.test('over HTTP', async (t) => {
  const ctx = await setup(t);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const send = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const c = await community(ctx, 'guild', { eventVisibility: 'public' });
  const org = c.organizer.token;
  /** The feed's entries with their instants as ical.js reads them through the feed's VTIMEZONEs. */
  const read = async (path: string) => {
    const res = await get(path);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    for (const z of cal.getAllSubcomponents('vtimezone') as Comp[]) ICAL.TimezoneService.register(z);
    return (cal.getAllSubcomponents('vevent') as Comp[]).map((v) => ({
      summary: String(v.getFirstPropertyValue('summary')),
      status: String(v.getFirstPropertyValue('status')),
      start: (v.getFirstPropertyValue('dtstart') as unknown as { toJSDate(): Date }).toJSDate().toISOString(),
      tzid: v.getFirstProperty('dtstart')!.getParameter('tzid'),
    }));
  };

  t.test('a Casablanca event is at its local time in clients', async (t) => {
    const e = await send('POST', '/v1/communities/guild/events', org, {
      title: 'Casablanca lunch',
      startsAt: '2027-06-10T11:00:00Z',
      endsAt: '2027-06-10T12:00:00Z',
      timeZone: 'Africa/Casablanca',
    });
    await send('PATCH', `/v1/events/${e.body.id}`, org, { status: 'published' });
    const [ev] = await read(`/v1/events/${e.body.id}/calendar.ics`);
    t.equal(ev.tzid, 'Africa/Casablanca');
    t.equal(ev.start, '2027-06-10T11:00:00.000Z', '12:00 in Casablanca (+01) is 11:00 UTC, not 12:00');
  });

  t.test('a series at the repeated hour takes the first one (RFC 5545 3.3.5)', async (t) => {
    const s = await send('POST', '/v1/communities/guild/series', org, {
      title: 'Night owls',
      cadence: 'FREQ=WEEKLY;BYDAY=SU',
      startsOn: '2027-11-07',
      startTime: '01:30',
      durationMinutes: 30,
      timeZone: 'America/New_York',
      publish: true,
      upcoming: 2,
    });
    t.equal(s.status, 201);
    const first = await send('GET', `/v1/events/${s.body.occurrences[0].eventId}`, org);
    t.equal(first.body.startsAt, '2027-11-07T05:30:00.000Z', '01:30 EDT, the first 01:30 that night');
    const next = await send('GET', `/v1/events/${s.body.occurrences[1].eventId}`, org);
    t.equal(next.body.startsAt, '2027-11-14T06:30:00.000Z', 'a week on, 01:30 EST');

    t.test('a skipped occurrence says so in its feed title', async (t) => {
      const skipped = await send('POST', `/v1/series/${s.body.id}/skips`, org, { on: '2027-11-14' });
      t.equal(skipped.status, 200);
      const feed = await read('/v1/communities/guild/calendar.ics');
      const gone = feed.filter((e) => e.start === '2027-11-14T06:30:00.000Z');
      t.same(
        gone.map((e) => [e.summary, e.status]),
        [['Cancelled: Night owls', 'CANCELLED']],
      );
      t.ok(
        feed.some((e) => e.summary === 'Night owls'),
        'the other one keeps its title',
      );
    });
  });

  t.test('an unknown weekday is a 400, not a 500', async (t) => {
    for (const cadence of ['FREQ=WEEKLY;BYDAY=XX', 'FREQ=MONTHLY;BYDAY=TU,1XX']) {
      const res = await send('POST', '/v1/communities/guild/series', org, {
        title: 'Odd days',
        cadence,
        startsOn: '2027-03-04',
        startTime: '12:00',
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
      });
      t.equal(res.status, 400, cadence);
      t.match(res.type, /application\/problem\+json/);
      t.match(res.body.detail, /BYDAY|not an RRULE/);
    }
  });

  t.test("an internal community's calendarUrl is one a calendar client can read", async (t) => {
    const inner = await community(ctx, 'inner');
    const me = await send('GET', '/v1/communities/inner', inner.member.token);
    t.equal(me.body.eventVisibility, 'internal');
    t.equal(
      (await get('/v1/communities/inner/calendar.ics')).status,
      401,
      'the community route is closed to clients without a session',
    );
    t.equal(me.body.calendarUrl, 'http://brownbag.test/v1/feeds/{token}/communities/inner/calendar.ics');
    t.equal(me.body.webcalUrl, 'webcal://brownbag.test/v1/feeds/{token}/communities/inner/calendar.ics');
    const made = await send('POST', '/v1/me/feed-tokens', inner.member.token, { name: 'phone' });
    const url = new URL(me.body.calendarUrl.replace('{token}', made.body.token));
    const res = await get(url.pathname);
    t.equal(res.status, 200, 'with the token filled in, no session needed');
    t.match(res.headers.get('content-type'), /text\/calendar/);
    const pub = await send('GET', '/v1/communities/guild', c.member.token);
    t.equal(pub.body.calendarUrl, 'http://brownbag.test/v1/communities/guild/calendar.ics', 'a public one is open');
  });
});
