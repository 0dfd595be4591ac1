/** Meetup series' SQL. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { CadenceRule } from './cadence';

export interface SeriesRow {
  id: string;
  community_id: string;
  community: string;
  title: string;
  description: string;
  time_zone: string;
  room_id: string | null;
  room_name: string | null;
  online_url: string | null;
  capacity: number | null;
  publish: boolean;
  upcoming: number;
  format_mix: Record<string, number>;
  ends_on: string | null;
  created_at: Date;
  rules: CadenceRule[];
  skips: string[];
}

const SELECT = `
  SELECT s.id, s.community_id, c.slug AS community, s.title, s.description, s.time_zone, s.room_id, r.name AS room_name,
         s.online_url, s.capacity, s.publish, s.upcoming, s.format_mix, s.ends_on::text AS ends_on, s.created_at,
         coalesce((SELECT json_agg(json_build_object('from', x.from_on, 'rrule', x.rrule, 'startMinute', x.start_minute,
                                                     'minutes', x.duration_minutes) ORDER BY x.from_on)
                     FROM series_rule x WHERE x.series_id = s.id), '[]') AS rules,
         coalesce((SELECT json_agg(k.occurrence_on::text ORDER BY k.occurrence_on) FROM series_skip k WHERE k.series_id = s.id), '[]') AS skips
    FROM series s JOIN community c ON c.id = s.community_id LEFT JOIN room r ON r.id = s.room_id`;

export const seriesRow = async (m: EntityManager, id: string, lock = false) =>
  (await sql<SeriesRow>(m, `${SELECT} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]))[0];

export const seriesOf = (m: EntityManager, communityId: string) =>
  sql<SeriesRow>(m, `${SELECT} WHERE s.community_id = $1 ORDER BY s.created_at, s.id`, [communityId]);

/** Every series still running (for the daily fill). */
export const runningSeries = async (m: EntityManager) =>
  (
    await sql<{ id: string }>(
      m,
      `SELECT id FROM series WHERE ends_on IS NULL OR ends_on >= current_date - 1 ORDER BY id`,
    )
  ).map((r) => r.id);

export const insertSeries = async (
  m: EntityManager,
  s: {
    communityId: string;
    title: string;
    description: string;
    timeZone: string;
    roomId: string | null;
    onlineUrl: string | null;
    capacity: number | null;
    publish: boolean;
    upcoming: number;
    formatMix: Record<string, number>;
  },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO series (community_id, title, description, time_zone, room_id, online_url, capacity, publish, upcoming, format_mix)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
      [
        s.communityId,
        s.title,
        s.description,
        s.timeZone,
        s.roomId,
        s.onlineUrl,
        s.capacity,
        s.publish,
        s.upcoming,
        JSON.stringify(s.formatMix),
      ],
    )
  )[0].id;

export const updateSeries = (
  m: EntityManager,
  id: string,
  s: {
    title: string;
    description: string;
    roomId: string | null;
    onlineUrl: string | null;
    capacity: number | null;
    publish: boolean;
    upcoming: number;
    formatMix: Record<string, number>;
  },
) =>
  sql(
    m,
    `UPDATE series SET title = $2, description = $3, room_id = $4, online_url = $5, capacity = $6, publish = $7, upcoming = $8,
            format_mix = $9::jsonb, updated_at = now() WHERE id = $1`,
    [id, s.title, s.description, s.roomId, s.onlineUrl, s.capacity, s.publish, s.upcoming, JSON.stringify(s.formatMix)],
  );

/** The cadence from `from` on: rules from that date on are replaced by this one. */
export async function setRuleFrom(m: EntityManager, seriesId: string, r: CadenceRule) {
  await sql(m, `DELETE FROM series_rule WHERE series_id = $1 AND from_on >= $2`, [seriesId, r.from]);
  await sql(
    m,
    `INSERT INTO series_rule (series_id, from_on, rrule, start_minute, duration_minutes) VALUES ($1, $2, $3, $4, $5)`,
    [seriesId, r.from, r.rrule, r.startMinute, r.minutes],
  );
}

export const setEndsOn = (m: EntityManager, id: string, endsOn: string | null) =>
  sql(m, `UPDATE series SET ends_on = $2, updated_at = now() WHERE id = $1`, [id, endsOn]);

