import { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { ProposalsService } from '../proposals/proposals.service';
import { REVIEWABLE_STATES } from '../proposals/state-machine';

export interface ReviewRow {
  proposal_id: string;
  reviewer_id: string;
  reviewer_name: string;
  score: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}

export class ReviewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly proposals: ProposalsService,
  ) {}

  /**
   * The caller's review of a proposal, created or replaced. The proposal row is locked first, so
   * reviews of one proposal serialise: the primary key keeps one review per reviewer, and the
   * proposal's count and mean are recomputed from what is committed.
   */
  async upsert(
    actor: Actor,
    proposalId: string,
    input: { score: number; comment?: string },
  ): Promise<{ review: ReviewRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const v = await this.proposals.read(m, actor, proposalId, true);
      authorize(v.sight.subject, 'proposal.review');
      if (!REVIEWABLE_STATES.includes(v.row.state)) {
        throw new Conflict(
          'not-reviewable',
          `A ${v.row.state} proposal takes no reviews; reviews are for ${REVIEWABLE_STATES.join(' and ')} proposals.`,
        );
      }
      const [{ inserted }]: { inserted: boolean }[] = await m.query(
        `INSERT INTO review (proposal_id, reviewer_id, score, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [proposalId, actor.id, input.score, input.comment ?? ''],
      );
      await m.query(
        `UPDATE proposal SET review_count = s.n, review_mean = s.mean
           FROM (SELECT count(*)::int AS n, coalesce(avg(score), 0)::float8 AS mean FROM review WHERE proposal_id = $1) s
          WHERE id = $1`,
        [proposalId],
      );
      const [review] = await this.rows(m, proposalId, actor.id);
      return { review, created: inserted };
    });
  }

  async mine(actor: Actor, proposalId: string): Promise<ReviewRow> {
    await this.proposals.read(this.ds.manager, actor, proposalId);
    const [review] = await this.rows(this.ds.manager, proposalId, actor.id);
    if (!review) throw new NotFound('Your review of this proposal');
    return review;
  }

  /** Every review of a proposal, with reviewers' names: organizers only, and never a speaker of it. */
  async list(actor: Actor, proposalId: string): Promise<ReviewRow[]> {
    const v = await this.proposals.read(this.ds.manager, actor, proposalId);
    authorize(v.sight.subject, 'review.list');
    return this.rows(this.ds.manager, proposalId);
  }

  private rows(m: DataSource['manager'], proposalId: string, reviewerId?: string): Promise<ReviewRow[]> {
    return m.query(
      `SELECT r.proposal_id, r.reviewer_id, p.name AS reviewer_name, r.score, r.comment, r.created_at, r.updated_at
         FROM review r JOIN person p ON p.id = r.reviewer_id
        WHERE r.proposal_id = $1 AND ($2::uuid IS NULL OR r.reviewer_id = $2) ORDER BY r.created_at`,
      [proposalId, reviewerId ?? null],
    );
  }
}
