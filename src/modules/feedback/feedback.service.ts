import type { DataSource } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';

export interface FeedbackRow {
  rating: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}
interface TalkFacts {
  community_id: string;
  ends_at: Date | null;
  speaker: boolean;
  attended: boolean;
}

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
    input: { rating: number; comment?: string },
  ): Promise<{ row: FeedbackRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(proposalId, actor.id, m);
      authorize({ actor, own: t.speaker, attended: t.attended }, 'feedback.give');
      if (!t.ends_at || t.ends_at.getTime() > Date.now())
        throw new Conflict('talk-not-over', 'Feedback opens when the talk is over.');
      const [row] = await sql<FeedbackRow & { inserted: boolean }>(
        m,
        `INSERT INTO feedback (proposal_id, person_id, rating, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT (proposal_id, person_id) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, updated_at = now()
         RETURNING rating, comment, created_at, updated_at, (xmax = 0) AS inserted`,
        [proposalId, actor.id, input.rating, input.comment ?? ''],
      );
      const { inserted, ...rest } = row;
      return { row: rest, created: inserted };
    });
  }

  async mine(actor: Actor, proposalId: string): Promise<FeedbackRow> {
    await this.facts(proposalId, actor.id);
    const [row] = await sql<FeedbackRow>(
      this.ds.manager,
      'SELECT rating, comment, created_at, updated_at FROM feedback WHERE proposal_id = $1 AND person_id = $2',
      [proposalId, actor.id],
    );
    if (!row) throw new NotFound('Your feedback on this talk');
    return row;
  }

  async summary(actor: Actor, proposalId: string) {
    const t = await this.facts(proposalId, actor.id);
    const a = await this.communities.accessById(actor, t.community_id);
    authorize({ ...a, own: t.speaker }, 'feedback.read');
    const rows = await sql<FeedbackRow>(
      this.ds.manager,
      'SELECT rating, comment, created_at, updated_at FROM feedback WHERE proposal_id = $1 ORDER BY created_at',
      [proposalId],
    );
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

  private async facts(proposalId: string, personId: string, m = this.ds.manager): Promise<TalkFacts> {
    const [t] = await sql<TalkFacts>(
      m,
      `SELECT p.community_id, s.ends_at,
              EXISTS (SELECT 1 FROM proposal_speaker ps WHERE ps.proposal_id = p.id AND ps.person_id = $2) AS speaker,
              EXISTS (SELECT 1 FROM rsvp r WHERE r.event_id = s.event_id AND r.person_id = $2 AND (r.status = 'going' OR r.checked_in_at IS NOT NULL)) AS attended
         FROM proposal p LEFT JOIN slot s ON s.proposal_id = p.id
        WHERE p.id = $1 AND p.state IN ('accepted', 'confirmed')`,
      [proposalId, personId],
    );
    if (!t) throw new NotFound('The talk');
    return t;
  }
}