export const addSkip = (m: EntityManager, seriesId: string, on: string) =>
  sql(m, `INSERT INTO series_skip (series_id, occurrence_on) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [seriesId, on]);

export const removeSkip = (m: EntityManager, seriesId: string, on: string) =>
  sql(m, `DELETE FROM series_skip WHERE series_id = $1 AND occurrence_on = $2`, [seriesId, on]);

export interface OccurrenceRow {
  id: string;
  occurrence_on: string;
  starts_at: Date;
  ends_at: Date;
  status: 'draft' | 'published' | 'canceled';
  title: string;
  room_name: string | null;
  talks: number;
}

/** The series' events on or after a local date (all of them when `from` is null), by date. */
export const occurrences = (m: EntityManager, seriesId: string, from: string | null) =>
  sql<OccurrenceRow>(
    m,
    `SELECT e.id, e.occurrence_on::text AS occurrence_on, e.starts_at, e.ends_at, e.status, e.title, r.name AS room_name,
            (SELECT count(*)::int FROM slot s WHERE s.event_id = e.id) AS talks
       FROM event e LEFT JOIN room r ON r.id = e.room_id
      WHERE e.series_id = $1 AND ($2::date IS NULL OR e.occurrence_on >= $2) ORDER BY e.occurrence_on`,
    [seriesId, from],
  );

/**
 * Makes one occurrence, unless it exists: in the series' room when the room is free then (else
 * without a room: the organizers see it and choose), published or a draft as the series says.
 * Returns whether it was made and whether it got the room.
 */
export const insertOccurrence = async (m: EntityManager, s: SeriesRow, o: { on: string; start: Date; end: Date }) =>
  (
    await sql<{ id: string; room_id: string | null }>(
      m,
      `INSERT INTO event (community_id, title, description, starts_at, ends_at, time_zone, room_id, online_url, capacity, status,
                          series_id, occurrence_on)
       VALUES ($1, $2, $3, $4, $5, $6,
               CASE WHEN $7::uuid IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM event o WHERE o.room_id = $7 AND o.status <> 'canceled'
                    AND tstzrange(o.starts_at, o.ends_at) && tstzrange($4::timestamptz, $5::timestamptz)) THEN $7::uuid END,
               $8, $9, $10::event_status, $11, $12)
       ON CONFLICT (series_id, occurrence_on) WHERE series_id IS NOT NULL DO NOTHING
       RETURNING id, room_id`,
      [
        s.community_id,
        s.title,
        s.description,
        o.start,
        o.end,
        s.time_zone,
        s.room_id,
        s.online_url,
        s.capacity,
        s.publish ? 'published' : 'draft',
        s.id,
        o.on,
      ],
    )
  )[0] ?? null;

/** Upcoming occurrences within `days` that are published or drafts and have no talk yet (for the board). */
export const emptySoon = (m: EntityManager, communityId: string, days: number) =>
  sql<{ id: string; title: string; starts_at: Date; series: string }>(
    m,
    `SELECT e.id, e.title, e.starts_at, s.title AS series FROM event e JOIN series s ON s.id = e.series_id
      WHERE e.community_id = $1 AND e.status <> 'canceled' AND e.starts_at > now() AND e.starts_at < now() + make_interval(days => $2)
        AND NOT EXISTS (SELECT 1 FROM slot x WHERE x.event_id = e.id) ORDER BY e.starts_at`,
    [communityId, days],
  );

/** The community's backlog, the longest accepted first (by the last move to accepted). */
export const backlogByAcceptance = (m: EntityManager, communityId: string) =>
  sql<{ id: string; title: string; format: string; minutes: number; speakers: { id: string; name: string }[] }>(
    m,
    `SELECT p.id, p.title, f.key AS format, f.duration_minutes AS minutes,
            coalesce((SELECT json_agg(json_build_object('id', pe.id, 'name', pe.name) ORDER BY ps.is_primary DESC, pe.name)
                        FROM proposal_speaker ps JOIN person pe ON pe.id = ps.person_id WHERE ps.proposal_id = p.id), '[]') AS speakers
       FROM proposal p JOIN call_format f ON f.id = p.format_id
      WHERE p.community_id = $1 AND p.state IN ('accepted', 'confirmed') AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.proposal_id = p.id)
      ORDER BY (SELECT max(t.at) FROM proposal_transition t WHERE t.proposal_id = p.id AND t.to_state = 'accepted') NULLS LAST, p.id`,
    [communityId],
  );

/** Where each event's agenda ends (its start when it has none), and how many talks of each format it has. */
export const agendaEnds = (m: EntityManager, eventIds: string[]) =>
  sql<{ id: string; agenda_end: Date; formats: Record<string, number> }>(
    m,
    `SELECT e.id, coalesce((SELECT max(s.ends_at) FROM slot s WHERE s.event_id = e.id), e.starts_at) AS agenda_end,
            coalesce((SELECT json_object_agg(k, n) FROM (
               SELECT f.key AS k, count(*)::int AS n FROM slot s JOIN proposal p ON p.id = s.proposal_id
                 JOIN call_format f ON f.id = p.format_id WHERE s.event_id = e.id GROUP BY f.key) x), '{}') AS formats
       FROM event e WHERE e.id = ANY($1::uuid[])`,
    [eventIds],
  );

/** The given people's talks scheduled between two instants (a speaker is not in two places at once). */
export const speakersBusy = (m: EntityManager, personIds: string[], from: Date, to: Date) =>
  sql<{ person_id: string; starts_at: Date; ends_at: Date }>(
    m,
    `SELECT ps.person_id, s.starts_at, s.ends_at FROM slot s JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id
       JOIN event e ON e.id = s.event_id
      WHERE ps.person_id = ANY($1::uuid[]) AND e.status <> 'canceled' AND s.starts_at < $3 AND s.ends_at > $2`,
    [personIds, from, to],
  );
