/** Reviews' SQL. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';

export interface ReviewRow {
  proposal_id: string;
  reviewer_id: string;
  reviewer_name: string;
  score: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * Creates or replaces the reviewer's review and recomputes the proposal's count and mean from what
 * is there (the caller holds the proposal's row lock); true when the review is new.
 */
export const upsertReview = async (
  m: EntityManager,
  proposalId: string,
  reviewerId: string,
  score: number,
  comment: string,
) => {
  const [{ inserted }] = await sql<{ inserted: boolean }>(
    m,
    `INSERT INTO review (proposal_id, reviewer_id, score, comment) VALUES ($1, $2, $3, $4)
     ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [proposalId, reviewerId, score, comment],
  );
  await sql(
    m,
    `UPDATE proposal SET review_count = s.n, review_mean = s.mean
       FROM (SELECT count(*)::int AS n, coalesce(avg(score), 0)::float8 AS mean FROM review WHERE proposal_id = $1) s
      WHERE id = $1`,
    [proposalId],
  );
  return inserted;
};

/** A proposal's reviews (one reviewer's, when given), oldest first. */
export const reviewsOf = (m: EntityManager, proposalId: string, reviewerId: string | null) =>
  sql<ReviewRow>(
    m,
    `SELECT r.proposal_id, r.reviewer_id, p.name AS reviewer_name, r.score, r.comment, r.created_at, r.updated_at
       FROM review r JOIN person p ON p.id = r.reviewer_id
      WHERE r.proposal_id = $1 AND ($2::uuid IS NULL OR r.reviewer_id = $2) ORDER BY r.created_at`,
    [proposalId, reviewerId],
  );
