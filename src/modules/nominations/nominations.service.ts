import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, RuleBroken, TooManyRequests } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { enqueueMail } from '../../jobs/queue';
import type { CommunitiesService } from '../communities/communities.service';
import type { PeopleService } from '../people/people.service';
import type { ProposalsService } from '../proposals/proposals.service';
import type { NominationStatus } from './nomination.entity';
import { lockRow } from '../../db/fragments';

/** How many nominations one person may make in 24 hours (across communities). */
export const NOMINATIONS_PER_DAY = 5;

export interface NominationRow {
  id: string;
  community: string;
  topic: string;
  reason: string;
  status: NominationStatus;
  decided_at: Date | null;
  decline_reason: string | null;
  proposal_id: string | null;
  created_at: Date;
  nominator: { id: string; name: string };
  nominee: { id: string; name: string; email: string };
}
export interface NominationInput {
  email: string;
  name?: string;
  topic: string;
  reason?: string;
}
export interface AcceptInput {
  callId?: string;
  format?: string;
  track?: string | null;
}

const SELECT = `
  SELECT n.id, c.slug AS community, n.topic, n.reason, n.status, n.decided_at, n.decline_reason, n.proposal_id, n.created_at,
         json_build_object('id', a.id, 'name', a.name) AS nominator, json_build_object('id', b.id, 'name', b.name, 'email', b.email) AS nominee
    FROM nomination n JOIN community c ON c.id = n.community_id JOIN person a ON a.id = n.nominator_id JOIN person b ON b.id = n.nominee_id`;

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
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [`nominate:${actor.id}`]);
      const [recent] = await sql<{ n: number; oldest: Date | null }>(
        m,
        `SELECT count(*)::int AS n, min(created_at) AS oldest FROM nomination WHERE nominator_id = $1 AND created_at > now() - interval '24 hours'`,
        [actor.id],
      );
      if (recent.n >= NOMINATIONS_PER_DAY) {
        const retry = Math.max(1, Math.ceil((recent.oldest!.getTime() + 86_400_000 - Date.now()) / 1000));
        throw new TooManyRequests(
          'nomination-limit',
          `You can nominate ${NOMINATIONS_PER_DAY} colleagues a day; try again later.`,
          retry,
        );
      }
      const nominee = await this.people.findOrCreate(m, input.email, input.name);
      if (!nominee.acceptsNominations)
        throw new Conflict(
          'nominee-opted-out',
          'This colleague prefers not to be nominated; perhaps mention the topic to them in person.',
        );
      const inserted = await sql<{ id: string }>(
        m,
        `INSERT INTO nomination (community_id, nominator_id, nominee_id, topic, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (community_id, nominee_id, lower(topic)) WHERE status = 'open' DO NOTHING RETURNING id`,
        [a.community.id, actor.id, nominee.id, input.topic.trim(), input.reason ?? ''],
      );
      if (!inserted.length)
        throw new Conflict('already-nominated', 'This colleague already has an open nomination for this topic here.');
      const { id } = inserted[0];
      await enqueueMail(m, { kind: 'nomination', nominationId: id, personId: nominee.id }, { key: `nomination:${id}` });
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
      const [call] = await sql<{ id: string; format: string }>(
        m,
        `SELECT cfp.id, (SELECT f.key FROM call_format f WHERE f.call_id = cfp.id ORDER BY (f.key = $3) DESC, f.position, f.key LIMIT 1) AS format
           FROM call_for_proposals cfp JOIN community c ON c.id = cfp.community_id
          WHERE c.slug = $1 AND ($2::uuid IS NULL OR cfp.id = $2)
          ORDER BY (cfp.opens_at <= now() AND (cfp.closes_at IS NULL OR cfp.closes_at > now())) DESC, cfp.opens_at DESC LIMIT 1`,
        [n.community, input.callId ?? null, input.format ?? 'talk'],
      );
      if (!call?.format)
        throw new Conflict(
          'no-call',
          `${n.community} has no call for proposals to put a draft in yet; the nomination stays open.`,
        );
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
      await m.query(
        `UPDATE nomination SET status = 'accepted', decided_at = now(), proposal_id = $2, updated_at = now() WHERE id = $1`,
        [id, draft.row.id],
      );
      await enqueueMail(
        m,
        { kind: 'nomination-answered', nominationId: id, personId: n.nominator.id },
        { key: `nomination-answered:${id}` },
      );
      return this.row(m, id);
    });
  }

  async decline(actor: Actor, id: string, reason?: string): Promise<NominationRow> {
    return this.ds.transaction(async (m) => {
      const n = await this.open(m, actor, id);
      await m.query(
        `UPDATE nomination SET status = 'declined', decided_at = now(), decline_reason = $2, updated_at = now() WHERE id = $1`,
        [id, reason?.trim() || null],
      );
      await enqueueMail(
        m,
        { kind: 'nomination-answered', nominationId: id, personId: n.nominator.id },
        { key: `nomination-answered:${id}` },
      );
      return this.row(m, id);
    });
  }

  /** The community's nominations (organizers), open ones by default, newest first. */
  async forCommunity(actor: Actor, slug: string, status: NominationStatus | undefined, limit: number, cursor?: string) {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'nomination.list');
    return this.page('n.community_id = $1', a.community.id, status, limit, cursor);
  }

  /** Mine: nominations I received, or (`direction=sent`) made. */
  async mine(
    actor: Actor,
    direction: 'received' | 'sent',
    status: NominationStatus | undefined,
    limit: number,
    cursor?: string,
  ) {
    return this.page(
      direction === 'sent' ? 'n.nominator_id = $1' : 'n.nominee_id = $1',
      actor.id,
      status,
      limit,
      cursor,
    );
  }

  private async page(where: string, key: string, status: NominationStatus | undefined, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, ['string', 'string']);
    const rows = await sql<NominationRow>(
      this.ds.manager,
      `${SELECT} WHERE ${where} AND ($2::nomination_status IS NULL OR n.status = $2)
         AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3::timestamptz, $4::uuid))
       ORDER BY n.created_at DESC, n.id DESC LIMIT $5`,
      [key, status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
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
    if (n.status !== 'open') throw new Conflict('already-answered', `You ${n.status} this nomination already.`);
    return n;
  }

  private async mustSee(actor: Actor, n: NominationRow) {
    const own = n.nominee.id === actor.id || n.nominator.id === actor.id;
    const a = own ? { actor } : await this.communities.access(actor, n.community);
    if (!can({ ...a, own }, 'nomination.read')) throw new NotFound('The nomination');
  }

  private async row(m: EntityManager, id: string): Promise<NominationRow> {
    const [n] = await sql<NominationRow>(m, `${SELECT} WHERE n.id = $1`, [id]);
    if (!n) throw new NotFound('The nomination');
    return n;
  }
}
