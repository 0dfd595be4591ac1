/**
 * Every feed is parsed with ical.js, the way a calendar client would read it.
 * calendar-new-york.test.ts runs these again with the process in America/New_York.
 */
import * as icalModule from 'ical.js';
import zlib from 'node:zlib';
import t from 'tap';
import { Client } from 'pg';
import { buildApp } from '../src/app';
import { zoned } from '../src/calendar/render';
import { localeOf, span, times } from '../src/web/i18n';
import { community, eventWithTalk, setup, submitted, type Ctx } from './helper';
import { until } from './wait';

// ical.js's types describe a default export; its CommonJS build exports the members directly.
const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;
type Comp = InstanceType<typeof ICAL.Component>;
type Prop = InstanceType<typeof ICAL.Property>;
type IcalTime = { toJSDate(): Date };

interface Parsed {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  location: string;
  status: string;
  start: Date;
  end: Date;
  url: string;
  props: string[];
}

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events: Parsed[] = cal.getAllSubcomponents('vevent').map((e: Comp) => ({
    uid: String(e.getFirstPropertyValue('uid')),
    sequence: Number(e.getFirstPropertyValue('sequence')),
    summary: String(e.getFirstPropertyValue('summary')),
    description: String(e.getFirstPropertyValue('description') ?? ''),
    location: String(e.getFirstPropertyValue('location') ?? ''),
    status: String(e.getFirstPropertyValue('status')),
    start: (e.getFirstPropertyValue('dtstart') as unknown as IcalTime).toJSDate(),
    end: (
      (e.getFirstPropertyValue('dtend') as unknown as IcalTime | null) ??
      (e.getFirstPropertyValue('dtstart') as unknown as IcalTime)
    ).toJSDate(),
    url: String(e.getFirstPropertyValue('url')),
    props: e.getAllProperties().map((p: Prop) => p.name),
  }));
  return {
    cal,
    events,
    name: String(cal.getFirstPropertyValue('x-wr-calname')),
    refresh: String(cal.getFirstProperty('refresh-interval')?.getFirstValue()),
  };
}

async function ics(ctx: Ctx, url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  return {
    status: res.statusCode,
    headers: res.headers,
    text: res.body,
    ...(res.statusCode === 200 ? parse(res.body) : { events: [] as Parsed[], name: '', refresh: '' }),
  };
}

