/** The mail module's SQL: what messages say (read when the mail job runs) and who hears of a change. */
import type { EntityManager } from 'typeorm';
import { sql } from '../db/sql';
import { givenSince, overdueSql, speakerNames } from '../db/fragments';

export interface Person {
  id: string;
  name: string;
  email: string;
  /** their reminder alarm, minutes before (VALARM in invitations); null or absent: none */
  alarm_minutes?: number | null;
  /** the language they chose (null: none chosen); mail follows it */
  language?: string | null;
}
export interface EventRow {
  id: string;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  status: string;
  sequence: number;
  room_name: string | null;
  room_location: string | null;
  online_url: string | null;
  community: string;
  updated_at: Date;
  created_at: Date;
  cancel_reason: string | null;
  /** the community's default language (mail follows it when the recipient chose none) */
  community_language: string;
}

export const personById = async (m: EntityManager, id: string) =>
  (await sql<Person>(m, 'SELECT id, name, email, alarm_minutes, language FROM person WHERE id = $1', [id]))[0];

export const eventById = async (m: EntityManager, id: string) =>
  (
    await sql<EventRow>(
      m,
      `SELECT e.id, e.title, e.description, e.starts_at, e.ends_at, e.time_zone, e.status, e.sequence, r.name AS room_name,
              r.location AS room_location, e.online_url, c.name AS community, e.updated_at, e.created_at,
              e.cancel_reason, c.default_language AS community_language
         FROM event e JOIN community c ON c.id = e.community_id LEFT JOIN room r ON r.id = e.room_id WHERE e.id = $1`,
      [id],
    )
  )[0];

/** The person's own round of invitations to the event (0 without an RSVP: a speaker, say). */
export const inviteRound = async (m: EntityManager, eventId: string, personId: string) =>
  (
    await sql<{ invite_round: number }>(m, 'SELECT invite_round FROM rsvp WHERE event_id = $1 AND person_id = $2', [
      eventId,
      personId,
    ])
  )[0]?.invite_round ?? 0;

export const proposalFacts = async (m: EntityManager, id: string) =>
  (
    await sql<{ id: string; title: string; state: string; community: string; format: string }>(
      m,
      `SELECT p.id, p.title, p.state, c.name AS community, f.name AS format FROM proposal p JOIN community c ON c.id = p.community_id
         JOIN call_format f ON f.id = p.format_id WHERE p.id = $1`,
      [id],
    )
  )[0];

/** The state a recorded decision moved the proposal to. */
export const decidedState = async (m: EntityManager, transitionId: string) =>
  (await sql<{ to_state: string }>(m, 'SELECT to_state FROM proposal_transition WHERE id = $1', [transitionId]))[0]
    ?.to_state;

/** An event's talks in order with their speakers' names. */
export const agendaOf = (m: EntityManager, eventId: string) =>
  sql<{ title: string; starts_at: Date; ends_at: Date; speakers: string[] }>(
    m,
    `SELECT p.title, s.starts_at, s.ends_at, ${speakerNames('p.id')} AS speakers
       FROM slot s JOIN proposal p ON p.id = s.proposal_id WHERE s.event_id = $1 ORDER BY s.starts_at`,
    [eventId],
  );

export const talkFacts = async (m: EntityManager, proposalId: string) =>
  (
    await sql<{
      title: string;
      abstract: string;
      talk_sequence: number;
      community: string;
      starts_at: Date | null;
      ends_at: Date | null;
      event_id: string | null;
    }>(
      m,
      `SELECT p.title, p.abstract, p.talk_sequence, c.name AS community, s.starts_at, s.ends_at, s.event_id
         FROM proposal p JOIN community c ON c.id = p.community_id LEFT JOIN slot s ON s.proposal_id = p.id WHERE p.id = $1`,
      [proposalId],
    )
  )[0];

/** The person's open tasks overdue or due within three days. */
export const tasksDueSoon = (m: EntityManager, personId: string) =>
  sql<{
    title: string;
    talk: string;
    due_at: Date;
    time_zone: string | null;
    overdue: boolean;
    slug: string;
    community: string;
    proposal_id: string;
    /** the assignee's role in the talk's community, and whether they are an admin (who sees the board) */
    role: 'member' | 'reviewer' | 'organizer' | null;
    is_admin: boolean;
  }>(
    m,
    `SELECT t.title, p.title AS talk, t.due_at, e.time_zone, ${overdueSql('t')} AS overdue, c.slug, c.name AS community,
            p.id AS proposal_id, ms.role, me.is_admin
       FROM task t JOIN person me ON me.id = t.assignee_id JOIN proposal p ON p.id = t.proposal_id
       JOIN community c ON c.id = p.community_id
       LEFT JOIN membership ms ON ms.community_id = p.community_id AND ms.person_id = t.assignee_id LEFT JOIN slot s ON s.proposal_id = p.id LEFT JOIN event e ON e.id = s.event_id
      WHERE t.assignee_id = $1 AND t.status = 'open' AND t.due_at < now() + interval '3 days' AND NOT ${givenSince('t')}
      ORDER BY t.due_at`,
    [personId],
  );

