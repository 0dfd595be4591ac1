/** Calendar feeds' SQL: validators (one indexed query each) and what each feed holds. */
import type { EntityManager } from 'typeorm';
import { sql } from '../db/sql';
import { contentChangedAt, contentVersion } from '../db/fragments';
import { EVENT_SELECT, type EventRow } from '../modules/events/events.queries';

/** What a feed's ETag and Last-Modified come from: the community's settings and feed versions. */
export interface Validator {
  version: number;
  feed_version: string;
  feed_changed_at: Date;
}

const VALIDATOR = `c.version, ${contentVersion('c.id', 'feed_n')} AS feed_version, ${contentChangedAt('c.id', 'feed_changed_at')} AS feed_changed_at`;

export interface Visibility {
  event_visibility: 'public' | 'internal';
}

export const communityValidator = async (m: EntityManager, slug: string) =>
  (
    await sql<Validator & Visibility & { id: string; name: string; default_language: string }>(
      m,
      `SELECT c.id, c.name, ${VALIDATOR}, c.event_visibility, c.default_language FROM community c WHERE c.slug = $1`,
      [slug],
    )
  )[0];

/** A published or canceled event's title and its community's validator. */
export const eventValidator = async (m: EntityManager, id: string) =>
  (
    await sql<Validator & Visibility & { title: string; community_id: string; default_language: string }>(
      m,
      `SELECT e.title, e.community_id, ${VALIDATOR}, c.event_visibility, c.default_language
         FROM event e JOIN community c ON c.id = e.community_id
        WHERE e.id = $1 AND e.status <> 'draft'`,
      [id],
    )
  )[0];

/**
 * The personal feed's validator: the versions of every community it draws from (where the person
 * answered or speaks), and the person's RSVPs and tasks.
 */
export const personalValidator = async (m: EntityManager, personId: string) =>
  (
    await sql<{
      name: string;
      alarm_minutes: number | null;
      language: string | null;
      versions: string | null;
      changed: Date | null;
    }>(
      m,
      `WITH mine AS (
         SELECT e.community_id FROM rsvp r JOIN event e ON e.id = r.event_id WHERE r.person_id = $1
         UNION SELECT p.community_id FROM proposal_speaker s JOIN proposal p ON p.id = s.proposal_id WHERE s.person_id = $1
       )
       SELECT pe.name, pe.alarm_minutes, pe.language, coalesce(pe.alarm_minutes::text, '-') || '|' || coalesce(pe.language::text, '-') || '|' ||
              (SELECT string_agg(c.id || ':' || c.version || ':' || ${contentVersion('c.id', 'feed_n')}, ',' ORDER BY c.id) FROM community c WHERE c.id IN (SELECT community_id FROM mine))
                || '|' || coalesce((SELECT max(updated_at)::text || count(*) FROM rsvp WHERE person_id = $1), '')
                || '|' || coalesce((SELECT max(updated_at)::text || count(*) FROM task WHERE assignee_id = $1), '') AS versions,
              greatest((SELECT max(s.feed_changed_at) FROM community_stamp s WHERE s.community_id IN (SELECT community_id FROM mine)),
                       (SELECT max(updated_at) FROM rsvp WHERE person_id = $1), (SELECT max(updated_at) FROM task WHERE assignee_id = $1),
                       pe.created_at) AS changed
         FROM person pe WHERE pe.id = $1`,
      [personId],
    )
  )[0];

const WHERE = {
  community: `e.community_id = $1 AND e.status <> 'draft'`,
  event: 'e.id = $1',
  person: `e.status <> 'draft' AND (EXISTS (SELECT 1 FROM rsvp r WHERE r.event_id = e.id AND r.person_id = $1 AND r.status = 'going')
             OR EXISTS (SELECT 1 FROM slot s JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id WHERE s.event_id = e.id AND ps.person_id = $1))`,
};

/** The events of a community's feed, one event's feed, or a person's (going, or speaking). */
export const feedEvents = (m: EntityManager, of: keyof typeof WHERE, id: string) =>
  sql<EventRow>(m, `${EVENT_SELECT} WHERE ${WHERE[of]} ORDER BY e.starts_at, e.id`, [id]);

export const eventsGoing = async (m: EntityManager, personId: string) =>
  (
    await sql<{ event_id: string }>(m, `SELECT event_id FROM rsvp WHERE person_id = $1 AND status = 'going'`, [
      personId,
    ])
  ).map((r) => r.event_id);

export const talksGiven = async (m: EntityManager, personId: string) =>
  (
    await sql<{ proposal_id: string }>(m, 'SELECT proposal_id FROM proposal_speaker WHERE person_id = $1', [personId])
  ).map((r) => r.proposal_id);

/** The person's dated tasks, soonest first, with the time zone of their talk's event. */
export const datedTasks = (m: EntityManager, personId: string) =>
  sql<{
    id: string;
    title: string;
    talk: string;
    proposal_id: string;
    due_at: Date;
    time_zone: string | null;
    status: 'open';
    version: number;
    updated_at: Date;
  }>(
    m,
    `SELECT t.id, t.title, p.title AS talk, p.id AS proposal_id, t.due_at, e.time_zone, t.status, t.version, t.updated_at
       FROM task t JOIN proposal p ON p.id = t.proposal_id LEFT JOIN slot s ON s.proposal_id = p.id LEFT JOIN event e ON e.id = s.event_id
      WHERE t.assignee_id = $1 AND t.due_at IS NOT NULL ORDER BY t.due_at, t.id`,
    [personId],
  );