t.test('calendar feeds', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild', { eventVisibility: 'public' });
  const org = c.organizer.token;
  const { eventId, talkId, roomId } = await eventWithTalk(ctx, c);
  await req('POST', `/v1/events/${eventId}/slots`, {
    token: org,
    body: { proposalId: talkId, startsAt: '2027-06-10T10:30:00Z' },
  });

  t.test('an event feed: headers, properties, stable UIDs', async (t) => {
    const a = await ics(ctx, `/v1/events/${eventId}/calendar.ics`);
    t.equal(a.status, 200);
    t.equal(a.headers['content-type'], 'text/calendar; charset=utf-8');
    t.match(a.headers['content-disposition'], /^inline; filename="event-[0-9a-f]{8}\.ics"$/);
    t.match(a.headers.etag, /^"ev-/);
    t.ok(a.headers['last-modified']);
    t.match(a.headers['cache-control'], /max-age=60/);
    t.equal(a.name, 'June brown-bag');
    t.equal(a.refresh, 'PT1H');
    t.match(a.text, /X-PUBLISHED-TTL:PT1H/);
    const [ev, talk] = a.events;
    t.equal(ev.uid, `event-${eventId}@brownbag.test`);
    t.equal(talk.uid, `talk-${talkId}@brownbag.test`);
    t.match(talk.description, 'In English', "the talk's language, named");
    t.ok(talk.props.includes('x-brownbag-language'), 'and its tag, for programs');
    t.match(a.text, /X-BROWNBAG-LANGUAGE:en/);
    t.match(ev, { summary: 'June brown-bag', status: 'CONFIRMED', url: `http://brownbag.test/events/${eventId}` });
    t.match(ev.location, /^Aula .*, Building A, floor 2$/);
    t.same([ev.start.toISOString(), ev.end.toISOString()], ['2027-06-10T10:00:00.000Z', '2027-06-10T12:00:00.000Z']);
    const slot = times(
      localeOf('en'),
      new Date('2027-06-10T10:30:00Z'),
      new Date('2027-06-10T11:00:00Z'),
      'Europe/Berlin',
    );
    t.match(ev.description, `${slot}  Talk for`, 'the agenda, in Europe/Berlin time');
    t.match(ev.description, /— Sam Speaker/);
    for (const p of [
      'uid',
      'sequence',
      'dtstamp',
      'last-modified',
      'summary',
      'description',
      'location',
      'url',
      'status',
    ])
      t.ok(ev.props.includes(p), p);
    const b = await ics(ctx, `/v1/events/${eventId}/calendar.ics`);
    t.same(
      b.events.map((e) => e.uid),
      a.events.map((e) => e.uid),
      'UIDs stable across renders',
    );
    t.equal(b.text, a.text, 'byte for byte');
    t.equal((await ics(ctx, '/v1/events/00000000-0000-4000-8000-000000000000/calendar.ics')).status, 404);
  });

  t.test('SEQUENCE grows on moves and stays on no-op saves', async (t) => {
    const before = (await ics(ctx, `/v1/events/${eventId}/calendar.ics`)).events;
    await req('PATCH', `/v1/events/${eventId}`, { token: org, body: { title: 'June brown-bag' } });
    const same = (await ics(ctx, `/v1/events/${eventId}/calendar.ics`)).events;
    t.same(
      same.map((e) => e.sequence),
      before.map((e) => e.sequence),
      'no-op save',
    );
    const ev = await req('GET', `/v1/events/${eventId}`, { token: org });
    await req('PATCH', `/v1/slots/${ev.body.agenda[0].id}`, { token: org, body: { startsAt: '2027-06-10T11:00:00Z' } });
    const moved = (await ics(ctx, `/v1/events/${eventId}/calendar.ics`)).events;
    t.ok(moved[0].sequence > before[0].sequence, 'the event (its agenda changed)');
    t.ok(moved[1].sequence > before[1].sequence, 'the talk');
    t.equal(moved[1].start.toISOString(), '2027-06-10T11:00:00.000Z');
    await req('PATCH', `/v1/rooms/${roomId}`, { token: org, body: { location: 'Building B' } });
    const roomMoved = (await ics(ctx, `/v1/events/${eventId}/calendar.ics`)).events;
    t.ok(roomMoved[0].sequence > moved[0].sequence, 'a room that moves moves its events');
    t.match(roomMoved[0].location, /Building B/);
  });

  t.test('conditional requests answer 304', async (t) => {
    const url = `/v1/communities/guild/calendar.ics`;
    const first = await ics(ctx, url);
    const etag = first.headers.etag as string;
    t.equal((await ics(ctx, url, { 'if-none-match': etag })).status, 304);
    t.equal((await ics(ctx, url, { 'if-none-match': `W/${etag}` })).status, 304, 'weak comparison');
    t.equal((await ics(ctx, url, { 'if-none-match': '"other", ' + etag })).status, 304, 'a list');
    t.equal((await ics(ctx, url, { 'if-modified-since': first.headers['last-modified'] as string })).status, 304);
    t.equal((await ics(ctx, url, { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' })).status, 200);
    t.equal((await ics(ctx, url, { 'if-modified-since': 'not a date' })).status, 200);
    await req('PATCH', `/v1/events/${eventId}`, { token: org, body: { description: 'Bring lunch' } });
    const changed = await ics(ctx, url, { 'if-none-match': etag });
    t.equal(changed.status, 200, 'a change makes the old tag stale');
    t.not(changed.headers.etag, etag);
  });

  t.test('compressed for clients that accept it: each encoding its own representation', async (t) => {
    const url = `/v1/communities/guild/calendar.ics`;
    const plain = await ctx.app.inject({ method: 'GET', url });
    for (const [accept, encoding, inflate] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      t.equal(res.headers['content-encoding'], encoding);
      t.equal(inflate(res.rawPayload).toString(), plain.body, `${encoding}: the same calendar`);
      t.ok(res.rawPayload.length < plain.rawPayload.length, `${encoding}: smaller`);
      t.not(res.headers.etag, plain.headers.etag, 'an ETag of its own');
      const again = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': accept, 'if-none-match': res.headers.etag as string },
      });
      t.equal(again.statusCode, 304);
      t.notOk(again.headers['content-encoding'], 'no body, no encoding');
    }
    const refused = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    t.notOk(refused.headers['content-encoding'], 'q=0 is a no');
    const big = await req('GET', '/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    t.equal(big.headers['content-encoding'], 'gzip', 'large JSON is compressed on the fly');
  });

  t.test('community feed: published and canceled events; talks on request', async (t) => {
    const draft = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title: 'Secret draft', startsAt: '2027-07-01T10:00:00Z', endsAt: '2027-07-01T11:00:00Z' },
    });
    const gone = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title: 'Will be canceled', startsAt: '2027-07-02T10:00:00Z', endsAt: '2027-07-02T11:00:00Z' },
    });
    await req('PATCH', `/v1/events/${gone.body.id}`, { token: org, body: { status: 'published' } });
    const live = (await ics(ctx, '/v1/communities/guild/calendar.ics')).events;
    await req('PATCH', `/v1/events/${gone.body.id}`, { token: org, body: { status: 'canceled' } });
    const feed = await ics(ctx, '/v1/communities/guild/calendar.ics');
    t.equal(feed.name, 'guild community');
    t.notOk(
      feed.events.some((e) => e.uid.includes(draft.body.id)),
      'no drafts',
    );
    const canceled = feed.events.find((e) => e.uid === `event-${gone.body.id}@brownbag.test`)!;
    t.equal(canceled.status, 'CANCELLED', 'a canceled event stays, CANCELLED, same UID');
    t.ok(canceled.sequence > live.find((e) => e.uid === canceled.uid)!.sequence);
    t.notOk(
      feed.events.some((e) => e.uid.startsWith('talk-')),
      'talks only on request',
    );
    const withTalks = await ics(ctx, '/v1/communities/guild/calendar.ics?talks=true');
    t.ok(withTalks.events.some((e) => e.uid === `talk-${talkId}@brownbag.test`));
    t.not(withTalks.headers.etag, feed.headers.etag);
    t.equal((await ics(ctx, '/v1/communities/nope/calendar.ics')).status, 404);
  });

  t.test('daylight saving: Berlin and New York switch weekends', async (t) => {
    const cases = [
      // Europe/Berlin springs forward on 2027-03-28: 10:00 local is 09:00Z before, 08:00Z after
      { tz: 'Europe/Berlin', start: '2027-03-27T09:00:00Z', local: '10:00', date: 'Saturday 27 March 2027' },
      { tz: 'Europe/Berlin', start: '2027-03-29T08:00:00Z', local: '10:00', date: 'Monday 29 March 2027' },
      // America/New_York springs forward on 2027-03-14 and falls back on 2027-11-07
      { tz: 'America/New_York', start: '2027-03-13T15:00:00Z', local: '10:00', date: 'Saturday 13 March 2027' },
      { tz: 'America/New_York', start: '2027-03-15T14:00:00Z', local: '10:00', date: 'Monday 15 March 2027' },
      { tz: 'America/New_York', start: '2027-11-08T15:00:00Z', local: '10:00', date: 'Monday 8 November 2027' },
    ];
    for (const cse of cases) {
      const end = new Date(new Date(cse.start).getTime() + 3600_000).toISOString();
      const e = await req('POST', '/v1/communities/guild/events', {
        token: org,
        body: { title: `DST ${cse.tz}`, startsAt: cse.start, endsAt: end, timeZone: cse.tz },
      });
      await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
      const [ev] = (await ics(ctx, `/v1/events/${e.body.id}/calendar.ics`)).events;
      t.equal(ev.start.toISOString(), new Date(cse.start).toISOString(), `${cse.tz} ${cse.date}: the instant`);
      t.match(
        ev.description,
        span(localeOf('en'), new Date(cse.start), new Date(end), cse.tz),
        `${cse.tz} ${cse.date}: local time in the text`,
      );
      t.match(ev.description, cse.local, `${cse.tz} ${cse.date}: ${cse.local} local`);
      t.match(ev.description, `(${cse.tz})`, 'the zone is named');
    }
    // Local time with its zone: ical.js resolves each TZID through the feed's own VTIMEZONE
    // (calendar-new-york.test.ts runs this in another process zone), so 10:00 stays 10:00.
    const feed = await ics(ctx, '/v1/communities/guild/calendar.ics');
    const cal = parse(feed.text).cal;
    const zones = cal.getAllSubcomponents('vtimezone').map((z: Comp) => String(z.getFirstPropertyValue('tzid')));
    t.same(
      zones.filter((z: string) => z !== 'Europe/Berlin').sort(),
      ['America/New_York'],
      'one VTIMEZONE per zone used',
    );
    t.ok(zones.includes('Europe/Berlin'));
    for (const v of cal.getAllSubcomponents('vevent') as Comp[]) {
      const summary = String(v.getFirstPropertyValue('summary'));
      if (!summary.startsWith('DST ')) continue;
      const start = v.getFirstProperty('dtstart')!;
      t.equal(start.getParameter('tzid'), summary.slice(4), `${summary}: TZID is the event's zone`);
      const local = start.getFirstValue() as unknown as { hour: number; minute: number; zone: { tzid: string } };
      t.same([local.hour, local.minute, local.zone.tzid], [10, 0, summary.slice(4)], `${summary}: 10:00 local`);
    }
    t.match(feed.text, /DTSTART;TZID=America\/New_York:20271108T100000\r\n/, 'written as wall-clock time');
  });

  t.test('UTC and unknown zones stay UTC instants; aliases use the zone they name', async (t) => {
    const at = new Date('2027-01-05T12:00:00Z');
    t.same(zoned(at, 'UTC'), { at, timezone: null });
    t.same(zoned(at, 'Etc/UTC'), { at, timezone: null });
    t.same(zoned(at, 'Mars/Olympus_Mons'), { at, timezone: null });
    const alias = zoned(at, 'US/Eastern');
    t.equal(alias.timezone, 'America/New_York');
    t.equal(String(alias.at), '2027-01-05T07:00:00.000-05:00');
  });

  t.test('hostile and long user text round-trips exactly; no property injection', async (t) => {
    const s = await community(ctx, 'text', { eventVisibility: 'public' });
    const abstract = `Commas, semicolons; back\\slashes \\n not a newline\nreal newline 🎉 ${'x'.repeat(1900)}`;
    const prop = await req('POST', '/v1/communities/text/proposals', {
      token: s.speaker.token,
      body: { callId: s.callId, title: 'Semi; colon, comma \\ slash 🚀', abstract, format: 'talk', submit: true },
    });
    await req('POST', `/v1/proposals/${prop.body.id}/transitions`, {
      token: s.organizer.token,
      body: { to: 'accepted' },
    });
    const description = 'Line one\r\nATTENDEE:mailto:evil@example.com\r\nEND:VEVENT\nBEGIN:VEVENT';
    const e = await req('POST', '/v1/communities/text/events', {
      token: s.organizer.token,
      body: {
        title: 'Text; test, \\ 🎉',
        description,
        startsAt: '2027-06-10T10:00:00Z',
        endsAt: '2027-06-10T12:00:00Z',
      },
    });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: s.organizer.token, body: { status: 'published' } });
    await req('POST', `/v1/events/${e.body.id}/slots`, {
      token: s.organizer.token,
      body: { proposalId: prop.body.id, startsAt: '2027-06-10T10:00:00Z' },
    });
    const feed = await ics(ctx, `/v1/events/${e.body.id}/calendar.ics`);
    t.equal(feed.events.length, 2, 'no injected VEVENT');
    const [ev, talk] = feed.events;
    t.equal(ev.summary, 'Text; test, \\ 🎉');
    t.ok(
      ev.description.startsWith(description.replace(/\r\n/g, '\n')),
      'description exact (CRLF normalised to a line break)',
    );
    t.notOk(ev.props.includes('attendee'), 'no ATTENDEE property was injected');
    t.equal(talk.summary, 'Semi; colon, comma \\ slash 🚀');
    t.ok(talk.description.includes(abstract), '2,000-character abstract exact');
    const title = await req('POST', '/v1/communities/text/events', {
      token: s.organizer.token,
      body: { title: 'Bad\r\nSUMMARY:x', startsAt: '2027-06-10T13:00:00Z', endsAt: '2027-06-10T14:00:00Z' },
    });
    t.equal(title.status, 400, 'a CRLF in a title is refused');
  });

  t.test('personal feeds behind secret, rotatable, revocable tokens', async (t) => {
    const made = await req('POST', '/v1/me/feed-tokens', { token: c.speaker.token, body: { name: 'phone' } });
    t.equal(made.status, 201);
    t.match(made.body.token, /^feed_[A-Za-z0-9_-]{43}$/, '256 random bits');
    t.equal(made.body.calendarUrl, `http://brownbag.test/v1/feeds/${made.body.token}/calendar.ics`);
    t.match(made.body.webcalUrl, /^webcal:\/\//);
    const stored = await ctx.ds.query('SELECT token_hash FROM feed_token WHERE id = $1', [made.body.id]);
    t.not(stored[0].token_hash, made.body.token, 'stored hashed');
    const url = `/v1/feeds/${made.body.token}/calendar.ics`;
    const mine = await ics(ctx, url);
    t.equal(mine.status, 200);
    t.match(mine.headers['cache-control'], /private/);
    t.ok(
      mine.events.some((e) => e.uid === `talk-${talkId}@brownbag.test`),
      'the talks I give',
    );
    t.notOk(
      mine.events.some((e) => e.uid === `event-${eventId}@brownbag.test`),
      'not events I did not say I go to',
    );
    await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.speaker.token, body: { status: 'going' } });
    const going = await ics(ctx, url, { 'if-none-match': mine.headers.etag as string });
    t.equal(going.status, 200, 'an RSVP changes the feed');
    t.ok(
      going.events.some((e) => e.uid === `event-${eventId}@brownbag.test`),
      'events I am going to',
    );
    t.equal((await ics(ctx, url, { 'if-none-match': going.headers.etag as string })).status, 304);
    const rotated = await req('POST', `/v1/me/feed-tokens/${made.body.id}/rotate`, { token: c.speaker.token });
    t.equal((await ics(ctx, url)).status, 404, 'the old URL stops at once');
    const url2 = `/v1/feeds/${rotated.body.token}/calendar.ics`;
    t.equal((await ics(ctx, url2)).status, 200);
    t.equal(
      (await req('DELETE', `/v1/me/feed-tokens/${made.body.id}`, { token: c.member.token })).status,
      404,
      "someone else's",
    );
    t.equal((await req('DELETE', `/v1/me/feed-tokens/${made.body.id}`, { token: c.speaker.token })).status, 204);
    t.equal((await ics(ctx, url2)).status, 404, 'revoked');
    t.equal((await ics(ctx, '/v1/feeds/feed_nonsense-token-value/calendar.ics')).status, 404);
    t.notOk(
      JSON.stringify((await req('GET', '/v1/me/feed-tokens', { token: c.speaker.token })).body).includes(
        rotated.body.token,
      ),
      'secrets never listed',
    );
  });
});

