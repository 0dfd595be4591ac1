/** The events module's SQL: statements, row types and small typed query functions. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { speakerRefs } from '../../db/fragments';
import { STAMP_SUMS } from '../communities/communities.queries';
import type { Access } from '../communities/access';
import type { Role } from '../../core/policy';
import type { EventStatus } from './event.entity';
import type { RsvpCounts } from './seats';

/**
 * Reminders 24 hours ahead, to attendees going and to speakers. The reminder log's primary key
 * makes it once per person per event, however many workers run this at once; the log row and the
 * mail job are written in one statement.
 */
export const ENQUEUE_REMINDERS = `
  WITH due AS (
    SELECT e.id AS event_id, r.person_id FROM event e JOIN rsvp r ON r.event_id = e.id AND r.status = 'going'
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
    UNION
    SELECT e.id, ps.person_id FROM event e JOIN slot s ON s.event_id = e.id JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
  ), fresh AS (
    INSERT INTO reminder_log (event_id, person_id) SELECT event_id, person_id FROM due ON CONFLICT DO NOTHING RETURNING event_id, person_id
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'reminder', 'eventId', event_id, 'personId', person_id),
                                      job_key => 'reminder:' || event_id || ':' || person_id))::int AS n
    FROM fresh`;

// ---- rows --------------------------------------------------------------------------------------

export interface RoomRow {
  id: string;
  community_id: string;
  name: string;
  capacity: number | null;
  location: string;
  created_at: Date;
}
export interface EventRow {
  id: string;
  community_id: string;
  slug: string;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  room_id: string | null;
  room_name: string | null;
  room_location: string | null;
  online_url: string | null;
  capacity: number | null;
  status: EventStatus;
  sequence: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  start_key: string;
}
export interface AgendaItem {
  slot_id: string;
  proposal_id: string;
  title: string;
  abstract: string;
  /** the talk's language, a BCP 47 tag */
  language: string;
  starts_at: Date;
  ends_at: Date;
  sequence: number;
  updated_at: Date;
  format_key: string;
  speakers: { id: string; name: string }[];
}
/** An agenda's slots with their talks (s, p, f); callers add the WHERE. */
const AGENDA_SELECT = `SELECT s.id AS slot_id, s.event_id, s.proposal_id, p.title, p.abstract, p.language, s.starts_at, s.ends_at,
            p.talk_sequence AS sequence, s.updated_at, f.key AS format_key, ${speakerRefs('p.id')} AS speakers
       FROM slot s JOIN proposal p ON p.id = s.proposal_id JOIN call_format f ON f.id = p.format_id`;
export interface EventView {
  event: EventRow;
  access: Access;
  agenda: AgendaItem[];
  counts: RsvpCounts;
  myRsvp: string | null;
}
export interface Booking {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
}

export const EVENT_SELECT = `
  SELECT e.id, e.community_id, c.slug, e.title, e.description, e.starts_at, e.ends_at, e.time_zone, e.room_id,
         r.name AS room_name, r.location AS room_location, e.online_url, e.capacity, e.status, e.sequence, e.version,
         e.created_at, e.updated_at, e.starts_at::text AS start_key
    FROM event e JOIN community c ON c.id = e.community_id LEFT JOIN room r ON r.id = e.room_id`;

const ROOM_COLUMNS = 'id, community_id, name, capacity, location, created_at';

// ---- rooms -------------------------------------------------------------------------------------

/** A new room; undefined when the community has one of that name. */
export const insertRoom = async (
  m: EntityManager,
  communityId: string,
  r: { name: string; capacity: number | null; location: string },
) =>
  (
    await sql<RoomRow>(
      m,
      `INSERT INTO room (community_id, name, capacity, location) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT room_name DO NOTHING RETURNING ${ROOM_COLUMNS}`,
      [communityId, r.name, r.capacity, r.location],
    )
  )[0];

export const roomsOf = (m: EntityManager, communityId: string) =>
  sql<RoomRow>(m, `SELECT ${ROOM_COLUMNS} FROM room WHERE community_id = $1 ORDER BY name`, [communityId]);

