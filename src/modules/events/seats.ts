/**
 * Seats: counting them, deciding whether an answer of "going" gets one, and filling freed seats from
 * the waitlist. Callers hold the event's row lock (EventsService.lockEvent), so counts cannot move
 * under them: capacity holds under any concurrency.
 */
import type { EntityManager } from 'typeorm';
import * as q from './rsvps.queries';
import type { RsvpStatus } from './rsvp.entity';

export type { RsvpCounts } from './rsvps.queries';

/** What an answer becomes: a seat while one is free, the waitlist after; an existing place is kept. */
export function seatFor(
  want: 'going' | 'declined',
  before: RsvpStatus | undefined,
  capacity: number | null,
  going: number,
): RsvpStatus {
  if (want === 'declined') return 'declined';
  if (before === 'going' || before === 'waitlisted') return before;
  return capacity === null || going < capacity ? 'going' : 'waitlisted';
}

/** Fills free seats from the waitlist, first come first served; returns who got one. */
export const promote = (m: EntityManager, eventId: string, capacity: number | null): Promise<string[]> =>
  q.promoteWaitlisted(m, eventId, capacity);
