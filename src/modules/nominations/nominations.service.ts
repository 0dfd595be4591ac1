import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, RuleBroken, TooManyRequests } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { notify } from '../../mail/notify';
import type { CommunitiesService } from '../communities/communities.service';
import type { PeopleService } from '../people/people.service';
import type { ProposalsService } from '../proposals/proposals.service';
import type { NominationStatus } from './nomination.entity';
import { lockRow } from '../../db/fragments';
import * as q from './nominations.queries';
import type { NominationRow } from './nominations.queries';
import type { NominationAccept, NominationCreate } from './nominations.schemas';

/** How many nominations one person may make in 24 hours (across communities). */
export const NOMINATIONS_PER_DAY = 5;

export type NominationInput = Static<typeof NominationCreate>;
export type AcceptInput = Static<typeof NominationAccept>;

/**
 * Growing speakers: a member nominates a colleague for a topic; the nominee is encouraged by mail
 * and accepts (a draft proposal, prefilled and crediting the nominator) or declines; either way the
 * nominator hears back. Who sees a nomination: its nominee, its nominator and the organizers.
 */
export class NominationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
    private readonly people: PeopleService,
    private readonly proposals: ProposalsService,
  ) {}

  async create(actor: Actor, slug: string, input: NominationInput): Promise<NominationRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'nomination.create');
      if (input.email.trim().toLowerCase() === actor.email.toLowerCase()) {
        throw new RuleBroken('self-nomination', 'Nominations are for colleagues; to speak yourself, write a proposal.');
      }
      // One nominator at a time (advisory lock on the person), so the limit holds under concurrency.
      const recent = await q.lockAndCountRecent(m, actor.id);
      if (recent.n >= NOMINATIONS_PER_DAY) {
        const retry = Math.max(1, Math.ceil((recent.oldest!.getTime() + 86_400_000 - Date.now()) / 1000));
        throw new TooManyRequests(
          'nomination-limit',
          `You can nominate ${NOMINATIONS_PER_DAY} colleagues a day; try again later.`,
          retry,
        ).saying({ n: NOMINATIONS_PER_DAY });
      }
      const nominee = await this.people.findOrCreate(m, input.email, input.name);
      if (!nominee.acceptsNominations)
        throw new Conflict(
          'nominee-opted-out',
          'This colleague prefers not to be nominated; perhaps mention the topic to them in person.',
        );
      const id = await q.insertNomination(m, {
        communityId: a.community.id,
        nominatorId: actor.id,
        nomineeId: nominee.id,
        topic: input.topic.trim(),
        reason: input.reason ?? '',
      });
      if (!id)
        throw new Conflict('already-nominated', 'This colleague already has an open nomination for this topic here.');
      await notify.nominated(m, id, nominee.id);
      return this.row(m, id);
    });
  }

  async get(actor: Actor, id: string): Promise<NominationRow> {
    const n = await this.row(this.ds.manager, id);
    await this.mustSee(actor, n);
    return n;
  }

  async accept(actor: Actor, id: string, input: AcceptInput): Promise<NominationRow> {
    return this.ds.transaction(async (m) => {
      const n = await this.open(m, actor, id);
      const call = await q.callForDraft(m, n.community, input.callId ?? null, input.format ?? 'talk');
      if (!call?.format)
        throw new Conflict(
          'no-call',
          `${n.community} has no call for proposals to put a draft in yet; the nomination stays open.`,
        ).saying({ after: 'nomination' });
      const draft = await this.proposals.create(
        actor,
        n.community,
        {
          callId: call.id,
          format: input.format ?? call.format,
          track: input.track ?? null,
          title: n.topic,
          notes: `Nominated by ${n.nominator.name}${n.reason.trim() ? `: ${n.reason.trim()}` : '.'}`,
        },
        m,
      );
      await q.markAccepted(m, id, draft.row.id);
      await notify.nominationAnswered(m, id, n.nominator.id);
      return this.row(m, id);
    });
  }

  async decline(actor: Actor, id: string, reason?: string): Promise<NominationRow> {
    return this.ds.transaction(async (m) => {
      const n = await this.open(m, actor, id);
      await q.markDeclined(m, id, reason?.trim() || null);
      await notify.nominationAnswered(m, id, n.nominator.id);
      return this.row(m, id);
    });
  }

  /** The community's nominations (organizers), open ones by default, newest first. */
  async forCommunity(actor: Actor, slug: string, status: NominationStatus | undefined, limit: number, cursor?: string) {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'nomination.list');
    return this.page('community', a.community.id, status, limit, cursor);
  }

  /** Mine: nominations I received, or (`direction=sent`) made. */
  async mine(
    actor: Actor,
    direction: 'received' | 'sent',
    status: NominationStatus | undefined,
    limit: number,
    cursor?: string,
  ) {
    return this.page(direction === 'sent' ? 'nominator' : 'nominee', actor.id, status, limit, cursor);
  }

  private async page(
    of: 'community' | 'nominee' | 'nominator',
    key: string,
    status: NominationStatus | undefined,
    limit: number,
    cursor?: string,
  ) {
    const after = decodeCursor(cursor, ['string', 'string']);
    const rows = await q.nominationsPage(
      this.ds.manager,
      of,
      key,
      status ?? null,
      after as [string, string] | null,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      (r) => [r.created_at.toISOString(), r.id],
      (r) => r,
    );
  }

  private async open(m: EntityManager, actor: Actor, id: string): Promise<NominationRow> {
    await lockRow(m, 'nomination', id);
    const n = await this.row(m, id);
    if (n.nominee.id !== actor.id) await this.mustSee(actor, n);
    authorize({ actor, own: n.nominee.id === actor.id }, 'nomination.answer');
    if (n.status !== 'open')
      throw new Conflict('already-answered', `You ${n.status} this nomination already.`).saying({ answer: n.status });
    return n;
  }

  private async mustSee(actor: Actor, n: NominationRow) {
    const own = n.nominee.id === actor.id || n.nominator.id === actor.id;
    const a = own ? { actor } : await this.communities.access(actor, n.community);
    if (!can({ ...a, own }, 'nomination.read')) throw new NotFound('The nomination');
  }

  private async row(m: EntityManager, id: string): Promise<NominationRow> {
    const n = await q.nominationRow(m, id);
    if (!n) throw new NotFound('The nomination');
    return n;
  }
}
