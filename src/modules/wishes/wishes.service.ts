import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { notify } from '../../mail/notify';
import type { CommunitiesService } from '../communities/communities.service';
import type { ProposalsService } from '../proposals/proposals.service';
import { callForDraft } from '../nominations/nominations.queries';
import type { WishStatus } from './wish.entity';
import * as q from './wishes.queries';
import { announce } from '../announcements/announcements.queries';
import type { WishRow } from './wishes.queries';
import type { OfferCreate, WishCreate } from './wishes.schemas';

export type WishInput = Static<typeof WishCreate>;
export type OfferInput = Static<typeof OfferCreate>;

/**
 * Topic wishes: members post what they would like to hear about and vote (one vote each, by the
 * key of topic_wish_vote, so concurrent clicks count once); the list sorts by votes, then age.
 * Anyone who could talk about a wish offers to, which starts a draft proposal titled with it, and
 * the wisher is told by mail. The author or an organizer closes a wish; it keeps its votes.
 */
export class WishesService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
    private readonly proposals: ProposalsService,
  ) {}

  async create(actor: Actor, slug: string, input: WishInput): Promise<{ wish: WishRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'wish.create');
      // WishCreate checked the input at both doors; spaces are evened out so the same wish is found.
      const title = input.title.trim().replace(/\s+/g, ' ');
      // The same wish twice is a vote for the first: votes stay together.
      const same = await q.sameOpenWish(m, a.community.id, title);
      if (same) {
        await q.vote(m, same, actor.id);
        return { wish: await this.row(m, same, actor), created: false };
      }
      const id = await q.insertWish(m, {
        communityId: a.community.id,
        authorId: actor.id,
        title,
        details: input.details?.trim() ?? '',
      });
      await q.vote(m, id, actor.id);
      await announce(m, a.community.id, 'wish.created', `wish.created:${id}`, {
        type: 'wish.created',
        community: a.community.slug,
        title: `Topic wish: ${title}`,
        text: `${actor.name} would like to hear about it. Vote for it, or offer to talk about it.`,
        path: `/wishes/${id}`,
      });
      return { wish: await this.row(m, id, actor), created: true };
    });
  }

  async list(actor: Actor, slug: string, status: WishStatus, limit: number, cursor?: string) {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'wish.read');
    const after = decodeCursor(cursor, ['number', 'string', 'string']) as [number, string, string] | null;
    const rows = await q.wishesPage(this.ds.manager, a.community.id, actor.id, status, after, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => [r.votes, r.created_key, r.id],
      (r) => r,
    );
  }

  async get(actor: Actor, id: string): Promise<WishRow> {
    const w = await q.wishCommunity(this.ds.manager, id);
    if (!w) throw new NotFound('The topic wish');
    await this.mayRead(actor, w.slug);
    return this.row(this.ds.manager, id, actor);
  }

  /** Votes (idempotent: a second vote changes nothing). Closed wishes take no votes. */
  async vote(actor: Actor, id: string, on: boolean): Promise<WishRow> {
    return this.ds.transaction(async (m) => {
      const w = await q.wishCommunity(m, id);
      if (!w) throw new NotFound('The topic wish');
      const a = await this.mayRead(actor, w.slug, m);
      authorize(a, 'wish.vote');
      if (on) {
        if (w.status !== 'open') throw new Conflict('wish-closed', 'This wish is closed; it takes no more votes.');
        await q.vote(m, id, actor.id);
      } else await q.unvote(m, id, actor.id);
      return this.row(m, id, actor);
    });
  }

  /** Closes (or reopens) a wish: its author or an organizer. */
  async setStatus(actor: Actor, id: string, status: WishStatus): Promise<WishRow> {
    return this.ds.transaction(async (m) => {
      const w = await q.wishCommunity(m, id, true);
      if (!w) throw new NotFound('The topic wish');
      const a = await this.mayRead(actor, w.slug, m);
      authorize({ ...a, own: w.author_id === actor.id }, 'wish.close');
      if (w.status !== status) await (status === 'closed' ? q.close(m, id) : q.reopen(m, id));
      return this.row(m, id, actor);
    });
  }

  /**
   * "I could talk about this": a draft proposal titled with the wish, in the community's open (else
   * latest) call; the wisher hears of it. Offering again returns the same draft.
   */
  async offer(
    actor: Actor,
    id: string,
    input: OfferInput,
  ): Promise<{ wish: WishRow; proposalId: string; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const w = await q.wishCommunity(m, id);
      if (!w) throw new NotFound('The topic wish');
      const a = await this.mayRead(actor, w.slug, m);
      authorize(a, 'wish.offer');
      await q.lockOffer(m, id, actor.id);
      const earlier = await q.offerOf(m, id, actor.id);
      if (earlier) return { wish: await this.row(m, id, actor), proposalId: earlier, created: false };
      if (w.status !== 'open')
        throw new Conflict('wish-closed', 'This wish is closed; propose the talk directly instead.');
      const call = await callForDraft(m, w.slug, input.callId ?? null, input.format ?? 'talk');
      if (!call?.format)
        throw new Conflict(
          'no-call',
          `${w.slug} has no call for proposals to put a draft in yet; try again when one opens.`,
        ).saying({ after: 'wish' });
      const draft = await this.proposals.create(
        actor,
        w.slug,
        {
          callId: call.id,
          format: input.format ?? call.format,
          track: input.track ?? null,
          title: w.title,
          notes: `Offered for the topic wish "${w.title}".`,
        },
        m,
      );
      await q.insertOffer(m, id, actor.id, draft.row.id);
      if (w.author_id !== actor.id) await notify.wishOffered(m, id, w.author_id, actor.id);
      return { wish: await this.row(m, id, actor), proposalId: draft.row.id, created: true };
    });
  }

  private async mayRead(actor: Actor, slug: string, m?: EntityManager) {
    const a = await this.communities.access(actor, slug, m);
    if (!can(a, 'wish.read')) throw new NotFound('The topic wish');
    return a;
  }

  private async row(m: EntityManager, id: string, actor: Actor): Promise<WishRow> {
    const w = await q.wishRow(m, id, actor.id);
    if (!w) throw new NotFound('The topic wish');
    return w;
  }
}
