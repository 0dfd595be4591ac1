/**
 * Seats: counting them, deciding whether an answer of "going" gets one, and filling freed seats from
 * the waitlist. Callers hold the event's row lock (EventsService.lockEvent), so counts cannot move
 * under them: capacity holds under any concurrency.
 */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { RsvpStatus } from './rsvp.entity';

export interface RsvpCounts {
  event_id: string;
  going: number;
  waitlisted: number;
  checked_in: number;
}

export const noCounts = (eventId: string): RsvpCounts => ({
  event_id: eventId,
  going: 0,
  waitlisted: 0,
  checked_in: 0,
});

export async function rsvpCounts(m: EntityManager, eventIds: string[]): Promise<RsvpCounts[]> {
  return sql<RsvpCounts>(
    m,
    `SELECT event_id, count(*) FILTER (WHERE status = 'going')::int AS going, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
            count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in
       FROM rsvp WHERE event_id = ANY($1) GROUP BY event_id`,
    [eventIds],
  );
}

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
export async function promote(m: EntityManager, eventId: string, capacity: number | null): Promise<string[]> {
  const rows = await sql<{ person_id: string }>(
    m,
    `UPDATE rsvp SET status = 'going', updated_at = now()
      WHERE event_id = $1 AND person_id IN (
        SELECT person_id FROM rsvp WHERE event_id = $1 AND status = 'waitlisted' ORDER BY arrival
         LIMIT CASE WHEN $2::int IS NULL THEN NULL
                    ELSE greatest(0, $2::int - (SELECT count(*) FROM rsvp WHERE event_id = $1 AND status = 'going')) END)
      RETURNING person_id`,
    [eventId, capacity],
  );
  return rows.map((r) => r.person_id);
}
