/**
 * Who may answer an invitation by mail. `From:` is whatever the sender typed, so a calendar reply is
 * applied only when it carries something a forger does not have:
 *
 * - a per-invitation reply address: each invitation's ORGANIZER is the organizer address with a
 *   secret after a plus (organizers+3f9c…@example.com), an HMAC of the event and the attendee under a
 *   key kept once per installation. Calendars send their Accept/Decline to the ORGANIZER, so the
 *   attendee's reply carries it; someone who never got that invitation cannot make it up, and one
 *   attendee's address does not answer for another. The mailbox must take plus-addressed mail
 *   (Gmail, Microsoft 365, Fastmail, Postfix and Dovecot do by default or with one setting).
 * - a DMARC pass recorded by the company's own mail server: the topmost Authentication-Results
 *   header whose authserv-id is REPLY_AUTHSERV_ID (RFC 8601: a server strips headers bearing its own
 *   id from what it receives) says dmarc=pass for the From: domain.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { storedOnce } from '../db/instance-settings';

export class ReplyAddresses {
  private key: Promise<Buffer> | null = null;

  constructor(private readonly ds: DataSource) {}

  private keyOf(): Promise<Buffer> {
    this.key ??= storedOnce(this.ds.manager, 'reply_address_key', randomBytes(32).toString('base64'))
      .then((k) => Buffer.from(k, 'base64'))
      .catch((e) => {
        this.key = null;
        throw e;
      });
    return this.key;
  }

  private async token(eventId: string, personId: string): Promise<string> {
    // 128 bits, lower-case hex: mail servers may fold the case of a local part.
    return createHmac('sha256', await this.keyOf())
      .update(`itip-reply:${eventId.toLowerCase()}:${personId.toLowerCase()}`)
      .digest('hex')
      .slice(0, 32);
  }

  /** The organizer address for one attendee's invitation to one event. */
  async address(organizer: string, eventId: string, personId: string): Promise<string> {
    const at = organizer.lastIndexOf('@');
    return `${organizer.slice(0, at)}+${await this.token(eventId, personId)}${organizer.slice(at)}`;
  }

  /** Is one of the recipients this attendee's reply address for this event? */
  async verify(recipients: string[], organizer: string, eventId: string, personId: string): Promise<boolean> {
    const at = organizer.lastIndexOf('@');
    const local = organizer.slice(0, at).toLowerCase();
    const domain = organizer.slice(at + 1).toLowerCase();
    const want = Buffer.from(await this.token(eventId, personId));
    for (const r of recipients) {
      const m = /^(.*)\+([0-9a-f]{32})@(.+)$/i.exec(r.trim());
      if (!m || m[1].toLowerCase() !== local || m[3].toLowerCase() !== domain) continue;
      if (timingSafeEqual(Buffer.from(m[2].toLowerCase()), want)) return true;
    }
    return false;
  }
}

/**
 * Does the trusted server's Authentication-Results say DMARC passed for this From: domain?
 * `headers` are the message's Authentication-Results values, topmost first.
 */
export function dmarcPass(headers: string[], authservId: string | null, fromDomain: string): boolean {
  if (!authservId) return false;
  const ours = headers.find((h) => h.split(';')[0].trim().split(/\s+/)[0]?.toLowerCase() === authservId.toLowerCase());
  if (!ours) return false;
  for (const part of ours.split(';').slice(1)) {
    const m = /^\s*dmarc\s*=\s*([a-z]+)\b(.*)$/is.exec(part);
    if (!m) continue;
    const from = /header\.from\s*=\s*"?([^\s";]+)/i.exec(m[2])?.[1];
    return m[1].toLowerCase() === 'pass' && !!from && from.toLowerCase() === fromDomain.toLowerCase();
  }
  return false;
}
