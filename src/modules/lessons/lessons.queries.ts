/** The lessons module's SQL: summaries and retrospectives, the knowledge-base list and export, the prompts job. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import { speakerNames } from '../../db/fragments';
import type { LessonStatus, Resource } from './lesson.entity';
import type { ExportedLesson } from './lessons-markdown';

export interface TalkFacts {
  community_id: string;
  title: string;
  slug: string;
  ends_at: Date | null;
  starts_at: Date | null;
  speaker: boolean;
  retrospective_visibility: 'organizers' | 'everyone';
}
export interface Named {
  id: string;
  name: string;
}
export interface LessonRow {
  status: LessonStatus | null;
  takeaways: string[];
  went_well: string;
  to_change: string;
  resources: Resource[];
  notes: string;
  published_at: Date | null;
  writer: Named | null;
  retrospective: string | null;
  retrospective_author: Named | null;
  retrospective_at: Date | null;
  version: number;
  updated_at: Date;
}
export interface LessonView {
  proposalId: string;
  talk: TalkFacts;
  speakers: Named[];
  row: LessonRow | null;
  seesSummary: boolean;
  seesRetrospective: boolean;
}
export interface LessonListRow {
  proposal_id: string;
  title: string;
  starts_at: Date;
  speakers: string[];
  takeaways: string[];
  resources: Resource[];
  published_at: Date;
}

const LESSON_COLUMNS = `l.status, l.takeaways, l.went_well, l.to_change, l.resources, l.notes, l.published_at, l.version, l.updated_at,
  l.retrospective, l.retrospective_at,
  (SELECT json_build_object('id', w.id, 'name', w.name) FROM person w WHERE w.id = l.written_by) AS writer,
  (SELECT json_build_object('id', r.id, 'name', r.name) FROM person r WHERE r.id = l.retrospective_by) AS retrospective_author`;

export const lessonRow = async (m: EntityManager, proposalId: string) =>
  (await sql<LessonRow>(m, `SELECT ${LESSON_COLUMNS} FROM lesson l WHERE l.proposal_id = $1`, [proposalId]))[0] ?? null;

/** An accepted or confirmed talk: its community, title, slot and whether the person speaks in it. */
export const talkFacts = async (m: EntityManager, proposalId: string, personId: string) =>
  (
    await sql<TalkFacts>(
      m,
      `SELECT p.community_id, p.title, c.slug, c.retrospective_visibility, s.starts_at, s.ends_at,
              EXISTS (SELECT 1 FROM proposal_speaker ps WHERE ps.proposal_id = p.id AND ps.person_id = $2) AS speaker
         FROM proposal p JOIN community c ON c.id = p.community_id LEFT JOIN slot s ON s.proposal_id = p.id
        WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [proposalId, personId],
    )
  )[0];

export interface Summary {
  takeaways: string[];
  wentWell: string;
  toChange: string;
  resources: Resource[];
  notes: string;
  status: LessonStatus;
}

/** Writes the speakers' summary (first publication time is kept); null when `expected` no longer matches, else whether it is new. */
export const upsertSummary = async (
  m: EntityManager,
  proposalId: string,
  communityId: string,
  s: Summary,
  writerId: string,
  expected: number | null,
) =>
  (
    await sql<{ inserted: boolean }>(
      m,
      `INSERT INTO lesson AS l (proposal_id, community_id, takeaways, went_well, to_change, resources, notes, status, published_at, written_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8::lesson_status, CASE WHEN $8 = 'published' THEN now() END, $9)
       ON CONFLICT (proposal_id) DO UPDATE SET takeaways = EXCLUDED.takeaways, went_well = EXCLUDED.went_well, to_change = EXCLUDED.to_change,
         resources = EXCLUDED.resources, notes = EXCLUDED.notes, status = EXCLUDED.status, written_by = EXCLUDED.written_by,
         published_at = CASE WHEN EXCLUDED.status = 'published' THEN coalesce(l.published_at, now()) END,
         version = l.version + 1, updated_at = now()
       WHERE $10::int IS NULL OR l.version = $10
       RETURNING (xmax = 0) AS inserted`,
      [
        proposalId,
        communityId,
        JSON.stringify(s.takeaways),
        s.wentWell,
        s.toChange,
        JSON.stringify(s.resources),
        s.notes,
        s.status,
        writerId,
        expected,
      ],
    )
  )[0]?.inserted ?? null;

/** Writes (null: removes) the organizers' retrospective; false when `expected` no longer matches. */
export const upsertRetrospective = async (
  m: EntityManager,
  proposalId: string,
  communityId: string,
  text: string | null,
  authorId: string | null,
  expected: number | null,
) =>
  (
    await sql(
      m,
      `INSERT INTO lesson AS l (proposal_id, community_id, retrospective, retrospective_by, retrospective_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3::text IS NOT NULL THEN now() END)
       ON CONFLICT (proposal_id) DO UPDATE SET retrospective = EXCLUDED.retrospective, retrospective_by = EXCLUDED.retrospective_by,
         retrospective_at = EXCLUDED.retrospective_at, version = l.version + 1, updated_at = now()
       WHERE $5::int IS NULL OR l.version = $5
       RETURNING version`,
      [proposalId, communityId, text, authorId, expected],
    )
  ).length > 0;

/** One page of a community's published lessons, the most recent talk first. */
export const publishedPage = (m: EntityManager, communityId: string, after: [string, string] | null, limit: number) =>
  sql<LessonListRow>(
    m,
    `SELECT l.proposal_id, p.title, s.starts_at, l.takeaways, l.resources, l.published_at, ${speakerNames('p.id')} AS speakers
       FROM lesson l JOIN proposal p ON p.id = l.proposal_id JOIN slot s ON s.proposal_id = p.id
      WHERE l.community_id = $1 AND l.status = 'published' AND p.state IN ('accepted', 'confirmed')
        AND ${after ? '(s.starts_at, l.proposal_id) < ($2::timestamptz, $3::uuid)' : '$2::timestamptz IS NULL AND $3::uuid IS NULL'}
      ORDER BY s.starts_at DESC, l.proposal_id DESC LIMIT $4`,
    [communityId, after?.[0] ?? null, after?.[1] ?? null, limit],
  );

/** Published lessons of talks given between two dates in the time zone; retrospectives only when `withRetro`. */
export const publishedBetween = (
  m: EntityManager,
  communityId: string,
  from: string,
  to: string,
  tz: string,
  withRetro: boolean,
) =>
  sql<ExportedLesson>(
    m,
    `SELECT p.title, s.starts_at, e.title AS event, l.takeaways, l.went_well, l.to_change, l.resources, l.notes,
            CASE WHEN $5 THEN l.retrospective END AS retrospective, ${speakerNames('p.id')} AS speakers
       FROM lesson l JOIN proposal p ON p.id = l.proposal_id JOIN slot s ON s.proposal_id = p.id JOIN event e ON e.id = s.event_id
      WHERE l.community_id = $1 AND l.status = 'published' AND p.state IN ('accepted', 'confirmed')
        AND s.starts_at >= ($2::date::timestamp AT TIME ZONE $4) AND s.starts_at < ($3::date::timestamp AT TIME ZONE $4)
      ORDER BY s.starts_at, p.id`,
    [communityId, from, to, tz, withRetro],
  );

/**
 * "What did you learn?": once a talk's slot has ended (within the last 14 days, so turning this on
 * does not write to speakers of talks long past), its speakers are asked once — lesson_prompt's
 * primary key says so — and reminded once after 3 days if the lesson is still not published: the
 * UPDATE … WHERE reminded_at IS NULL is re-checked under the row lock, so concurrent runs remind once.
 */
export const ENQUEUE_LESSON_PROMPTS = `
  WITH ended AS (
    SELECT s.proposal_id FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
     WHERE s.ends_at <= now() AND s.ends_at > now() - interval '14 days' AND e.status = 'published' AND p.state IN ('accepted', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = s.proposal_id AND l.status = 'published')
  ), fresh AS (
    INSERT INTO lesson_prompt (proposal_id) SELECT proposal_id FROM ended ON CONFLICT DO NOTHING RETURNING proposal_id
  ), due AS (
    UPDATE lesson_prompt lp SET reminded_at = now()
     WHERE lp.reminded_at IS NULL AND lp.prompted_at <= now() - interval '3 days'
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = lp.proposal_id AND l.status = 'published')
    RETURNING proposal_id
  ), asks AS (
    SELECT proposal_id, false AS reminder FROM fresh UNION ALL SELECT proposal_id, true FROM due
  )
  SELECT count(graphile_worker.add_job('mail',
           json_build_object('kind', 'lesson-prompt', 'proposalId', a.proposal_id, 'personId', ps.person_id, 'reminder', a.reminder),
           job_key => 'lesson-' || CASE WHEN a.reminder THEN 'reminder' ELSE 'prompt' END || ':' || a.proposal_id || ':' || ps.person_id))::int AS n
    FROM asks a JOIN proposal_speaker ps ON ps.proposal_id = a.proposal_id`;

/** Runs ENQUEUE_LESSON_PROMPTS (the scheduled job). */
export const enqueueLessonPrompts = (m: EntityManager) => sql(m, ENQUEUE_LESSON_PROMPTS);
