/**
 * Calendars that answer back: when IMAP_URL names the organizer address's mailbox, a job reads the
 * iTIP REPLY messages there (what Outlook, Gmail and Apple Mail send when someone presses Accept or
 * Decline) and answers the RSVP for them — accepted → going (or waitlisted when full), declined →
 * not going, freeing the seat for the waitlist. Each message counts once: its Message-ID is kept in
 * itip_reply, and it is flagged \Seen. A reply must come from the attendee it speaks for, about an
 * event of ours (its UID's domain); anything else is flagged and left alone.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import * as icalModule from 'ical.js';
import type { DataSource } from 'typeorm';
import { DomainError } from '../core/errors';
import { CredentialCache } from '../modules/auth/credential-cache';
import { CommunitiesService } from '../modules/communities/communities.service';
import { EventsService } from '../modules/events/events.service';
import { RsvpsService } from '../modules/events/rsvps.service';
import { PeopleService } from '../modules/people/people.service';
import { UidDomain } from '../calendar/uid-domain';
import { markReply, personByEmail, replySeen } from './mail.queries';

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

/** Answers through the RSVP service, as the person (capacity, waitlist and invitations as always). */
export function rsvpAnswerer(ds: DataSource): Answer {
  const people = new PeopleService(ds, new CredentialCache());
  const rsvps = new RsvpsService(ds, new EventsService(ds, new CommunitiesService(ds, people)));
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
  from: string | null,
  ics: string | null,
  answer: Answer,
): Promise<string> {
  const reply = ics ? parseReply(ics) : null;
  if (!reply) return 'ignored: not a calendar reply';
  const m = /^event-([0-9a-f-]{36})@(.+)$/i.exec(reply.eventUid);
  if (!m || m[2].toLowerCase() !== domain.toLowerCase()) return 'ignored: not one of our events';
  if (!from || from.toLowerCase() !== reply.email) return 'ignored: the sender is not the attendee';
  const person = await personByEmail(ds.manager, reply.email);
  if (!person) return 'ignored: unknown attendee';
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
  answer?: Answer;
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
  const answer = o.answer ?? rsvpAnswerer(o.ds);
  let read = 0;
  let applied = 0;
  await client.connect();
  try {
    const lock = await client.getMailboxLock(decodeURIComponent(url.pathname.slice(1)) || 'INBOX');
    try {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        read++;
        const mail = await simpleParser(msg.source);
        const id = mail.messageId ?? `uid:${client.mailbox && client.mailbox.uidValidity}:${uid}`;
        if (!(await replySeen(o.ds.manager, id))) {
          const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
          const outcome = await applyReply(
            o.ds,
            domain,
            mail.from?.value[0]?.address ?? null,
            part ? part.content.toString('utf8') : null,
            answer,
          );
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
