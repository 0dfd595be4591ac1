import type { Static } from 'typebox';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';

import * as q from './feedback.queries';
import type { FeedbackRow, TalkFacts } from './feedback.queries';
import type { FeedbackPut } from './feedback.schemas';

/**
 * Attendee feedback on talks. Who may rate: people who were going to (or checked in at) the event
 * the talk was given at, once it is over, never the talk's own speakers. Speakers and organizers
 * see the figures and the comments — without names, so people say what they think.
 */
export class FeedbackService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async give(
    actor: Actor,
    proposalId: string,
    input: Static<typeof FeedbackPut>,
  ): Promise<{ row: FeedbackRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(proposalId, actor.id, m);
      authorize({ actor, own: t.speaker, attended: t.attended }, 'feedback.give');
      if (!t.ends_at || t.ends_at.getTime() > Date.now())
        throw new Conflict('talk-not-over', 'Feedback opens when the talk is over.');
      const row = await q.upsertFeedback(m, proposalId, actor.id, input.rating, input.comment ?? '');
      const { inserted, ...rest } = row;
      return { row: rest, created: inserted };
    });
  }

  async mine(actor: Actor, proposalId: string): Promise<FeedbackRow> {
    await this.facts(proposalId, actor.id);
    const row = await q.feedbackOf(this.ds.manager, proposalId, actor.id);
    if (!row) throw new NotFound('Your feedback on this talk');
    return row;
  }

  async summary(actor: Actor, proposalId: string) {
    const t = await this.facts(proposalId, actor.id);
    const a = await this.communities.accessById(actor, t.community_id);
    authorize({ ...a, own: t.speaker }, 'feedback.read');
    const rows = await q.feedbackOnTalk(this.ds.manager, proposalId);
    const distribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (const r of rows) distribution[r.rating]++;
    return {
      count: rows.length,
      mean: rows.length ? rows.reduce((s, r) => s + r.rating, 0) / rows.length : null,
      distribution,
      comments: rows
        .filter((r) => r.comment.trim())
        .map((r) => ({ rating: r.rating, comment: r.comment, at: r.updated_at.toISOString() })),
    };
  }

  /**
   * What the talk page shows this person: whether the policy lets them rate it (and whether it is
   * over yet), their own rating to change, and the summary when the policy lets them read it.
   * Null when the proposal is not a talk.
   */
  async forPage(actor: Actor, proposalId: string) {
    const t = await q.talkFacts(this.ds.manager, proposalId, actor.id);
    if (!t) return null;
    const a = await this.communities.accessById(actor, t.community_id);
    const mayGive = can({ actor, own: t.speaker, attended: t.attended }, 'feedback.give');
    const mayRead = can({ ...a, own: t.speaker }, 'feedback.read');
    const [mine, summary] = await Promise.all([
      mayGive ? q.feedbackOf(this.ds.manager, proposalId, actor.id) : undefined,
      mayRead ? this.summary(actor, proposalId) : null,
    ]);
    return {
      mayGive,
      over: !!t.ends_at && t.ends_at.getTime() <= Date.now(),
      mine: mine ?? null,
      summary,
    };
  }

  private async facts(proposalId: string, personId: string, m = this.ds.manager): Promise<TalkFacts> {
    const t = await q.talkFacts(m, proposalId, personId);
    if (!t) throw new NotFound('The talk');
    return t;
  }
}
