import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import { lessonsMarkdown } from './lessons-markdown';
import * as q from './lessons.queries';
import { announce } from '../announcements/announcements.queries';
import type { LessonView, TalkFacts } from './lessons.queries';
import type { LessonPut } from './lessons.schemas';
import { RuleBroken } from '../../core/errors';
import { decodeCursor, pageOf } from '../../core/cursor';
import { speakersOf } from '../../db/fragments';

export type LessonInput = Static<typeof LessonPut>;

/**
 * "What did you learn?": the speakers' summary of a talk and the organizers' retrospective, one row
 * per talk. Summaries are written once the talk is over, by its speakers; a published summary is
 * for everyone (and the knowledge base), a draft for its speakers and the organizers. The
 * retrospective is the organizers', shown to everyone only when the community says so.
 */
export class LessonsService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async get(actor: Actor, proposalId: string): Promise<LessonView> {
    const view = await this.view(actor, proposalId, this.ds.manager);
    const hasSummary = !!view.row?.status && view.seesSummary;
    const hasRetro = !!view.row?.retrospective && view.seesRetrospective;
    if (!hasSummary && !hasRetro) throw new NotFound('A lesson for this talk');
    return view;
  }

  async write(
    actor: Actor,
    proposalId: string,
    input: LessonInput,
    expected?: number,
  ): Promise<{ view: LessonView; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(m, proposalId, actor.id);
      authorize({ actor, own: t.speaker }, 'lesson.write');
      this.over(t);
      const inserted = await q.upsertSummary(
        m,
        proposalId,
        t.community_id,
        {
          takeaways: input.takeaways,
          wentWell: input.wentWell ?? '',
          toChange: input.toChange ?? '',
          resources: input.resources ?? [],
          notes: input.notes ?? '',
          status: input.status,
        },
        actor.id,
        expected ?? null,
      );
      if (inserted === null) throw new PreconditionFailed();
      if (input.status === 'published')
        await announce(m, t.community_id, 'lesson.published', `lesson.published:${proposalId}`, {
          type: 'lesson.published',
          community: t.slug,
          title: `What we learned: ${t.title}`,
          text: input.takeaways
            .slice(0, 3)
            .map((k) => `• ${k}`)
            .join('\n'),
          path: `/proposals/${proposalId}`,
        });
      return { view: await this.view(actor, proposalId, m), created: inserted };
    });
  }

  /** The organizers' retrospective; an empty text removes it. */
  async retrospective(actor: Actor, proposalId: string, text: string, expected?: number): Promise<LessonView> {
    return this.ds.transaction(async (m) => {
      const t = await this.facts(m, proposalId, actor.id);
      const a = await this.communities.accessById(actor, t.community_id, m);
      authorize(a, 'retrospective.write');
      this.over(t);
      const value = text.trim() ? text : null;
      if (
        !(await q.upsertRetrospective(m, proposalId, t.community_id, value, value ? actor.id : null, expected ?? null))
      )
        throw new PreconditionFailed();
      return this.view(actor, proposalId, m);
    });
  }

  /** A community's published lessons, the most recent talk first (browsing the knowledge base without a query). */
  async list(actor: Actor, slug: string, limit: number, cursor?: string) {
    const a = await this.communities.access(actor, slug);
    const after = decodeCursor(cursor, ['string', 'string']);
    const rows = await q.publishedPage(this.ds.manager, a.community.id, after as [string, string] | null, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => [r.starts_at.toISOString(), r.proposal_id],
      (r) => ({
        proposalId: r.proposal_id,
        title: r.title,
        speakers: r.speakers,
        startsAt: r.starts_at.toISOString(),
        takeaways: r.takeaways,
        resources: r.resources,
        publishedAt: r.published_at.toISOString(),
      }),
    );
  }

  /** Published lessons of talks given in [from, to) (dates in the community's time zone), as Markdown. */
  async markdown(actor: Actor, slug: string, from: string, to: string): Promise<string> {
    if (to <= from) throw new RuleBroken('bad-range', '`to` must be after `from`.');
    const a = await this.communities.access(actor, slug);
    const tz = a.community.timeZone;
    const retro = can(a, 'retrospective.read');
    const rows = await q.publishedBetween(this.ds.manager, a.community.id, from, to, tz, retro);
    return lessonsMarkdown(a.community.name, tz, from, to, rows);
  }

  /** Whether the talk has been given (its slot is over). */
  async given(actor: Actor, proposalId: string): Promise<boolean> {
    const t = await q.talkFacts(this.ds.manager, proposalId, actor.id);
    return !!t?.ends_at && t.ends_at.getTime() <= Date.now();
  }

  /** Whether the talk is over and the person speaks in it: the moment a lesson can be written. */
  async talkOver(actor: Actor, proposalId: string): Promise<boolean> {
    const t = await q.talkFacts(this.ds.manager, proposalId, actor.id);
    return !!t?.speaker && !!t.ends_at && t.ends_at.getTime() <= Date.now();
  }

  private over(t: TalkFacts) {
    if (!t.ends_at || t.ends_at.getTime() > Date.now())
      throw new Conflict('talk-not-over', 'Lessons are written once the talk is over.');
  }

  private async view(actor: Actor, proposalId: string, m: EntityManager): Promise<LessonView> {
    const t = await this.facts(m, proposalId, actor.id);
    const a = await this.communities.accessById(actor, t.community_id, m);
    const subject = { ...a, own: t.speaker };
    const row = await q.lessonRow(m, proposalId);
    const speakers = await speakersOf(m, proposalId);
    return {
      proposalId,
      talk: t,
      speakers,
      row,
      seesSummary: row?.status === 'published' || can(subject, 'lesson.read-draft'),
      seesRetrospective: can(subject, 'retrospective.read'),
    };
  }

  private async facts(m: EntityManager, proposalId: string, personId: string): Promise<TalkFacts> {
    const t = await q.talkFacts(m, proposalId, personId);
    if (!t) throw new NotFound('The talk');
    return t;
  }
}