t.test('feed polls are answered from memory; every instance hears of a change', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'polled', { eventVisibility: 'public' });
  const { eventId } = await eventWithTalk(ctx, c);
  // A second instance on the same database: its own feed validators, its own LISTEN connection.
  const other = await buildApp({
    ds: ctx.ds,
    config: { bodyLimitBytes: 262144, publicUrl: 'http://brownbag.test', metricsToken: null },
  });
  t.teardown(() => other.close());
  const url = '/v1/communities/polled/calendar.ics';
  const get = (app: typeof other, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity', ...headers } });
  const first = await get(other);
  const etag = String(first.headers.etag);
  t.equal((await get(other, { 'if-none-match': etag })).statusCode, 304, 'a poll primes the memory');

  // With the community table locked, anything that reads it waits: a poll answered from memory does not.
  const lock = new Client({ connectionString: ctx.dbUrl });
  await lock.connect();
  t.teardown(() => lock.end());
  await lock.query('BEGIN');
  await lock.query('LOCK TABLE community IN ACCESS EXCLUSIVE MODE');
  const timeout = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);
  const polled = await timeout(get(other, { 'if-none-match': etag }), 2000);
  t.equal(polled === 'waiting' ? 'waiting' : polled.statusCode, 304, 'an unchanged poll needs no database');
  const fresh = get(other);
  let answered = false;
  fresh.then(
    () => (answered = true),
    () => (answered = true),
  );
  // Waiting on the lock shows in pg_stat_activity: an unconditional GET reads the validator.
  await until('a query waiting on the locked table', async () => {
    const [{ n }] = await ctx.ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return n > 0 || answered;
  });
  t.notOk(answered, 'an unconditional GET reads the validator');
  await lock.query('ROLLBACK');
  t.equal((await fresh).statusCode, 200);

  // A change made through the first instance reaches the second's memory through NOTIFY.
  const changedAt = Date.now();
  const moved = await ctx.req('PATCH', `/v1/events/${eventId}`, { token: c.organizer.token, body: { title: 'Moved' } });
  t.equal(moved.status, 200);
  let res = await get(other, { 'if-none-match': etag });
  while (res.statusCode === 304 && Date.now() - changedAt < 1000) {
    await new Promise((r) => setTimeout(r, 5));
    res = await get(other, { 'if-none-match': etag });
  }
  t.equal(res.statusCode, 200, `the other instance answers the new feed (${Date.now() - changedAt} ms)`);
  t.match(res.body, /SUMMARY:Moved/);
  t.not(res.headers.etag, etag);
  // The instance that made the change knows at once, announcement or not.
  t.equal((await ctx.req('GET', url, { headers: { 'if-none-match': etag } })).status, 200);
  // A submission changes no feed: the other instance keeps its validator and the ETag stays.
  const now = String(res.headers.etag);
  t.equal((await get(other, { 'if-none-match': now })).statusCode, 304);
  await submitted(ctx, c, 'Not on any calendar yet');
  await new Promise((r) => setTimeout(r, 50));
  t.equal((await get(other, { 'if-none-match': now })).statusCode, 304);
  t.equal((await get(other)).headers.etag, now);
});

t.test('UIDs stay when PUBLIC_URL changes: links move, calendar entries do not', async (t) => {
  const ctx = await setup(t, { publicUrl: 'https://talks.old.example' });
  const c = await community(ctx, 'moving', { eventVisibility: 'public' });
  const { eventId } = await eventWithTalk(ctx, c);
  const before = await ics(ctx, `/v1/events/${eventId}/calendar.ics`);
  t.equal(before.events[0].uid, `event-${eventId}@talks.old.example`);
  // The same installation, started again under a new address.
  const moved = await buildApp({
    ds: ctx.ds,
    config: { bodyLimitBytes: 262144, publicUrl: 'https://brownbag.new.example', metricsToken: null },
  });
  t.teardown(() => moved.close());
  const res = await moved.inject({ method: 'GET', url: `/v1/events/${eventId}/calendar.ics` });
  const after = parse(res.body);
  t.same(
    after.events.map((e) => e.uid),
    before.events.map((e) => e.uid),
    'every UID as before',
  );
  t.equal(after.events[0].url, `https://brownbag.new.example/events/${eventId}`, 'links at the new address');
});
