/**
 * What a mail job says (who hears what, not the words): notify.ts enqueues them in the transaction of
 * the change, and the worker writes the message when the job runs (worker/messages.ts).
 */
import type { AuthConfig } from '../config';

/** One change of an event as an update mail tells it (data, worded in the reader's language). */
export type EventChange =
  | {
      what: 'time';
      before: { start: string; end: string; timeZone: string };
      after: { start: string; end: string; timeZone: string };
    }
  | { what: 'place' | 'online' | 'title'; before: string | null; after: string | null };

export type MailJob =
  | { kind: 'proposal-received'; proposalId: string; personId: string }
  | { kind: 'decision'; proposalId: string; personId: string; transitionId: string }
  /** An invitation to co-speak (the kind keeps its first name: queued jobs stay readable). */
  | { kind: 'co-speaker-added'; proposalId: string; personId: string; byId: string }
  | { kind: 'co-speaker-answered'; proposalId: string; personId: string; byId: string; accepted: boolean }
  | {
      kind: 'invite';
      item: 'event' | 'talk';
      id: string;
      personId: string;
      method: 'REQUEST' | 'CANCEL';
      update?: boolean;
      /** For an updated event: what changed, "before → after" (see whatChanged in modules/events/event-change.ts). */
      /**
       * For an updated event: what changed, before → after (see whatChanged in
       * modules/events/event-change.ts); a line of English in jobs queued before changes were data.
       */
      changes?: (EventChange | string)[];
      /** For a talk taken off the agenda: where it was, since the slot is gone when the job runs. */
      was?: { eventId: string; startsAt: string; endsAt: string };
    }
  | { kind: 'waitlist-promoted'; eventId: string; personId: string }
  | { kind: 'reminder'; eventId: string; personId: string }
  | { kind: 'task-digest'; personId: string; day: string }
  | { kind: 'lesson-prompt'; proposalId: string; personId: string; reminder: boolean }
  | { kind: 'nomination'; nominationId: string; personId: string }
  | { kind: 'nomination-answered'; nominationId: string; personId: string }
  /** Someone offered to talk about the person's topic wish. */
  | { kind: 'wish-offer'; wishId: string; personId: string; offererId: string }
  /** An announcement destination kept failing and was paused: its community's organizers hear of it. */
  | { kind: 'destination-paused'; destinationId: string; personId: string }
  /** The monthly invitation to propose (community health: help the quiet ones speak). */
  | { kind: 'speak-up'; invitationId: string; personId: string }
  /** Asked for on the sign-in page; the link itself is made when the mail is written (only its hash is kept). */
  | {
      kind: 'sign-in-link';
      email: string;
      next: string;
      /** the language of the page that asked for it: the mail's, unless the person chose one */
      language?: string;
    };

export interface MailSettings {
  mailFrom: string;
  organizerEmail: string;
  publicUrl: string;
  /** How people sign in (links in mails sign them in when e-mail sign-in is on). */
  auth?: AuthConfig;
  /**
   * Someone reads calendar replies (IMAP_URL is set): invitations ask for them (RSVP=TRUE). Without
   * it they say where to answer instead of promising a reply that goes nowhere.
   */
  repliesRead?: boolean;
  /** The organizer address's mailbox, read for calendar replies (see modules/events/itip-replies.ts). */
  imapUrl?: string | null;
  /** Invitations' ORGANIZER is a per-invitation reply address (reply-address.ts); default on. */
  replyAddresses?: boolean;
  replyAuthservId?: string | null;
  replyMaxBytes?: number;
  /** Announcements: networks allowed although refused by default, and ports never posted to (egress.ts). */
  destinationsAllow?: string[];
  ownPorts?: number[];
  /** Announcement deliveries at a time, apart from the mail worker's slots. */
  announceConcurrency?: number;
}
