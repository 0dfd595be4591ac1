/** Community health's SQL: the facts the rules judge, settings, alerts (act once), and the invitations to propose. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Facts, Reason } from './rules';
import type { SpeakUpAnswer } from './vitality.entity';

/**
 * Everything rules.ts judges, for one community ($1), in one statement. Meetings are published
 * events; held = ended. Talks are slots of accepted/confirmed proposals at held meetings. A
 * first-time talk is one at which one of its speakers gave their first talk in this community.
 */
const FACTS_SQL = `
WITH past AS MATERIALIZED (
  SELECT e.id, e.title, e.starts_at FROM event e WHERE e.community_id = $1 AND e.status = 'published' AND e.ends_at <= now()
), given AS MATERIALIZED (
  SELECT p.id, s.starts_at FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
   WHERE e.community_id = $1 AND e.status = 'published' AND p.state IN ('accepted', 'confirmed') AND s.ends_at <= now()
), talks12 AS MATERIALIZED (
  SELECT * FROM given WHERE starts_at >= now() - interval '12 months'
), firsts AS (
  SELECT ps.person_id, min(g.starts_at) AS first_at FROM given g JOIN proposal_speaker ps ON ps.proposal_id = g.id GROUP BY 1
), top AS (
  SELECT ps.person_id FROM talks12 t JOIN proposal_speaker ps ON ps.proposal_id = t.id
   GROUP BY 1 ORDER BY count(*) DESC, ps.person_id LIMIT 3
), came AS (
  SELECT DISTINCT r.person_id FROM rsvp r JOIN past p ON p.id = r.event_id
    JOIN membership ms ON ms.community_id = $1 AND ms.person_id = r.person_id
   WHERE p.starts_at >= now() - interval '90 days' AND (r.status = 'going' OR r.checked_in_at IS NOT NULL)
), tasks AS (
  SELECT count(*)::int AS due, count(*) FILTER (WHERE k.status = 'done' AND k.status_at <= k.due_at)::int AS on_time
    FROM task k WHERE k.community_id = $1 AND k.status <> 'skipped' AND k.due_at <= now() AND k.due_at >= now() - interval '90 days'
)
SELECT
  (SELECT floor(extract(epoch FROM now() - max(starts_at)) / 604800)::int FROM past) AS "weeksSinceLast",
  CASE WHEN EXISTS (SELECT 1 FROM series WHERE community_id = $1) THEN (
    (SELECT count(*) FROM event e WHERE e.community_id = $1 AND e.series_id IS NOT NULL
        AND e.starts_at < now() AND e.starts_at >= now() - interval '90 days')
    + (SELECT count(*) FROM series_skip k JOIN series s ON s.id = k.series_id
        WHERE s.community_id = $1 AND k.occurrence_on < current_date AND k.occurrence_on >= current_date - 90))::int
  END AS "planned90",
  (SELECT count(*) FROM past WHERE starts_at >= now() - interval '90 days')::int AS "held90",
  (SELECT coalesce(json_agg(json_build_object('inWeeks', floor(extract(epoch FROM e.starts_at - now()) / 604800)::int,
                                              'talks', (SELECT count(*) FROM slot x WHERE x.event_id = e.id)) ORDER BY e.starts_at), '[]')
     FROM event e WHERE e.community_id = $1 AND e.status <> 'canceled' AND e.starts_at > now() AND e.starts_at < now() + interval '12 weeks') AS "upcoming",
  (SELECT count(*) FROM proposal p WHERE p.community_id = $1 AND p.state IN ('accepted', 'confirmed')
      AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.proposal_id = p.id))::int AS "backlog",
  (SELECT count(*) FROM proposal p WHERE p.community_id = $1 AND p.state = 'submitted')::int AS "pending",
  (SELECT floor(extract(epoch FROM now() - min(p.submitted_at)) / 86400)::int FROM proposal p
    WHERE p.community_id = $1 AND p.state = 'submitted') AS "oldestPendingDays",
  (SELECT coalesce(json_agg(json_build_object('title', m.title, 'going', m.going, 'checkedIn', m.checked_in) ORDER BY m.starts_at), '[]') FROM (
     SELECT p.title, p.starts_at,
            (SELECT count(*) FROM rsvp r WHERE r.event_id = p.id AND r.status = 'going') AS going,
            (SELECT count(*) FROM rsvp r WHERE r.event_id = p.id AND r.checked_in_at IS NOT NULL) AS checked_in
       FROM past p ORDER BY p.starts_at DESC LIMIT 6) m) AS "meetings",
  (SELECT count(*) FROM talks12)::int AS "talks12",
  (SELECT count(*) FROM talks12 t WHERE EXISTS (SELECT 1 FROM proposal_speaker ps JOIN firsts f ON f.person_id = ps.person_id
      WHERE ps.proposal_id = t.id AND f.first_at = t.starts_at))::int AS "firstTimeTalks12",
  (SELECT count(*) FROM talks12 t WHERE EXISTS (SELECT 1 FROM proposal_speaker ps JOIN top ON top.person_id = ps.person_id
      WHERE ps.proposal_id = t.id))::int AS "topSpeakerTalks12",
  (SELECT count(*) FROM membership WHERE community_id = $1)::int AS "members",
  (SELECT count(*) FROM came)::int AS "attendees90",
  (SELECT count(DISTINCT lower(btrim(pe.department))) FROM came JOIN person pe ON pe.id = came.person_id
    WHERE btrim(pe.department) <> '')::int AS "departments90",
  (SELECT count(DISTINCT lower(btrim(pe.department))) FROM membership ms JOIN person pe ON pe.id = ms.person_id
    WHERE ms.community_id = $1 AND btrim(pe.department) <> '')::int AS "memberDepartments",
  (SELECT due FROM tasks) AS "tasksDue90",
  (SELECT on_time FROM tasks) AS "tasksOnTime90",
  (SELECT count(*) FROM talks12 t JOIN lesson l ON l.proposal_id = t.id AND l.status = 'published')::int AS "withLesson12"`;