export const lessonFacts = async (m: EntityManager, proposalId: string) =>
  (
    await sql<{ title: string; community: string; published: boolean }>(
      m,
      `SELECT p.title, c.name AS community,
              EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = p.id AND l.status = 'published') AS published
         FROM proposal p JOIN community c ON c.id = p.community_id WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [proposalId],
    )
  )[0];

export const nominationFacts = async (m: EntityManager, id: string) =>
  (
    await sql<{
      topic: string;
      reason: string;
      status: string;
      community: string;
      nominator: string;
      nominee: string;
      decline_reason: string | null;
    }>(
      m,
      `SELECT n.topic, n.reason, n.status, c.name AS community, a.name AS nominator, b.name AS nominee, n.decline_reason
         FROM nomination n JOIN community c ON c.id = n.community_id JOIN person a ON a.id = n.nominator_id JOIN person b ON b.id = n.nominee_id
        WHERE n.id = $1`,
      [id],
    )
  )[0];

// ---- who hears of a change (notify.ts) ---------------------------------------------------------

export const markNotified = (m: EntityManager, transitionId: string) =>
  sql(m, 'UPDATE proposal_transition SET notified_at = now() WHERE id = $1', [transitionId]);

export const peopleGoing = async (m: EntityManager, eventId: string) =>
  (
    await sql<{ person_id: string }>(m, `SELECT person_id FROM rsvp WHERE event_id = $1 AND status = 'going'`, [
      eventId,
    ])
  ).map((r) => r.person_id);

export const talksOfEvent = async (m: EntityManager, eventId: string) =>
  (await sql<{ proposal_id: string }>(m, 'SELECT proposal_id FROM slot WHERE event_id = $1', [eventId])).map(
    (r) => r.proposal_id,
  );

export const personByEmail = async (m: EntityManager, email: string) =>
  (await sql<Person>(m, 'SELECT id, name, email, alarm_minutes, language FROM person WHERE email = $1', [email]))[0];

/** Series occurrences within two weeks with an empty agenda, in communities the person organizes. */
export const emptyOccurrencesFor = (m: EntityManager, personId: string) =>
  sql<{ id: string; title: string; starts_at: Date; ends_at: Date; time_zone: string; community: string }>(
    m,
    `SELECT e.id, e.title, e.starts_at, e.ends_at, e.time_zone, c.name AS community
       FROM event e JOIN community c ON c.id = e.community_id
       JOIN membership ms ON ms.community_id = e.community_id AND ms.person_id = $1 AND ms.role = 'organizer'
      WHERE e.series_id IS NOT NULL AND e.status <> 'canceled' AND e.starts_at > now() AND e.starts_at < now() + interval '14 days'
        AND NOT EXISTS (SELECT 1 FROM slot x WHERE x.event_id = e.id)
      ORDER BY e.starts_at`,
    [personId],
  );

/** Where a mail's community is found: the table of what the mail is about. */
const COMMUNITY_OF = {
  proposal: 'proposal',
  event: 'event',
  nomination: 'nomination',
  wish: 'topic_wish',
  destination: 'announcement_destination',
  speakUp: 'speak_up_invitation',
} as const;

/** The default language of the community a mail is about (the recipient's, unless they chose one). */
export const communityLanguage = async (m: EntityManager, of: keyof typeof COMMUNITY_OF, id: string) =>
  (
    await sql<{ default_language: string }>(
      m,
      `SELECT c.default_language FROM community c JOIN ${COMMUNITY_OF[of]} x ON x.community_id = c.id WHERE x.id = $1`,
      [id],
    )
  )[0]?.default_language ?? null;

/** The default language of the communities a person organizes, when they agree on one (the digest's). */
export const organizedLanguage = async (m: EntityManager, personId: string) =>
  (
    await sql<{ default_language: string }>(
      m,
      `SELECT min(c.default_language::text) AS default_language FROM community c
         JOIN membership ms ON ms.community_id = c.id AND ms.person_id = $1 AND ms.role = 'organizer'
       HAVING count(DISTINCT c.default_language) = 1`,
      [personId],
    )
  )[0]?.default_language ?? null;
