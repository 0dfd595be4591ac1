import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { ProposalsService } from '../proposals/proposals.service';
import { REVIEWABLE_STATES } from '../proposals/state-machine';

import * as q from './reviews.queries';
import type { ReviewRow } from './reviews.queries';

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
        ).saying({ state: v.row.state });
      }
      const inserted = await q.upsertReview(m, proposalId, actor.id, input.score, input.comment ?? '');
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

  private rows(m: EntityManager, proposalId: string, reviewerId?: string): Promise<ReviewRow[]> {
    return q.reviewsOf(m, proposalId, reviewerId ?? null);
  }
}