export const facts = async (m: EntityManager, communityId: string): Promise<Facts> =>
  (await sql<Facts>(m, FACTS_SQL, [communityId]))[0];

// ---- settings -------------------------------------------------------------------------------

export const settingsOf = async (m: EntityManager, communityId: string) =>
  (
    await sql<{ thresholds: Record<string, number>; speak_up: boolean }>(
      m,
      'SELECT thresholds, speak_up FROM community_health_setting WHERE community_id = $1',
      [communityId],
    )
  )[0] ?? { thresholds: {}, speak_up: true };

export const saveSettings = (
  m: EntityManager,
  communityId: string,
  thresholds: Record<string, number>,
  speakUp: boolean,
) =>
  sql(
    m,
    `INSERT INTO community_health_setting (community_id, thresholds, speak_up) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (community_id) DO UPDATE SET thresholds = EXCLUDED.thresholds, speak_up = EXCLUDED.speak_up, updated_at = now()`,
    [communityId, JSON.stringify(thresholds), speakUp],
  );

// ---- act once -------------------------------------------------------------------------------

/** What an alert keeps of the judgement that raised it: the reason, and the next step with its page. */
export type AlertReason = Reason & { step: string; path: string };

export const allCommunities = (m: EntityManager) =>
  sql<{ id: string; slug: string; name: string; thresholds: Record<string, number> | null }>(
    m,
    `SELECT c.id, c.slug, c.name, s.thresholds FROM community c LEFT JOIN community_health_setting s ON s.community_id = c.id ORDER BY c.id`,
  );

/** The alert row, if this caller made it (the one that tells); null when it was already there. */
export const raiseAlert = async (m: EntityManager, communityId: string, indicator: string, reason: AlertReason) =>
  (
    await sql<{ raised_at: Date }>(
      m,
      `INSERT INTO health_alert (community_id, indicator, reason) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (community_id, indicator) DO NOTHING RETURNING raised_at`,
      [communityId, indicator, JSON.stringify(reason)],
    )
  )[0] ?? null;

/** Indicators no longer in act have recovered: their alerts go, so the next fall tells again. */
export const clearRecovered = (m: EntityManager, communityId: string, stillActing: string[]) =>
  sql(m, 'DELETE FROM health_alert WHERE community_id = $1 AND NOT (indicator = ANY ($2::text[]))', [
    communityId,
    stillActing,
  ]);

