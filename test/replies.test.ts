/**
 * Calendars that answer back: a real IMAP server (hoodiecrow-imap) holds iTIP REPLY messages built
 * with a real calendar library (ical-generator) and composed by nodemailer; readReplies (imapflow,
 * mailparser, ical.js) reads them and the RSVP follows — a decline frees the seat for the waitlist,
 * an accept takes one. Each message counts once, however often it is read; a reply that does not
 * come from its attendee, or is about someone else's event, changes nothing.
 */
import type { AddressInfo } from 'node:net';
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import hoodiecrow from 'hoodiecrow-imap';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import t from 'tap';
import { readReplies } from '../src/mail/replies';
import { community, eventWithTalk, setup } from './helper';

async function reply(o: {
  uid: string;
  from: string;
  attendee: string;
  partstat: ICalAttendeeStatus;
  messageId: string;
}) {
  const cal = ical({ prodId: { company: 'Mail', product: 'calendar' }, method: ICalCalendarMethod.REPLY });
  cal.createEvent({
    id: o.uid,
    start: new Date('2027-06-10T10:00:00Z'),
    end: new Date('2027-06-10T12:00:00Z'),
    stamp: new Date(),
    sequence: 1,
    summary: 'June brown-bag',
    organizer: { name: 'guild community', email: 'organizers@brownbag.test' },
    attendees: [{ email: o.attendee, name: 'Attendee', status: o.partstat }],
  });
  return (
    await new MailComposer({
      from: o.from,
      to: 'organizers@brownbag.test',
      subject: `${o.partstat === ICalAttendeeStatus.ACCEPTED ? 'Accepted' : 'Declined'}: June brown-bag`,
      messageId: o.messageId,
      text: 'Sent from my calendar',
      icalEvent: { method: 'REPLY', content: cal.toString() },
    })
      .compile()
      .build()
  ).toString('utf8');
}

t.test('iTIP replies from the organizer mailbox', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const { eventId } = await eventWithTalk(ctx, c, { capacity: 1 });
  const waiting = await ctx.person('wait@guild.example', 'Wanda Waiting');
  const late = await ctx.person('late@guild.example', 'Lars Late');
  await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  t.equal(
    (await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: waiting.token, body: { status: 'going' } })).body
      .status,
    'waitlisted',
  );

  const server = hoodiecrow({
    plugins: ['ID', 'IDLE', 'UNSELECT', 'ENABLE', 'SASL-IR', 'SPECIAL-USE', 'NAMESPACE', 'LITERALPLUS', 'UIDPLUS'],
    storage: { INBOX: { messages: [] } },
    users: { organizers: { password: 'secret' } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.server.address() as AddressInfo).port;
  const imapUrl = `imap://organizers:secret@127.0.0.1:${port}/INBOX`;
  const mailbox = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth: { user: 'organizers', pass: 'secret' },
    logger: false,
  });
  await mailbox.connect();
  t.teardown(() => mailbox.logout());
  const uid = `event-${eventId}@brownbag.test`;
  const deliver = async (raw: string) => void (await mailbox.append('INBOX', raw));

  await deliver(
    await reply({
      uid,
      from: c.member.email,
      attendee: c.member.email,
      partstat: ICalAttendeeStatus.DECLINED,
      messageId: '<decline-1@mail.example>',
    }),
  );
  // Spoofed: the sender is not the attendee it answers for.
  await deliver(
    await reply({
      uid,
      from: 'mallory@guild.example',
      attendee: c.reviewer.email,
      partstat: ICalAttendeeStatus.ACCEPTED,
      messageId: '<spoof@mail.example>',
    }),
  );
  // Someone else's event (another installation's UID domain).
  await deliver(
    await reply({
      uid: `event-${eventId}@elsewhere.example`,
      from: late.email,
      attendee: late.email,
      partstat: ICalAttendeeStatus.ACCEPTED,
      messageId: '<foreign@mail.example>',
    }),
  );
  await deliver(
    'From: someone@guild.example\r\nSubject: lunch?\r\nMessage-ID: <plain@mail.example>\r\n\r\nAre we still on?',
  );

  const first = await readReplies({ ds: ctx.ds, imapUrl, publicUrl: 'http://brownbag.test' });
  t.same(first, { read: 4, applied: 4 });
  const rsvp = async (p: { token: string }) =>
    (await req('GET', `/v1/events/${eventId}/rsvps/me`, { token: p.token })).body.status as string;
  t.equal(await rsvp(c.member), 'declined', 'Decline in the calendar: the seat is given back');
  t.equal(await rsvp(waiting), 'going', 'and the first on the waitlist has it');
  t.equal(
    (await req('GET', `/v1/events/${eventId}/rsvps/me`, { token: c.reviewer.token })).status,
    404,
    'a spoofed reply changes nothing',
  );
  t.equal(
    (await req('GET', `/v1/events/${eventId}/rsvps/me`, { token: late.token })).status,
    404,
    'nor one about someone else’s event',
  );
  const outcomes = await ctx.ds.query('SELECT message_id, outcome FROM itip_reply ORDER BY message_id');
  t.same(outcomes, [
    { message_id: '<decline-1@mail.example>', outcome: 'declined' },
    { message_id: '<foreign@mail.example>', outcome: 'ignored: not one of our events' },
    { message_id: '<plain@mail.example>', outcome: 'ignored: not a calendar reply' },
    { message_id: '<spoof@mail.example>', outcome: 'ignored: the sender is not the attendee' },
  ]);

  // Read again: nothing unseen. Then the mailbox forgets its flags: the same messages change nothing.
  t.same(await readReplies({ ds: ctx.ds, imapUrl, publicUrl: 'http://brownbag.test' }), { read: 0, applied: 0 });
  await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  t.equal(await rsvp(c.member), 'waitlisted', 'the member changed their mind on the page');
  const lock = await mailbox.getMailboxLock('INBOX');
  await mailbox.messageFlagsRemove('1:*', ['\\Seen']);
  lock.release();
  t.same(await readReplies({ ds: ctx.ds, imapUrl, publicUrl: 'http://brownbag.test' }), { read: 4, applied: 0 });
  t.equal(await rsvp(c.member), 'waitlisted', 'the old Decline is not applied twice');

  // Accept from the calendar: a seat if one is free, the waitlist otherwise.
  await deliver(
    await reply({
      uid,
      from: late.email,
      attendee: late.email,
      partstat: ICalAttendeeStatus.ACCEPTED,
      messageId: '<late@mail.example>',
    }),
  );
  await deliver(
    await reply({
      uid,
      from: waiting.email,
      attendee: waiting.email,
      partstat: ICalAttendeeStatus.DECLINED,
      messageId: '<wanda@mail.example>',
    }),
  );
  t.same(await readReplies({ ds: ctx.ds, imapUrl, publicUrl: 'http://brownbag.test' }), { read: 2, applied: 2 });
  t.equal(await rsvp(waiting), 'declined');
  t.equal(await rsvp(c.member), 'going', 'Wanda’s seat went to the member, first in line');
  t.equal(await rsvp(late), 'waitlisted', 'Lars accepted while it was full: waitlisted');
});
