import { DataSource, EntityManager, In } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import { Call, CallFormat, CallTrack } from './call.entity';

export interface FormatInput {
  key: string;
  name: string;
  durationMinutes: number;
}
export interface TrackInput {
  key: string;
  name: string;
}
export interface CallInput {
  title: string;
  description?: string;
  opensAt: string;
  closesAt?: string | null;
  formats: FormatInput[];
  tracks?: TrackInput[];
}
export type CallPatch = Partial<CallInput>;
export interface CallView {
  call: Call;
  slug: string;
  formats: CallFormat[];
  tracks: CallTrack[];
}

export const isOpen = (c: Pick<Call, 'opensAt' | 'closesAt'>, at = new Date()) =>
  c.opensAt.getTime() <= at.getTime() && (c.closesAt === null || at.getTime() < c.closesAt.getTime());

function checkKeys(kind: string, items: { key: string }[] | undefined) {
  const seen = new Set<string>();
  for (const { key } of items ?? []) {
    if (seen.has(key)) throw new RuleBroken('duplicate-key', `The ${kind} key "${key}" appears twice.`);
    seen.add(key);
  }
}

function checkWindow(opensAt: Date, closesAt: Date | null) {
  if (closesAt && closesAt.getTime() <= opensAt.getTime()) {
    throw new RuleBroken('invalid-window', 'closesAt must come after opensAt (leave it out for a rolling call).');
  }
}