export const alertsOf = (m: EntityManager, communityId: string) =>
  sql<{ indicator: string; raised_at: Date; digest_day: string | null }>(
    m,
    `SELECT indicator, raised_at, to_char(digest_day, 'YYYY-MM-DD') AS digest_day FROM health_alert WHERE community_id = $1`,
    [communityId],
  );

/**
 * Today's organizers' digest takes the alerts no digest has told yet (each alert is claimed once).
 * An alert raised after an organizer of its community already had today's digest waits for tomorrow's.
 */
export const claimForDigest = (m: EntityManager) =>
  sql(
    m,
    `UPDATE health_alert a SET digest_day = current_date
      WHERE a.digest_day IS NULL AND NOT EXISTS (
        SELECT 1 FROM membership ms JOIN digest_log d ON d.person_id = ms.person_id AND d.day = current_date
         WHERE ms.community_id = a.community_id AND ms.role = 'organizer')`,
  );

/** The alerts a digest of `day` tells an organizer: those of their communities claimed that day. */
export const alertsForDigest = (m: EntityManager, personId: string, day: string) =>
  sql<{ slug: string; community: string; indicator: string; reason: AlertReason }>(
    m,
    `SELECT c.slug, c.name AS community, a.indicator, a.reason
       FROM health_alert a JOIN community c ON c.id = a.community_id
       JOIN membership ms ON ms.community_id = a.community_id AND ms.person_id = $1 AND ms.role = 'organizer'
      WHERE a.digest_day = $2::date ORDER BY c.name, a.indicator`,
    [personId, day],
  );

// ---- help the quiet ones speak --------------------------------------------------------------

/** Attended (going to, or checked in at) this many talks of a community before being asked. */
export const SPEAK_UP_MIN_TALKS = 3;
/** "Not now" means: not for six months. */
export const NOT_NOW = '6 months';

/**
 * The monthly invitation: members of communities that keep it on, who attended at least
 * SPEAK_UP_MIN_TALKS talks there and never were a speaker of a proposal there, who accept
 * nominations and did not say "never" or "not now". One community per person (where they attended
 * most); the unique (person, quarter) caps it at one a quarter, whoever else runs this at the same
 * time; the mail job is added in the same statement.
 */
export const inviteQuiet = async (m: EntityManager) =>
  (
    await sql<{ n: number }>(
      m,
      `WITH enabled AS (
         SELECT c.id FROM community c LEFT JOIN community_health_setting s ON s.community_id = c.id WHERE coalesce(s.speak_up, true)
       ), attended AS (
         SELECT e.community_id, r.person_id, count(DISTINCT s.proposal_id) AS talks
           FROM rsvp r JOIN event e ON e.id = r.event_id JOIN slot s ON s.event_id = e.id
          WHERE e.community_id IN (SELECT id FROM enabled) AND e.status = 'published' AND e.ends_at <= now()
            AND (r.status = 'going' OR r.checked_in_at IS NOT NULL)
          GROUP BY 1, 2
       ), quiet AS (
         SELECT DISTINCT ON (a.person_id) a.community_id, a.person_id FROM attended a
           JOIN person pe ON pe.id = a.person_id AND pe.accepts_nominations
           JOIN membership ms ON ms.community_id = a.community_id AND ms.person_id = a.person_id
          WHERE a.talks >= $1
            AND NOT EXISTS (SELECT 1 FROM proposal_speaker ps JOIN proposal p ON p.id = ps.proposal_id
                             WHERE ps.person_id = a.person_id AND p.community_id = a.community_id)
            AND NOT EXISTS (SELECT 1 FROM speak_up_preference x WHERE x.person_id = a.person_id AND (x.never OR x.not_before > now()))
          ORDER BY a.person_id, a.talks DESC, a.community_id
       ), sent AS (
         INSERT INTO speak_up_invitation (person_id, community_id, quarter)
         SELECT person_id, community_id, date_trunc('quarter', now() AT TIME ZONE 'UTC')::date FROM quiet
         ON CONFLICT ON CONSTRAINT speak_up_once_a_quarter DO NOTHING RETURNING id, person_id
       )
       SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'speak-up', 'invitationId', id, 'personId', person_id),
                                           job_key => 'speak-up:' || id))::int AS n FROM sent`,
      [SPEAK_UP_MIN_TALKS],
    )
  )[0].n;

