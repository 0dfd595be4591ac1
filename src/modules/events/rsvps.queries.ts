/** RSVPs' SQL: answers, seat counts, the waitlist, the attendee list and check-ins. The seat rules: seats.ts. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { RsvpStatus } from './rsvp.entity';

export interface RsvpRow {
  event_id: string;
  person_id: string;
  name: string;
  email: string;
  department: string | null;
  status: RsvpStatus;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  position: number | null;
}

const ROW = `SELECT r.event_id, r.person_id, p.name, p.email, p.department, r.status, r.checked_in_at, r.created_at, r.updated_at,
                    CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM rsvp w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.arrival <= r.arrival) END AS position
               FROM rsvp r JOIN person p ON p.id = r.person_id`;

export const rsvpRow = async (m: EntityManager, eventId: string, personId: string) =>
  (await sql<RsvpRow>(m, `${ROW} WHERE r.event_id = $1 AND r.person_id = $2`, [eventId, personId]))[0];

export const rsvpStatus = async (m: EntityManager, eventId: string, personId: string) =>
  (
    await sql<{ status: RsvpStatus }>(m, 'SELECT status FROM rsvp WHERE event_id = $1 AND person_id = $2', [
      eventId,
      personId,
    ])
  )[0]?.status;

/**
 * Records the answer (a new "going" after declining queues at the back) and makes the person a
 * member of the event's community; true when the RSVP is new.
 */
export const upsertRsvp = async (
  m: EntityManager,
  communityId: string,
  eventId: string,
  personId: string,
  status: RsvpStatus,
) =>
  (
    await sql<{ inserted: boolean }>(
      m,
      `WITH r AS (
         INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, $3::rsvp_status)
         ON CONFLICT (event_id, person_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now(),
           invite_round = rsvp.invite_round + CASE WHEN (rsvp.status = 'going') <> (EXCLUDED.status = 'going') THEN 1 ELSE 0 END,
           arrival = CASE WHEN rsvp.status = 'declined' AND EXCLUDED.status <> 'declined' THEN nextval(pg_get_serial_sequence('rsvp', 'arrival')) ELSE rsvp.arrival END
         RETURNING (xmax = 0) AS inserted
       ), mb AS (
         INSERT INTO membership (community_id, person_id, role) VALUES ($4, $2, 'member') ON CONFLICT DO NOTHING
       )
       SELECT inserted FROM r`,
      [eventId, personId, status, communityId],
    )
  )[0].inserted;

/** The attendee list: going first, then the waitlist in order, then declined. */
export const rsvpsOf = (m: EntityManager, eventId: string, status: RsvpStatus[] | null) =>
  sql<RsvpRow>(
    m,
    `${ROW} WHERE r.event_id = $1 AND ($2::rsvp_status[] IS NULL OR r.status = ANY($2::rsvp_status[]))
      ORDER BY array_position(ARRAY['going','waitlisted','declined']::rsvp_status[], r.status), r.arrival`,
    [eventId, status],
  );

/** A walk-in: someone checked in without an RSVP is recorded as going. */
export const insertWalkIn = (m: EntityManager, eventId: string, personId: string) =>
  sql(m, `INSERT INTO rsvp (event_id, person_id, status) VALUES ($1, $2, 'going')`, [eventId, personId]);

export const setCheckedIn = (m: EntityManager, eventId: string, personId: string, checkedIn: boolean) =>
  sql(
    m,
    `UPDATE rsvp SET checked_in_at = CASE WHEN $3 THEN coalesce(checked_in_at, now()) END, updated_at = now()
      WHERE event_id = $1 AND person_id = $2`,
    [eventId, personId, checkedIn],
  );

export interface RsvpCounts {
  event_id: string;
  going: number;
  waitlisted: number;
  checked_in: number;
}

/** Fills free seats from the waitlist, first come first served (the caller holds the event's row lock); who got one. */
export async function promoteWaitlisted(m: EntityManager, eventId: string, capacity: number | null): Promise<string[]> {
  const rows = await sql<{ person_id: string }>(
    m,
    `UPDATE rsvp SET status = 'going', updated_at = now(), invite_round = invite_round + 1
      WHERE event_id = $1 AND person_id IN (
        SELECT person_id FROM rsvp WHERE event_id = $1 AND status = 'waitlisted' ORDER BY arrival
         LIMIT CASE WHEN $2::int IS NULL THEN NULL
                    ELSE greatest(0, $2::int - (SELECT count(*) FROM rsvp WHERE event_id = $1 AND status = 'going')) END)
      RETURNING person_id`,
    [eventId, capacity],
  );
  return rows.map((r) => r.person_id);
}
