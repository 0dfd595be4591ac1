/**
 * What each change tells whom. Every function enqueues with the caller's EntityManager, inside the
 * transaction of the change. Invitation jobs are keyed per (calendar item, person): while one is
 * queued, a newer intent for the same pair replaces it, so a burst of edits sends one message.
 */
import type { EntityManager } from 'typeorm';
import { enqueueMail as enqueueJob, enqueueMany, MAIL_ATTEMPTS, TASKS, type JobOptions } from '../queue/queue';
import type { EventChange, MailJob } from './jobs';

/** The queue takes any job; here a message is one of the kinds messages.ts builds. */
const enqueueMail = (m: EntityManager, job: MailJob, o?: JobOptions) => enqueueJob(m, job, o);
import { speakersOf } from '../db/fragments';
import { markNotified, peopleGoing, talksOfEvent } from './mail.queries';

const speakerIds = async (m: EntityManager, proposalId: string) => (await speakersOf(m, proposalId)).map((p) => p.id);

export const notify = {
  async proposalSubmitted(m: EntityManager, proposalId: string) {
    for (const personId of await speakerIds(m, proposalId)) {
      await enqueueMail(
        m,
        { kind: 'proposal-received', proposalId, personId },
        { key: `received:${proposalId}:${personId}` },
      );
    }
  },

  /** A decision (accepted, waitlisted, rejected), unless the organizer stages it for a batch. */
  async decision(m: EntityManager, proposalId: string, transitionId: string) {
    for (const personId of await speakerIds(m, proposalId)) {
      await enqueueMail(
        m,
        { kind: 'decision', proposalId, personId, transitionId },
        { key: `decision:${proposalId}:${personId}` },
      );
    }
    await markNotified(m, transitionId);
  },

  /** An answer to an invitation to co-speak, to whoever asked. */
  async coSpeakerAnswered(m: EntityManager, proposalId: string, askedById: string, byId: string, accepted: boolean) {
    await enqueueMail(
      m,
      { kind: 'co-speaker-answered', proposalId, personId: askedById, byId, accepted },
      { key: `co-speaker-answer:${proposalId}:${byId}` },
    );
  },

  /** Invitations to co-speak (they join when they accept). */
  async coSpeakersAdded(m: EntityManager, proposalId: string, personIds: string[], byId: string) {
    for (const personId of personIds) {
      await enqueueMail(
        m,
        { kind: 'co-speaker-added', proposalId, personId, byId },
        { key: `co-speaker:${proposalId}:${personId}` },
      );
    }
  },

  /** The talk's calendar entry, to its speakers (placed, moved, removed). */
  async talk(
    m: EntityManager,
    proposalId: string,
    method: 'REQUEST' | 'CANCEL',
    opts: { update?: boolean; was?: { eventId: string; startsAt: Date; endsAt: Date } } = {},
  ) {
    const was = opts.was && {
      eventId: opts.was.eventId,
      startsAt: opts.was.startsAt.toISOString(),
      endsAt: opts.was.endsAt.toISOString(),
    };
    for (const personId of await speakerIds(m, proposalId)) {
      await enqueueMail(
        m,
        {
          kind: 'invite',
          item: 'talk',
          id: proposalId,
          personId,
          method,
          update: opts.update,
          ...(was ? { was } : {}),
        },
        { key: `invite:talk:${proposalId}:${personId}` },
      );
    }
  },

  /** The event's calendar entry, to one person or to everyone going (one statement for all). */
  async event(
    m: EntityManager,
    eventId: string,
    method: 'REQUEST' | 'CANCEL',
    opts: { personIds?: string[]; update?: boolean; changes?: EventChange[] } = {},
  ) {
    const ids = opts.personIds ?? (await peopleGoing(m, eventId));
    await enqueueMany(
      m,
      TASKS.mail,
      ids.map((personId) => ({
        payload: {
          kind: 'invite',
          item: 'event',
          id: eventId,
          personId,
          method,
          update: opts.update,
          ...(opts.changes?.length ? { changes: opts.changes } : {}),
        } satisfies MailJob,
        key: `invite:event:${eventId}:${personId}`,
      })),
      MAIL_ATTEMPTS,
    );
  },

  /** An event that changes on calendars: its attendees and the speakers of its talks hear of it. */
  async eventChanged(m: EntityManager, eventId: string, canceled: boolean, changes?: EventChange[]) {
    await notify.event(m, eventId, canceled ? 'CANCEL' : 'REQUEST', { update: true, changes });
    for (const proposalId of await talksOfEvent(m, eventId))
      await notify.talk(m, proposalId, canceled ? 'CANCEL' : 'REQUEST', { update: true });
  },

  /**
   * A sign-in link someone asked for (one job per address at a time: a burst of requests sends one
   * mail), in `language` (the asking page's) unless the person chose one.
   */
  async signInLink(m: EntityManager, email: string, next: string, language?: string) {
    await enqueueMail(
      m,
      { kind: 'sign-in-link', email, next, ...(language ? { language } : {}) },
      { key: `sign-in:${email}`, maxAttempts: 5 },
    );
  },

  /** A colleague nominated to speak hears of it. */
  async nominated(m: EntityManager, nominationId: string, nomineeId: string) {
    await enqueueMail(
      m,
      { kind: 'nomination', nominationId, personId: nomineeId },
      { key: `nomination:${nominationId}` },
    );
  },

  /** Whoever nominated hears the answer (accepted as a draft, or declined). */
  async nominationAnswered(m: EntityManager, nominationId: string, nominatorId: string) {
    await enqueueMail(
      m,
      { kind: 'nomination-answered', nominationId, personId: nominatorId },
      { key: `nomination-answered:${nominationId}` },
    );
  },

  /** Someone offered to talk about a topic wish: its author hears of it. */
  async wishOffered(m: EntityManager, wishId: string, authorId: string, offererId: string) {
    await enqueueMail(
      m,
      { kind: 'wish-offer', wishId, personId: authorId, offererId },
      { key: `wish-offer:${wishId}:${offererId}` },
    );
  },

  /** A chat destination paused after failing deliveries: its community's organizers hear of it. */
  async destinationPaused(m: EntityManager, destinationId: string, organizerIds: string[]) {
    for (const personId of organizerIds)
      await enqueueMail(
        m,
        { kind: 'destination-paused', destinationId, personId },
        { key: `destination-paused:${destinationId}:${personId}` },
      );
  },

  async promoted(m: EntityManager, eventId: string, personIds: string[]) {
    for (const personId of personIds) {
      await enqueueMail(
        m,
        { kind: 'waitlist-promoted', eventId, personId },
        { key: `promoted:${eventId}:${personId}` },
      );
      await notify.event(m, eventId, 'REQUEST', { personIds: [personId] });
    }
  },
};
