/**
 * The one event as a file to add to a calendar (GET /v1/events/{id}/event.ics), parsed with ical.js
 * as a calendar client would: one VEVENT in the event's zone, its agenda in the description; who may
 * have it is who may read the event page (drafts: organizers; an internal community: signed in).
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { googleCalendarUrl, outlookUrl } from '../src/calendar/add-links';
import { localeOf, times } from '../src/web/i18n';
import { community, eventWithTalk, setup, type Ctx } from './helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;
type Comp = InstanceType<typeof ICAL.Component>;

const get = (ctx: Ctx, url: string, token?: string) =>
  ctx.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

t.test('one event as .ics, by the event page rules', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const { eventId, talkId } = await eventWithTalk(ctx, c, { title: 'June brown-bag' });
  await ctx.req('POST', `/v1/events/${eventId}/slots`, {
    token: c.organizer.token,
    body: { proposalId: talkId, startsAt: '2027-06-10T10:00:00Z' },
  });
  const url = `/v1/events/${eventId}/event.ics`;

  const res = await get(ctx, url, c.member.token);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], 'text/calendar');
  t.match(res.headers['content-disposition'], /^attachment; filename="event-[0-9a-f]{8}\.ics"$/);
  const cal = new ICAL.Component(ICAL.parse(res.body));
  t.equal(cal.getFirstPropertyValue('method'), 'PUBLISH');
  const events = cal.getAllSubcomponents('vevent') as Comp[];
  t.equal(events.length, 1, 'the event alone (its talks are in its description)');
  const e = events[0];
  t.equal(e.getFirstPropertyValue('summary'), 'June brown-bag');
  t.match(String(e.getFirstPropertyValue('uid')), `event-${eventId}@`, 'the UID every feed and invitation uses');
  t.equal(e.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Berlin');
  t.equal(
    (e.getFirstPropertyValue('dtstart') as unknown as { toJSDate(): Date }).toJSDate().toISOString(),
    '2027-06-10T10:00:00.000Z',
  );
  t.equal(
    (e.getFirstPropertyValue('dtend') as unknown as { toJSDate(): Date }).toJSDate().toISOString(),
    '2027-06-10T12:00:00.000Z',
  );
  // The agenda's times as the community's language writes them (English here), in the event's zone.
  const slot = times(
    localeOf('en'),
    new Date('2027-06-10T10:00:00Z'),
    new Date('2027-06-10T10:30:00Z'),
    'Europe/Berlin',
  );
  t.match(String(e.getFirstPropertyValue('description')), `Agenda:\n${slot}  Talk for`);
  t.match(String(e.getFirstPropertyValue('location')), 'Building A, floor 2');

  // An internal community's event: not for strangers (as its page).
  t.equal((await get(ctx, url)).statusCode, 401);
  // Unknown: 404 problem.
  const unknown = await get(ctx, '/v1/events/00000000-0000-4000-8000-000000000000/event.ics', c.member.token);
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], 'application/problem+json');

  // A draft: organizers only.
  const draft = await ctx.req('POST', '/v1/communities/guild/events', {
    token: c.organizer.token,
    body: { title: 'Draft one', startsAt: '2027-07-01T10:00:00Z', endsAt: '2027-07-01T11:00:00Z' },
  });
  t.equal((await get(ctx, `/v1/events/${draft.body.id}/event.ics`, c.member.token)).statusCode, 404);
  const mine = await get(ctx, `/v1/events/${draft.body.id}/event.ics`, c.organizer.token);
  t.equal(mine.statusCode, 200);
  t.match(mine.body, 'SUMMARY:Draft one');

  // A public community's event: anyone.
  const p = await community(ctx, 'open', { eventVisibility: 'public' });
  const pub = await eventWithTalk(ctx, p, { title: 'Open lunch' });
  const anon = await get(ctx, `/v1/events/${pub.eventId}/event.ics`);
  t.equal(anon.statusCode, 200);
  t.match(anon.body, 'SUMMARY:Open lunch');
});

t.test('Google Calendar and Outlook links carry the title, UTC times, place and details', async (t) => {
  const e = {
    title: 'June brown-bag: queues & más',
    startsAt: new Date('2027-06-10T10:00:00Z'),
    endsAt: new Date('2027-06-10T12:00:00Z'),
    location: 'Aula, Building A',
    details: 'Lunch.\n\nhttps://brownbag.test/events/1',
  };
  const g = new URL(googleCalendarUrl(e));
  t.equal(g.origin + g.pathname, 'https://calendar.google.com/calendar/render');
  t.same(Object.fromEntries(g.searchParams), {
    action: 'TEMPLATE',
    text: e.title,
    dates: '20270610T100000Z/20270610T120000Z',
    details: e.details,
    location: e.location,
  });
  const o = new URL(outlookUrl({ ...e, location: null }));
  t.equal(o.origin + o.pathname, 'https://outlook.live.com/calendar/0/deeplink/compose');
  t.same(Object.fromEntries(o.searchParams), {
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: '2027-06-10T10:00:00Z',
    enddt: '2027-06-10T12:00:00Z',
    body: e.details,
  });
});
