/**
 * Calendars that answer back, over real IMAP (hoodiecrow-imap): replies shaped as Thunderbird,
 * Outlook and Gmail send them are read by readReplies (imapflow, mailparser, ical.js) and the RSVP
 * follows — but only a reply that proves it is the attendee's: sent to the reply address of that
 * attendee's own invitation (organizers+<secret>@…, taken here from the invitation the worker builds),
 * or carrying our mail server's DMARC pass. A forged From:, a forged Authentication-Results, another
 * attendee's reply address, someone else's event and a talk reply change nothing; a message over
 * the size cap is not downloaded. Each message counts once, however often it is read.
 */
import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import { ImapFlow } from 'imapflow';
import t from 'tap';
import { MessageBuilder } from '../src/worker/messages';
import { readReplies, rsvpAnswerer } from '../src/modules/events/itip-replies';
import { buildServices } from '../src/services';
import { community, eventWithTalk, setup } from './helper';
import { MAIL_SETTINGS } from './mail-helper';

const ORGANIZER = 'organizers@brownbag.test';
const TRUST = { organizerEmail: ORGANIZER, replyAddresses: true, authservId: 'mx.brownbag.test' };
const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');

function ics(o: { uid: string; attendee: string; partstat: string; prodid: string; organizer: string }) {
  return [
    'BEGIN:VCALENDAR',
    `PRODID:${o.prodid}`,
    'VERSION:2.0',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:${o.uid}`,
    'DTSTAMP:20270601T090000Z',
    'SEQUENCE:1',
    'DTSTART:20270610T100000Z',
    'DTEND:20270610T120000Z',
    'SUMMARY:June brown-bag',
    `ORGANIZER;CN=guild community:mailto:${o.organizer}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${o.partstat};CN=Attendee:mailto:${o.attendee}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

interface Reply {
  uid: string;
  from: string;
  attendee?: string;
  partstat: 'ACCEPTED' | 'DECLINED';
  to: string;
  id: string;
  /** Authentication-Results headers, topmost first (what mail servers on the way added) */
  auth?: string[];
}
const word = (p: string) => (p === 'ACCEPTED' ? 'Accepted' : 'Declined');
const head = (r: Reply, extra: string[]) =>
  [
    ...(r.auth ?? []).map((a) => `Authentication-Results: ${a}`),
    `From: Attendee <${r.from}>`,
    `To: guild community <${r.to}>`,
    `Subject: ${word(r.partstat)}: June brown-bag`,
    `Message-ID: ${r.id}`,
    'Date: Tue, 01 Jun 2027 09:00:00 +0000',
    'MIME-Version: 1.0',
    ...extra,
  ].join('\r\n');

/** Thunderbird: multipart/mixed, the REPLY inline as text/calendar and again as invite.ics. */
function thunderbird(r: Reply) {
  const cal = ics({
    ...r,
    attendee: r.attendee ?? r.from,
    prodid: '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
    organizer: r.to,
  });
  return `${head(r, ['User-Agent: Mozilla Thunderbird', 'Content-Type: multipart/mixed; boundary="tb"'])}\r\n\r\n--tb\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nAttendee has ${word(r.partstat).toLowerCase()} your event invitation.\r\n--tb\r\nContent-Type: text/calendar; method=REPLY; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${cal}--tb\r\nContent-Type: application/ics; name="invite.ics"\r\nContent-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(cal)}\r\n--tb--\r\n`;
}

/** Outlook: multipart/alternative of text, HTML and the REPLY, base64, with Exchange's headers. */
function outlook(r: Reply) {
  const cal = ics({ ...r, attendee: r.attendee ?? r.from, prodid: 'Microsoft Exchange Server 2010', organizer: r.to });
  return `${head(r, ['Thread-Topic: June brown-bag', 'X-MS-Has-Attach:', 'X-MS-Exchange-Organization-SCL: -1', 'Content-Language: en-US', 'Content-Type: multipart/alternative; boundary="_000_ms"'])}\r\n\r\n--_000_ms\r\nContent-Type: text/plain; charset="us-ascii"\r\n\r\n\r\n--_000_ms\r\nContent-Type: text/html; charset="us-ascii"\r\n\r\n<html><body></body></html>\r\n--_000_ms\r\nContent-Type: text/calendar; charset="utf-8"; method=REPLY\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(cal)}\r\n--_000_ms--\r\n`;
}

/** Gmail: mixed of alternative (text, HTML, text/calendar) and invite.ics; Google's PRODID. */
function gmail(r: Reply) {
  const cal = ics({
    ...r,
    attendee: r.attendee ?? r.from,
    prodid: '-//Google Inc//Google Calendar 70.9054//EN',
    organizer: r.to,
  });
  return `${head(r, ['Content-Type: multipart/mixed; boundary="00000000000mix"'])}\r\n\r\n--00000000000mix\r\nContent-Type: multipart/alternative; boundary="00000000000alt"\r\n\r\n--00000000000alt\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\nAttendee has ${word(r.partstat).toLowerCase()} this invitation.\r\n--00000000000alt\r\nContent-Type: text/html; charset="UTF-8"\r\n\r\n<p>Invitation from Google Calendar</p>\r\n--00000000000alt\r\nContent-Type: text/calendar; charset="UTF-8"; method=REPLY\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${cal}--00000000000alt--\r\n--00000000000mix\r\nContent-Type: application/ics; name="invite.ics"\r\nContent-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(cal)}\r\n--00000000000mix--\r\n`;
}

t.test('iTIP replies from the organizer mailbox', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const { eventId, talkId } = await eventWithTalk(ctx, c, { capacity: 1 });
  const waiting = await ctx.person('wait@guild.example', 'Wanda Waiting');
  const late = await ctx.person('late@guild.example', 'Lars Late');
  await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });
  t.equal(
    (await req('PUT', `/v1/events/${eventId}/rsvps/me`, { token: waiting.token, body: { status: 'going' } })).body
      .status,
    'waitlisted',
  );

  // The invitations as the worker writes them: each attendee's own reply address is its ORGANIZER.
  const builder = new MessageBuilder(ctx.ds, { ...MAIL_SETTINGS, organizerEmail: ORGANIZER, repliesRead: true });
  const invitation = async (item: 'event' | 'talk', id: string, personId: string) => {
    const m = await builder.build({ kind: 'invite', item, id, personId, method: 'REQUEST' });
    return String((m!.icalEvent as { content: string }).content).replace(/\r\n[ \t]/g, '');
  };
  const replyAddress = async (personId: string) =>
    /ORGANIZER[^\r\n]*:mailto:([^\r\n]+)/.exec(await invitation('event', eventId, personId))![1];
  const memberAddress = await replyAddress(c.member.id);
  t.match(memberAddress, /^organizers\+[0-9a-f]{32}@brownbag\.test$/, 'a reply address of its own');
  t.not(await replyAddress(waiting.id), memberAddress, 'one per attendee');
  t.match(await invitation('event', eventId, c.member.id), /RSVP=TRUE/);
  const talkInvite = await invitation('talk', talkId, c.speaker.id);
  t.notMatch(talkInvite, /RSVP=TRUE/, 'a talk invitation asks for no reply');
  t.match(talkInvite, `mailto:${ORGANIZER}`);

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
  const logged: string[] = [];
  const read = (o: { maxBytes?: number } = {}) =>
    readReplies({
      ds: ctx.ds,
      imapUrl,
      publicUrl: 'http://brownbag.test',
      trust: TRUST,
      answer: rsvpAnswerer(buildServices(ctx.ds, 'http://brownbag.test')),
      log: (l) => logged.push(l),
      ...o,
    });
  const rsvp = async (p: { token: string }) =>
    (await req('GET', `/v1/events/${eventId}/rsvps/me`, { token: p.token })).body.status as string;

  // Forged: From: the member, DMARC failed at our server; a forged "pass" below ours is not ours.
  await deliver(
    outlook({
      uid,
      from: c.member.email,
      partstat: 'DECLINED',
      to: ORGANIZER,
      id: '<forged@mail.example>',
      auth: [
        'mx.brownbag.test; spf=fail smtp.mailfrom=guild.example; dkim=none; dmarc=fail (p=NONE) header.from=guild.example',
        'mx.brownbag.test; dmarc=pass header.from=guild.example',
      ],
    }),
  );
  // Forged with Wanda's own reply address, speaking for the member.
  await deliver(
    thunderbird({
      uid,
      from: c.member.email,
      partstat: 'DECLINED',
      to: await replyAddress(waiting.id),
      id: '<stolen@mail.example>',
    }),
  );
  // A talk reply, someone else's event, and a plain mail.
  await deliver(
    gmail({
      uid: `talk-${talkId}@brownbag.test`,
      from: c.speaker.email,
      partstat: 'DECLINED',
      to: ORGANIZER,
      id: '<talk@mail.example>',
    }),
  );
  await deliver(
    gmail({
      uid: `event-${eventId}@elsewhere.example`,
      from: late.email,
      partstat: 'ACCEPTED',
      to: ORGANIZER,
      id: '<foreign@mail.example>',
    }),
  );
  await deliver(
    'From: someone@guild.example\r\nSubject: lunch?\r\nMessage-ID: <plain@mail.example>\r\n\r\nAre we still on?',
  );

  t.same(await read(), { read: 5, applied: 5 });
  t.equal(await rsvp(c.member), 'going', 'no forged reply took the seat');
  t.equal(await rsvp(waiting), 'waitlisted');
  const outcomes = async () =>
    Object.fromEntries(
      (await ctx.ds.query('SELECT message_id, outcome FROM itip_reply')).map(
        (r: { message_id: string; outcome: string }) => [r.message_id, r.outcome],
      ),
    );
  t.match(await outcomes(), {
    '<forged@mail.example>': /^ignored: not authenticated/,
    '<stolen@mail.example>': /^ignored: not authenticated/,
    '<talk@mail.example>': /^ignored: talk invitations ask for no reply/,
    '<foreign@mail.example>': 'ignored: not one of our events',
    '<plain@mail.example>': 'ignored: not a calendar reply',
  });
  t.ok(
    logged.some((l) => l.includes('<forged@mail.example>') && l.includes('not authenticated')),
    'and logged',
  );

  // The real ones: Thunderbird to the member's own reply address (a decline frees the seat for Wanda)…
  await deliver(
    thunderbird({ uid, from: c.member.email, partstat: 'DECLINED', to: memberAddress, id: '<decline-1@mail.example>' }),
  );
  t.same(await read(), { read: 1, applied: 1 });
  t.equal(await rsvp(c.member), 'declined', 'Thunderbird: Decline to the reply address');
  t.equal(await rsvp(waiting), 'going', 'the first on the waitlist has the seat');
  // …Outlook accepting to the member's reply address (full again: waitlisted)…
  await deliver(
    outlook({ uid, from: c.member.email, partstat: 'ACCEPTED', to: memberAddress, id: '<accept-1@mail.example>' }),
  );
  // …and Gmail to the plain organizer address, with our server's DMARC pass on top.
  await deliver(
    gmail({
      uid,
      from: late.email,
      partstat: 'ACCEPTED',
      to: ORGANIZER,
      id: '<late@mail.example>',
      auth: [
        'mx.brownbag.test; dkim=pass header.d=guild.example; spf=pass smtp.mailfrom=guild.example; dmarc=pass (p=REJECT) header.from=guild.example',
      ],
    }),
  );
  t.same(await read(), { read: 2, applied: 2 });
  t.equal(await rsvp(c.member), 'waitlisted', 'Outlook: Accept while full');
  t.equal(await rsvp(late), 'waitlisted', 'Gmail, proven by DMARC: Accept while full');

  // Over the cap: not downloaded, recorded, nothing changes.
  await deliver(
    thunderbird({
      uid,
      from: waiting.email,
      partstat: 'DECLINED',
      to: await replyAddress(waiting.id),
      id: '<big@mail.example>',
    }).replace(
      'Content-Type: text/plain; charset=UTF-8\r\n\r\n',
      `Content-Type: text/plain; charset=UTF-8\r\n\r\n${'x'.repeat(70)}\r\n`.repeat(1) +
        `${'padding '.repeat(9)}\r\n`.repeat(400),
    ),
  );
  t.same(await read({ maxBytes: 16384 }), { read: 1, applied: 1 });
  t.equal(await rsvp(waiting), 'going', 'an oversized reply is not applied');
  t.match((await outcomes())['<big@mail.example>'], /^ignored: too large/);

  // The mailbox forgets its flags: the same messages change nothing.
  const lock = await mailbox.getMailboxLock('INBOX');
  await mailbox.messageFlagsRemove('1:*', ['\\Seen']);
  lock.release();
  t.same(await read(), { read: 9, applied: 0 });
  t.equal(await rsvp(waiting), 'going');
  t.equal(await rsvp(c.member), 'waitlisted', 'the old Decline is not applied twice');
});