/** What the invitation mail says: its community, the most-wanted wishes, lessons of first-time speakers. */
export async function speakUpFacts(m: EntityManager, invitationId: string) {
  const [inv] = await sql<{ id: string; slug: string; community: string; answer: string | null; never: boolean }>(
    m,
    `SELECT i.id, c.slug, c.name AS community, i.answer, coalesce(x.never, false) AS never
       FROM speak_up_invitation i JOIN community c ON c.id = i.community_id
       LEFT JOIN speak_up_preference x ON x.person_id = i.person_id WHERE i.id = $1`,
    [invitationId],
  );
  if (!inv) return null;
  const wishes = await sql<{ title: string; votes: number }>(
    m,
    `SELECT w.title, (SELECT count(*) FROM topic_wish_vote v WHERE v.wish_id = w.id)::int AS votes
       FROM topic_wish w JOIN speak_up_invitation i ON i.community_id = w.community_id
      WHERE i.id = $1 AND w.status = 'open' ORDER BY votes DESC, w.created_at LIMIT 3`,
    [invitationId],
  );
  const lessons = await sql<{ title: string; speaker: string; takeaway: string | null }>(
    m,
    `WITH firsts AS (
       SELECT DISTINCT ON (ps.person_id) ps.person_id, p.id AS proposal_id, p.title
         FROM proposal_speaker ps JOIN proposal p ON p.id = ps.proposal_id JOIN slot s ON s.proposal_id = p.id
         JOIN speak_up_invitation i ON i.community_id = p.community_id AND i.id = $1
        WHERE p.state IN ('accepted', 'confirmed') AND s.ends_at <= now()
        ORDER BY ps.person_id, s.starts_at
     )
     SELECT f.title, pe.name AS speaker, l.takeaways->>0 AS takeaway
       FROM firsts f JOIN lesson l ON l.proposal_id = f.proposal_id AND l.status = 'published' JOIN person pe ON pe.id = f.person_id
      ORDER BY l.published_at DESC LIMIT 3`,
    [invitationId],
  );
  return { ...inv, wishes, lessons };
}

/** The invitee's answer; it holds for every community. Null when the invitation is not theirs. */
export const answerSpeakUp = async (m: EntityManager, id: string, personId: string, answer: SpeakUpAnswer) =>
  (
    await sql<{ person_id: string }>(
      m,
      `WITH inv AS (
         UPDATE speak_up_invitation SET answer = $3, answered_at = now() WHERE id = $1 AND person_id = $2 RETURNING person_id
       )
       INSERT INTO speak_up_preference (person_id, never, not_before)
       SELECT person_id, $3 = 'never', CASE WHEN $3 = 'not-now' THEN now() + $4::interval END FROM inv
       ON CONFLICT (person_id) DO UPDATE SET never = speak_up_preference.never OR EXCLUDED.never,
         not_before = coalesce(EXCLUDED.not_before, speak_up_preference.not_before), updated_at = now()
       RETURNING person_id`,
      [id, personId, answer, NOT_NOW],
    )
  )[0] ?? null;

export const speakUpInvitation = async (m: EntityManager, id: string, personId: string) =>
  (
    await sql<{ id: string; community: string; slug: string; answer: SpeakUpAnswer | null }>(
      m,
      `SELECT i.id, c.name AS community, c.slug, i.answer FROM speak_up_invitation i JOIN community c ON c.id = i.community_id
        WHERE i.id = $1 AND i.person_id = $2`,
      [id, personId],
    )
  )[0] ?? null;

/** Invitations of the last 12 months, and how many of those asked proposed afterwards (submitted). */
export const speakUpCounts = async (m: EntityManager, communityId: string) =>
  (
    await sql<{ asked: number; proposed: number; declined: number }>(
      m,
      `SELECT count(*)::int AS asked,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM proposal_speaker ps JOIN proposal p ON p.id = ps.proposal_id
                 WHERE ps.person_id = i.person_id AND p.community_id = i.community_id
                   AND p.submitted_at IS NOT NULL AND p.created_at >= i.sent_at))::int AS proposed,
              count(*) FILTER (WHERE i.answer = 'never')::int AS declined
         FROM speak_up_invitation i WHERE i.community_id = $1 AND i.sent_at >= now() - interval '12 months'`,
      [communityId],
    )
  )[0];
