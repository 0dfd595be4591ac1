/**
 * Invitations that say what happened and where to answer: RSVP only when replies are read (else the
 * mail and the entry say where to answer), "Updated" lists what changed, a cancellation carries
 * the organizers' reason and a "Cancelled:" title, and a person's reminder alarm (VALARM) rides
 * along in their invitations and personal feed. Real SMTP, parsed with ical.js.
 */
import * as icalModule from 'ical.js';
import t from 'tap';
import { localeOf, span } from '../src/web/i18n';
import { community, eventWithTalk } from './helper';

const en = localeOf('en');
import { calendarPart, mailWorld, type Received } from './mail-helper';

const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

function vevent(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const ev = cal.getFirstSubcomponent('vevent')!;
  const alarm = ev.getFirstSubcomponent('valarm');
  return {
    summary: String(ev.getFirstPropertyValue('summary')),
    description: String(ev.getFirstPropertyValue('description') ?? ''),
    rsvp: ev.getFirstProperty('attendee')!.getParameter('rsvp'),
    trigger: alarm ? String(alarm.getFirstPropertyValue('trigger')) : null,
    action: alarm ? String(alarm.getFirstPropertyValue('action')) : null,
  };
}
const to = (email: string, subject: RegExp) => (r: Received) =>
  r.to.includes(email) && subject.test(r.mail.subject ?? '');

t.test('without a mailbox for replies', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const { eventId } = await eventWithTalk(ctx, c);
  t.equal(
    (await req('PATCH', '/v1/me', { token: c.member.token, body: { alarmMinutes: 15 } })).body.alarmMinutes,
    15,
    'a reminder 15 minutes before',
  );
  await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  const [inv] = await sink.waitFor(to(c.member.email, /^Invitation/));
  const v = vevent(calendarPart(inv).ics);
  t.equal(v.rsvp, 'FALSE', 'no reply is asked for: nobody would read it');
  t.match(v.description, `RSVP: http://brownbag.test/events/${eventId}`, 'the entry says where to answer');
  t.match(inv.mail.text, 'Your answer in the calendar is not read by anyone');
  t.same([v.action, v.trigger], ['DISPLAY', '-PT15M'], 'the reminder alarm');

  // The personal feed carries the alarm too; without one, no VALARM.
  const feed = await req('POST', '/v1/me/feed-tokens', { token: c.member.token, body: { name: 'phone' } });
  const url = new URL(feed.body.calendarUrl).pathname;
  const withAlarm = (await ctx.app.inject({ method: 'GET', url })).body;
  const cal = new ICAL.Component(ICAL.parse(withAlarm));
  t.same(
    cal
      .getAllSubcomponents('vevent')
      .map((e) => String(e.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger') ?? '')),
    ['-PT15M'],
  );
  await req('PATCH', '/v1/me', { token: c.member.token, body: { alarmMinutes: null } });
  t.notMatch((await ctx.app.inject({ method: 'GET', url })).body, /BEGIN:VALARM/, 'taken away again');
  t.equal((await req('PATCH', '/v1/me', { token: c.member.token, body: { alarmMinutes: -5 } })).status, 400);
  t.equal((await req('PATCH', '/v1/me', { token: c.member.token, body: { alarmMinutes: 20000 } })).status, 400);

  // A move and a new room: "Updated" says what changed, before → after, in the event's zone.
  const room2 = await req('POST', '/v1/communities/guild/rooms', {
    token: org,
    body: { name: 'Library', capacity: 20 },
  });
  await req('PATCH', `/v1/events/${eventId}`, {
    token: org,
    body: { startsAt: '2027-06-10T12:00:00Z', endsAt: '2027-06-10T14:00:00Z', roomId: room2.body.id },
  });
  const [upd] = await sink.waitFor(to(c.member.email, /^Updated/));
  t.match(upd.mail.text, 'What changed:');
  t.match(
    upd.mail.text,
    `• Time: ${span(en, new Date('2027-06-10T10:00:00Z'), new Date('2027-06-10T12:00:00Z'), 'Europe/Berlin')} → ${span(en, new Date('2027-06-10T12:00:00Z'), new Date('2027-06-10T14:00:00Z'), 'Europe/Berlin')}`,
  );
  t.match(upd.mail.text, /• Place: Aula \w+, Building A, floor 2 → Library/);

  // Cancel with a reason: the reason is in the mail and the entry; the title says "Cancelled:".
  t.equal(
    (await req('PATCH', `/v1/events/${eventId}`, { token: org, body: { cancelReason: 'Too few people' } })).status,
    422,
    'a reason goes with a cancellation',
  );
  await req('PATCH', `/v1/events/${eventId}`, {
    token: org,
    body: { status: 'canceled', cancelReason: 'The speaker is ill; we will find a new date.' },
  });
  const [gone] = await sink.waitFor(to(c.member.email, /^Canceled/));
  t.match(gone.mail.text, 'The organizers say: The speaker is ill; we will find a new date.');
  const cv = vevent(calendarPart(gone).ics);
  t.equal(cv.summary, 'Cancelled: June brown-bag');
  t.match(cv.description, /^The speaker is ill; we will find a new date\./);
  t.equal(cv.trigger, null, 'no alarm on a cancellation');
});

t.test('with a mailbox for replies', async (t) => {
  const { ctx, sink } = await mailWorld(t, { settings: { repliesRead: true } });
  const c = await community(ctx, 'guild');
  const { eventId } = await eventWithTalk(ctx, c);
  await ctx.req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  const [inv] = await sink.waitFor(to(c.member.email, /^Invitation/));
  const v = vevent(calendarPart(inv).ics);
  t.equal(v.rsvp, 'TRUE', 'Accept and Decline are asked for');
  t.notMatch(v.description, 'RSVP:');
  t.match(inv.mail.text, 'Accept or decline in your calendar');
  t.equal(v.trigger, null, 'no alarm unless asked for');
});
