/**
 * Calendars that answer back: when IMAP_URL names the organizer address's mailbox, a job reads the
 * iTIP REPLY messages there (what Outlook, Gmail and Apple Mail send when someone presses Accept or
 * Decline) and answers the RSVP for them — accepted → going (or waitlisted when full), declined →
 * not going, freeing the seat for the waitlist. Each message counts once: its Message-ID is kept in
 * itip_reply, and it is flagged \Seen. A reply must be about an event of ours (its UID's domain),
 * come from the attendee it speaks for, and prove it (mail/reply-address.ts: the invitation's own reply
 * address, or a DMARC pass from our mail server); anything else is logged, flagged and left alone.
 * Talk invitations ask for no reply (RSVP=FALSE: speakers confirm or withdraw on the talk's page,
 * where the organizers hear of it), so a reply about a talk changes nothing either. Messages larger
 * than the cap are not downloaded at all.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import * as icalModule from 'ical.js';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../core/errors';
import type { PeopleService } from '../people/people.service';
import { UidDomain } from '../../db/uid-domain';
import { dmarcPass, ReplyAddresses } from '../../mail/reply-address';
import { markReply, personByEmail, replySeen } from './itip-replies.queries';
import type { RsvpsService } from './rsvps.service';

/** A calendar reply is a few kilobytes; Outlook's with its HTML, some tens. */
export const REPLY_MAX_BYTES = 1024 * 1024;

/** How a reply proves it is the attendee's (see reply-address.ts). */
export interface ReplyTrust {
  /** the organizer address of invitations (ORGANIZER_EMAIL) */
  organizerEmail: string;
  /** per-invitation reply addresses are written into invitations and accepted */
  replyAddresses: boolean;
  /** the authserv-id of our mail server, whose DMARC pass is believed; null: none */
  authservId: string | null;
}

/** What the reader knows of one message besides its calendar part. */
export interface Envelope {
  from: string | null;
  /** To, Cc, Delivered-To, X-Original-To addresses */
  recipients: string[];
  /** Authentication-Results values, topmost first */
  authResults: string[];
}

// ical.js's types describe a default export; its CommonJS build exports the members directly.
const ICAL = ((icalModule as { default?: unknown }).default ?? icalModule) as typeof import('ical.js').default;

export interface ParsedReply {
  /** the event's id, from a UID of ours (event-<id>@<domain>) */
  eventUid: string;
  email: string;
  partstat: string;
}