export const roomById = async (m: EntityManager, id: string, lock = false) =>
  (await sql<RoomRow>(m, `SELECT ${ROOM_COLUMNS} FROM room WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))[0];

export const roomNameTaken = async (m: EntityManager, communityId: string, name: string) =>
  (await sql(m, 'SELECT 1 FROM room WHERE community_id = $1 AND name = $2', [communityId, name])).length > 0;

export const updateRoom = async (
  m: EntityManager,
  id: string,
  r: { name: string; capacity: number | null; location: string },
) =>
  (
    await sql<RoomRow>(
      m,
      `UPDATE room SET name = $2, capacity = $3, location = $4, updated_at = now() WHERE id = $1 RETURNING ${ROOM_COLUMNS}`,
      [id, r.name, r.capacity, r.location],
    )
  )[0];

/** Events in a room move on calendars (their sequence rises) when the room's name or place changes. */
export const bumpEventsInRoom = (m: EntityManager, roomId: string) =>
  sql(
    m,
    `UPDATE event SET sequence = sequence + 1, version = version + 1, updated_at = now() WHERE room_id = $1 AND status <> 'canceled'`,
    [roomId],
  );

// ---- events ------------------------------------------------------------------------------------

export interface EventFields {
  title: string;
  description: string;
  start: Date;
  end: Date;
  timeZone: string;
  roomId: string | null;
  onlineUrl: string | null;
  capacity: number | null;
}

export const insertEvent = async (m: EntityManager, communityId: string, e: EventFields) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO event (community_id, title, description, starts_at, ends_at, time_zone, room_id, online_url, capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [communityId, e.title, e.description, e.start, e.end, e.timeZone, e.roomId, e.onlineUrl, e.capacity],
    )
  )[0].id;

/** Sets every field; `calendarChange` raises the calendar sequence. */
export const updateEvent = (
  m: EntityManager,
  id: string,
  e: EventFields & { status: EventStatus },
  calendarChange: boolean,
) =>
  sql(
    m,
    `UPDATE event SET title = $2, description = $3, starts_at = $4, ends_at = $5, time_zone = $6, room_id = $7, online_url = $8,
            capacity = $9, status = $10, sequence = sequence + $11, version = version + 1, updated_at = now() WHERE id = $1`,
    [
      id,
      e.title,
      e.description,
      e.start,
      e.end,
      e.timeZone,
      e.roomId,
      e.onlineUrl,
      e.capacity,
      e.status,
      calendarChange ? 1 : 0,
    ],
  );

export const deleteEvent = (m: EntityManager, id: string) => sql(m, 'DELETE FROM event WHERE id = $1', [id]);

/**
 * An event with its RSVP counts and the reader's own answer (null: none), in one statement:
 * undefined when there is no such event.
 */
/** AGENDA_SELECT's columns as JSON (one event's agenda inside another statement), dates as text. */
type AgendaJson = Omit<AgendaItem, 'starts_at' | 'ends_at' | 'updated_at'> & {
  starts_at: string;
  ends_at: string;
  updated_at: string;
};

export async function eventWithFigures(m: EntityManager, id: string, personId: string) {
  const [row] = await sql<EventRow & RsvpCounts & { my_rsvp: string | null; agenda: AgendaJson[] | null }>(
    m,
    `SELECT ev.*, f.going, f.waitlisted, f.checked_in, ev.id AS event_id,
            (SELECT status FROM rsvp WHERE event_id = ev.id AND person_id = $2) AS my_rsvp,
            (SELECT json_agg(a ORDER BY a.starts_at, a.slot_id) FROM (${AGENDA_SELECT} WHERE s.event_id = ev.id) a) AS agenda
       FROM (${EVENT_SELECT} WHERE e.id = $1) ev
      CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'going')::int AS going,
                                 count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
                                 count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in
                            FROM rsvp WHERE event_id = ev.id) f`,
    [id, personId],
  );
  if (!row) return undefined;
  const { going, waitlisted, checked_in, event_id, my_rsvp, agenda, ...event } = row;
  return {
    event: event as EventRow,
    counts: { event_id, going, waitlisted, checked_in },
    myRsvp: my_rsvp,
    // the agenda in the same statement: an event page's miss is one round trip fewer (issue #30)
    agenda: (agenda ?? []).map((a): AgendaItem & { event_id: string } => ({
      ...a,
      event_id,
      starts_at: new Date(a.starts_at),
      ends_at: new Date(a.ends_at),
      updated_at: new Date(a.updated_at),
    })),
  };
}

/**
 * A community's published events around `now` for its home: the next `limit` not yet over, soonest
 * first, and the last `limit` begun, latest first — one statement for both lists.
 */
export async function eventsAround(m: EntityManager, communityId: string, now: string, limit: number) {
  const rows = await sql<EventRow & { upcoming: boolean }>(
    m,
    `(${EVENT_SELECT.replace('SELECT e.id,', 'SELECT true AS upcoming, e.id,')}
       WHERE e.community_id = $1 AND e.status = 'published' AND e.ends_at > $2 ORDER BY e.starts_at, e.id LIMIT $3)
     UNION ALL
     (${EVENT_SELECT.replace('SELECT e.id,', 'SELECT false AS upcoming, e.id,')}
       WHERE e.community_id = $1 AND e.status = 'published' AND e.starts_at < $2 ORDER BY e.starts_at DESC, e.id DESC LIMIT $3)`,
    [communityId, now, limit],
  );
  const strip = ({ upcoming, ...e }: EventRow & { upcoming: boolean }) => (void upcoming, e as EventRow);
  return { upcoming: rows.filter((r) => r.upcoming).map(strip), past: rows.filter((r) => !r.upcoming).map(strip) };
}

/** One page of a community's events by start time. */
export function eventsPage(
  m: EntityManager,
  communityId: string,
  f: {
    drafts: boolean;
    status?: EventStatus[];
    from?: string;
    to?: string;
    after: [string, string] | null;
    limit: number;
  },
) {
  const params: unknown[] = [communityId];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = ['e.community_id = $1'];
  if (!f.drafts) where.push(`e.status <> 'draft'`);
  if (f.status?.length) where.push(`e.status = ANY(${p(f.status)}::event_status[])`);
  if (f.from) where.push(`e.ends_at > ${p(f.from)}`);
  if (f.to) where.push(`e.starts_at < ${p(f.to)}`);
  if (f.after) where.push(`(e.starts_at, e.id) > (${p(f.after[0])}::timestamptz, ${p(f.after[1])}::uuid)`);
  return sql<EventRow>(
    m,
    `${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.id LIMIT ${p(f.limit)}`,
    params,
  );
}

/** Moves every talk of the event by `ms` (the event moved as a whole). */
export const shiftSlots = (m: EntityManager, eventId: string, ms: number) =>
  sql(
    m,
    `UPDATE slot SET starts_at = starts_at + $2 * interval '1 millisecond', ends_at = ends_at + $2 * interval '1 millisecond',
                     sequence = sequence + 1, updated_at = now() WHERE event_id = $1`,
    [eventId, ms],
  );

/** The event's talks change on calendars too. */
export const bumpSlots = (m: EntityManager, eventId: string) =>
  sql(m, 'UPDATE slot SET sequence = sequence + 1, updated_at = now() WHERE event_id = $1', [eventId]);

/** Another live event in the room overlapping the window (null fields are the event `self`'s own). */
export const overlappingBooking = async (
  m: EntityManager,
  roomId: string | null,
  start: Date | string | null,
  end: Date | string | null,
  self: string | null,
) =>
  (
    await sql<Booking>(
      m,
      `SELECT o.id, o.title, o.starts_at, o.ends_at, o.time_zone FROM event o
        LEFT JOIN event me ON me.id = $4
        WHERE o.room_id = coalesce($1, me.room_id) AND o.status <> 'canceled' AND ($4::uuid IS NULL OR o.id <> $4)
          AND tstzrange(o.starts_at, o.ends_at) && tstzrange(coalesce($2::timestamptz, me.starts_at), coalesce($3::timestamptz, me.ends_at))
        LIMIT 1`,
      [roomId, start, end, self],
    )
  )[0];

/** The talks of some events in time order, with their speakers. */
export const agendaOf = (m: EntityManager, eventIds: string[]) =>
  sql<AgendaItem & { event_id: string }>(m, `${AGENDA_SELECT} WHERE s.event_id = ANY($1) ORDER BY s.starts_at, s.id`, [
    eventIds,
  ]);

/** Runs ENQUEUE_REMINDERS (the scheduled job). */
export const enqueueReminders = (m: EntityManager) => sql(m, ENQUEUE_REMINDERS);

/**
 * Everything an event page depends on, in one statement: the event's version (raised by edits and
 * agenda changes), its community's settings and public versions and visibility, the reader's role,
 * the RSVPs (counts and latest change) and the reader's own answer; and the community's whole content
 * version, which only the organizers' page (with its backlog of talks to place) depends on.
 */
export interface EventPageStamp {
  key: string;
  visibility: 'public' | 'internal';
  role: Role | null;
  content: string;
}

/**
 * What event pages depend on, for any number of (event, reader) pairs in one statement (db/batch.ts):
 * undefined where there is no such event.
 */
export async function eventPageStamps(
  m: EntityManager,
  keys: { eventId: string; personId: string }[],
): Promise<(EventPageStamp | undefined)[]> {
  const rows = await sql<EventPageStamp & { n: string }>(
    m,
    `SELECT k.n, concat_ws('/', e.version, e.status, c.version, st.public_n, mb.role,
                      (SELECT count(*) FILTER (WHERE status = 'going') || ':' || count(*) FILTER (WHERE status = 'waitlisted') || ':' || coalesce(max(updated_at)::text, '')
                         FROM rsvp WHERE event_id = e.id),
                      (SELECT status FROM rsvp WHERE event_id = e.id AND person_id = k.person_id)) AS key,
            c.event_visibility AS visibility, mb.role, st.n AS content
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(event_id, person_id, n)
       JOIN event e ON e.id = k.event_id JOIN community c ON c.id = e.community_id
       LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = k.person_id
       ${STAMP_SUMS}`,
    [keys.map((k) => k.eventId), keys.map((k) => k.personId)],
  );
  const byN = new Map(rows.map(({ n, ...row }) => [Number(n), row]));
  return keys.map((_, i) => byN.get(i + 1));
}

/** Why it was canceled (said in the cancellation people receive). */
export const setCancelReason = (m: EntityManager, id: string, reason: string) =>
  sql(m, `UPDATE event SET cancel_reason = $2 WHERE id = $1`, [id, reason]);
