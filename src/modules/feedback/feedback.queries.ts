/** Attendee feedback's SQL. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';

export interface FeedbackRow {
  rating: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}
export interface TalkFacts {
  community_id: string;
  ends_at: Date | null;
  speaker: boolean;
  attended: boolean;
}

/** An accepted or confirmed talk's community and end, and whether the person speaks in it or attended. */
export const talkFacts = async (m: EntityManager, proposalId: string, personId: string) =>
  (
    await sql<TalkFacts>(
      m,
      `SELECT p.community_id, s.ends_at,
              EXISTS (SELECT 1 FROM proposal_speaker ps WHERE ps.proposal_id = p.id AND ps.person_id = $2) AS speaker,
              EXISTS (SELECT 1 FROM rsvp r WHERE r.event_id = s.event_id AND r.person_id = $2 AND (r.status = 'going' OR r.checked_in_at IS NOT NULL)) AS attended
         FROM proposal p LEFT JOIN slot s ON s.proposal_id = p.id
        WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [proposalId, personId],
    )
  )[0];

/** Gives or replaces one person's feedback on a talk. */
export const upsertFeedback = async (
  m: EntityManager,
  proposalId: string,
  personId: string,
  rating: number,
  comment: string,
) =>
  (
    await sql<FeedbackRow & { inserted: boolean }>(
      m,
      `INSERT INTO feedback (proposal_id, person_id, rating, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (proposal_id, person_id) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, updated_at = now()
       RETURNING rating, comment, created_at, updated_at, (xmax = 0) AS inserted`,
      [proposalId, personId, rating, comment],
    )
  )[0];

export const feedbackOf = async (m: EntityManager, proposalId: string, personId: string) =>
  (
    await sql<FeedbackRow>(
      m,
      'SELECT rating, comment, created_at, updated_at FROM feedback WHERE proposal_id = $1 AND person_id = $2',
      [proposalId, personId],
    )
  )[0];

/** Every feedback on a talk, without names. */
export const feedbackOnTalk = (m: EntityManager, proposalId: string) =>
  sql<FeedbackRow>(
    m,
    'SELECT rating, comment, created_at, updated_at FROM feedback WHERE proposal_id = $1 ORDER BY created_at',
    [proposalId],
  );