/** The REPLY an iCalendar text carries: which entry, who, what they answered; null when it is none. */
export function parseReply(ics: string): ParsedReply | null {
  let cal: InstanceType<typeof ICAL.Component>;
  try {
    cal = new ICAL.Component(ICAL.parse(ics));
  } catch {
    return null;
  }
  if (String(cal.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') return null;
  const ev = cal.getFirstSubcomponent('vevent');
  const att = ev?.getFirstProperty('attendee');
  if (!ev || !att) return null;
  const email = String(att.getFirstValue() ?? '')
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return {
    eventUid: String(ev.getFirstPropertyValue('uid') ?? ''),
    email,
    partstat: String(att.getParameter('partstat') ?? '').toUpperCase(),
  };
}

export type Answer = (personId: string, eventId: string, want: 'going' | 'declined') => Promise<string>;

/**
 * Answers through the RSVP service, as the person (capacity, waitlist and invitations as always); the
 * services come from the composition root (src/services.ts), the same graph the web server uses.
 */
export function rsvpAnswerer({ people, rsvps }: { people: PeopleService; rsvps: RsvpsService }): Answer {
  return async (personId, eventId, want) => {
    const p = await people.get(personId);
    const r = await rsvps.answer({ id: p.id, email: p.email, name: p.name, isAdmin: false }, eventId, want);
    return r.rsvp.status;
  };
}

/** What one message did (kept in itip_reply.outcome). */
export async function applyReply(
  ds: DataSource,
  domain: string,
  envelope: Envelope,
  ics: string | null,
  answer: Answer,
  trust: ReplyTrust,
  addresses = new ReplyAddresses(ds),
): Promise<string> {
  const reply = ics ? parseReply(ics) : null;
  if (!reply) return 'ignored: not a calendar reply';
  const talk = /^talk-[0-9a-f-]{36}@(.+)$/i.exec(reply.eventUid);
  if (talk && talk[1].toLowerCase() === domain.toLowerCase())
    return 'ignored: talk invitations ask for no reply (speakers confirm or withdraw on the talk page)';
  const m = /^event-([0-9a-f-]{36})@(.+)$/i.exec(reply.eventUid);
  if (!m || m[2].toLowerCase() !== domain.toLowerCase()) return 'ignored: not one of our events';
  const from = envelope.from?.toLowerCase() ?? null;
  if (!from || from !== reply.email) return 'ignored: the sender is not the attendee';
  const person = await personByEmail(ds.manager, reply.email);
  if (!person) return 'ignored: unknown attendee';
  const proven =
    (trust.replyAddresses && (await addresses.verify(envelope.recipients, trust.organizerEmail, m[1], person.id))) ||
    dmarcPass(envelope.authResults, trust.authservId, from.slice(from.lastIndexOf('@') + 1));
  if (!proven) return 'ignored: not authenticated (no reply address of this invitation, no trusted DMARC pass)';
  const want = reply.partstat === 'ACCEPTED' ? 'going' : reply.partstat === 'DECLINED' ? 'declined' : null;
  if (!want) return `unchanged: ${reply.partstat || 'no answer'}`;
  try {
    return await answer(person.id, m[1], want);
  } catch (e) {
    if (e instanceof DomainError) return `refused: ${e.message}`;
    throw e;
  }
}

/** Reads the mailbox's unseen messages once; returns how many were read and how many were new. */
export async function readReplies(o: {
  ds: DataSource;
  imapUrl: string;
  publicUrl: string;
  trust: ReplyTrust;
  /** larger messages are not downloaded (their outcome says so) */
  maxBytes?: number;
  /** how a proven reply is answered (rsvpAnswerer) */
  answer: Answer;
  /** where an ignored reply is said (the worker's log) */
  log?: (line: string) => void;
}): Promise<{ read: number; applied: number }> {
  const url = new URL(o.imapUrl);
  const secure = url.protocol === 'imaps:';
  const client = new ImapFlow({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
  });
  const domain = await new UidDomain(o.ds, o.publicUrl).get();
  const answer = o.answer;
  const addresses = new ReplyAddresses(o.ds);
  const maxBytes = o.maxBytes ?? REPLY_MAX_BYTES;
  const log = o.log ?? ((l: string) => console.error(`replies: ${l}`));
  let read = 0;
  let applied = 0;
  await client.connect();
  try {
    const lock = await client.getMailboxLock(decodeURIComponent(url.pathname.slice(1)) || 'INBOX');
    try {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      for (const uid of uids) {
        // The size first: a message over the cap is never downloaded.
        const head = await client.fetchOne(String(uid), { size: true, envelope: true }, { uid: true });
        if (!head) continue;
        read++;
        const fallbackId = `uid:${client.mailbox && client.mailbox.uidValidity}:${uid}`;
        if ((head.size ?? 0) > maxBytes) {
          const id = head.envelope?.messageId ?? fallbackId;
          const outcome = `ignored: too large (${head.size} bytes, at most ${maxBytes})`;
          if (!(await replySeen(o.ds.manager, id))) {
            log(`${id}: ${outcome}`);
            if (await markReply(o.ds.manager, id, outcome)) applied++;
          }
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          continue;
        }
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        const mail = await simpleParser(msg.source);
        const id = mail.messageId ?? fallbackId;
        if (!(await replySeen(o.ds.manager, id))) {
          const part =
            mail.attachments.find((a) => a.contentType === 'text/calendar') ??
            mail.attachments.find((a) => a.contentType === 'application/ics');
          const outcome = await applyReply(
            o.ds,
            domain,
            envelopeOf(mail),
            part ? part.content.toString('utf8') : null,
            answer,
            o.trust,
            addresses,
          );
          if (outcome.startsWith('ignored')) log(`${id} from ${mail.from?.value[0]?.address ?? '?'}: ${outcome}`);
          if (await markReply(o.ds.manager, id, outcome)) applied++;
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { read, applied };
}

/** Sender, recipients and authentication results of a parsed message. */
function envelopeOf(mail: ParsedMail): Envelope {
  const list = (v: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.map((x) => x.address ?? ''));
  const header = (name: string) =>
    mail.headerLines.filter((h) => h.key === name).map((h) => h.line.slice(h.line.indexOf(':') + 1).trim());
  return {
    from: mail.from?.value[0]?.address ?? null,
    recipients: [...list(mail.to), ...list(mail.cc), ...header('delivered-to'), ...header('x-original-to')].filter(
      Boolean,
    ),
    authResults: header('authentication-results').map((h) => h.replace(/\r?\n[ \t]+/g, ' ')),
  };
}