export class CfpService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async create(actor: Actor, slug: string, input: CallInput): Promise<CallView> {
    checkKeys('format', input.formats);
    checkKeys('track', input.tracks);
    const opensAt = new Date(input.opensAt);
    const closesAt = input.closesAt ? new Date(input.closesAt) : null;
    checkWindow(opensAt, closesAt);
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'call.open');
      const call = await m.getRepository(Call).save(
        m.getRepository(Call).create({
          communityId: a.community.id,
          title: input.title,
          description: input.description ?? '',
          opensAt,
          closesAt,
        }),
      );
      await this.replaceOptions(m, call.id, input.formats, input.tracks ?? []);
      return this.view(m, call.id, a);
    });
  }

  async list(actor: Actor, slug: string): Promise<CallView[]> {
    const a = await this.communities.access(actor, slug);
    const calls = await this.ds
      .getRepository(Call)
      .find({ where: { communityId: a.community.id }, order: { opensAt: 'DESC', id: 'DESC' } });
    const ids = calls.map((c) => c.id);
    const [formats, tracks] = ids.length
      ? await Promise.all([
          this.ds.getRepository(CallFormat).find({ where: { callId: In(ids) }, order: { position: 'ASC' } }),
          this.ds.getRepository(CallTrack).find({ where: { callId: In(ids) }, order: { position: 'ASC' } }),
        ])
      : [[], []];
    return calls.map((call) => ({
      call,
      slug,
      formats: formats.filter((f) => f.callId === call.id),
      tracks: tracks.filter((t) => t.callId === call.id),
    }));
  }

  async get(actor: Actor, id: string, m: EntityManager = this.ds.manager): Promise<CallView & { access: Access }> {
    const call = await m.getRepository(Call).findOneBy({ id });
    if (!call) throw new NotFound('The call for proposals');
    const access = await this.communities.accessById(actor, call.communityId, m);
    return { ...(await this.view(m, id, access)), access };
  }

  async update(actor: Actor, id: string, patch: CallPatch, expected?: number): Promise<CallView> {
    checkKeys('format', patch.formats);
    checkKeys('track', patch.tracks);
    return this.ds.transaction(async (m) => {
      const current = await this.get(actor, id, m);
      authorize(current.access, 'call.update');
      const opensAt = patch.opensAt ? new Date(patch.opensAt) : current.call.opensAt;
      const closesAt =
        patch.closesAt === undefined ? current.call.closesAt : patch.closesAt ? new Date(patch.closesAt) : null;
      checkWindow(opensAt, closesAt);
      const res = await m
        .createQueryBuilder()
        .update(Call)
        .set({
          title: patch.title ?? current.call.title,
          description: patch.description ?? current.call.description,
          opensAt,
          closesAt,
          version: () => 'version + 1',
        })
        .where('id = :id', { id })
        .andWhere(expected === undefined ? '1=1' : 'version = :expected', { expected })
        .execute();
      if (!res.affected) throw new PreconditionFailed();
      if (patch.formats || patch.tracks) await this.replaceOptions(m, id, patch.formats, patch.tracks);
      return this.view(m, id, current.access);
    });
  }

  /**
   * A call with a format and track resolved by key, in one query (the submission path). Null when
   * there is no such call; an unknown format or track key is a 422 naming the ones offered.
   */
  async resolveCall(m: EntityManager, callId: string, formatKey: string, trackKey: string | null | undefined) {
    const [row] = await sql<{
      id: string;
      community_id: string;
      opens_at: Date;
      closes_at: Date | null;
      format_id: string | null;
      track_id: string | null;
    }>(
      m,
      `SELECT c.id, c.community_id, c.opens_at, c.closes_at, f.id AS format_id, t.id AS track_id
         FROM call_for_proposals c
         LEFT JOIN call_format f ON f.call_id = c.id AND f.key = $2
         LEFT JOIN call_track t ON t.call_id = c.id AND t.key = $3
        WHERE c.id = $1`,
      [callId, formatKey, trackKey ?? null],
    );
    if (!row) return null;
    if (!row.format_id || (trackKey && !row.track_id)) await this.resolveOptions(m, callId, formatKey, trackKey); // throws the 422
    return {
      id: row.id,
      communityId: row.community_id,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      formatId: row.format_id!,
      trackId: row.track_id,
    };
  }

  /** Resolves format and track keys of a call for a proposal; an unknown key is a 422. */
  async resolveOptions(m: EntityManager, callId: string, formatKey: string, trackKey: string | null | undefined) {
    const format = await m.getRepository(CallFormat).findOneBy({ callId, key: formatKey });
    if (!format) {
      const keys = (await m.getRepository(CallFormat).findBy({ callId })).map((f) => f.key);
      throw new RuleBroken('unknown-format', `This call has no format "${formatKey}"; it offers: ${keys.join(', ')}.`, {
        allowed: keys,
      });
    }
    let track: CallTrack | null = null;
    if (trackKey) {
      track = await m.getRepository(CallTrack).findOneBy({ callId, key: trackKey });
      if (!track) {
        const keys = (await m.getRepository(CallTrack).findBy({ callId })).map((t) => t.key);
        throw new RuleBroken(
          'unknown-track',
          `This call has no track "${trackKey}"; it offers: ${keys.join(', ') || 'none'}.`,
          { allowed: keys },
        );
      }
    }
    return { format, track };
  }

  private async view(m: EntityManager, id: string, a: Access): Promise<CallView> {
    // One after another: inside a transaction they share one connection.
    const call = await m.getRepository(Call).findOneByOrFail({ id });
    const formats = await m.getRepository(CallFormat).find({ where: { callId: id }, order: { position: 'ASC' } });
    const tracks = await m.getRepository(CallTrack).find({ where: { callId: id }, order: { position: 'ASC' } });
    return { call, slug: a.community.slug, formats, tracks };
  }

  /**
   * Formats and tracks are replaced as a whole list, matched by key: kept keys are updated in
   * place (proposals keep pointing at them), new ones added, missing ones removed — unless a
   * proposal uses them, which is a 409.
   */
  private async replaceOptions(m: EntityManager, callId: string, formats?: FormatInput[], tracks?: TrackInput[]) {
    const sets: [typeof CallFormat | typeof CallTrack, { key: string }[] | undefined, string][] = [
      [CallFormat, formats, 'format'],
      [CallTrack, tracks, 'track'],
    ];
    for (const [entity, items, kind] of sets) {
      if (!items) continue;
      const repo = m.getRepository<CallFormat | CallTrack>(entity);
      const existing = await repo.findBy({ callId });
      const keep = new Set(items.map((i) => i.key));
      const gone = existing.filter((e) => !keep.has(e.key));
      if (gone.length) {
        const used: { key: string }[] = await m.query(
          `SELECT DISTINCT o.key FROM proposal p JOIN call_${kind} o ON o.id = p.${kind}_id WHERE o.id = ANY($1)`,
          [gone.map((g) => g.id)],
        );
        if (used.length) {
          throw new Conflict(
            `${kind}-in-use`,
            `Proposals use the ${kind} ${used.map((u) => `"${u.key}"`).join(', ')}; keep it in the list.`,
          );
        }
        await repo.delete(gone.map((g) => g.id));
      }
      for (const [position, item] of items.entries()) {
        const row = existing.find((e) => e.key === item.key);
        await repo.save(repo.create({ ...(row ?? {}), ...item, callId, position }));
      }
    }
  }
}
