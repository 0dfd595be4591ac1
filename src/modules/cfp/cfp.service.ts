import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import { type Access } from '../communities/access';
import type { CallFormat, CallTrack } from './call.entity';
import * as q from './cfp.queries';
import type { CallView } from './cfp.queries';
import type { CallCreate, CallPatch as CallPatchSchema } from './cfp.schemas';

export type CallInput = Static<typeof CallCreate>;
export type CallPatch = Static<typeof CallPatchSchema>;
type FormatInput = CallInput['formats'][number];
type TrackInput = NonNullable<CallInput['tracks']>[number];

function checkKeys(kind: string, items: { key: string }[] | undefined) {
  const seen = new Set<string>();
  for (const { key } of items ?? []) {
    if (seen.has(key))
      throw new RuleBroken('duplicate-key', `The ${kind} key "${key}" appears twice.`).saying({ kind, key });
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
      const call = await q.insertCall(m, a.community.id, {
        title: input.title,
        description: input.description ?? '',
        opensAt,
        closesAt,
      });
      await this.replaceOptions(m, call.id, input.formats, input.tracks ?? []);
      return this.view(m, call.id, a);
    });
  }

  /** `community`: its slug, or the access a caller already read. */
  async list(actor: Actor, community: string | Access): Promise<CallView[]> {
    const a = typeof community === 'string' ? await this.communities.access(actor, community) : community;
    const slug = a.community.slug;
    return (await q.callsWithOptions(this.ds.manager, a.community.id)).map((c) => ({ ...c, slug }));
  }

  async get(actor: Actor, id: string, m: EntityManager = this.ds.manager): Promise<CallView & { access: Access }> {
    const call = await q.callById(m, id);
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
      const fields = {
        title: patch.title ?? current.call.title,
        description: patch.description ?? current.call.description,
        opensAt,
        closesAt,
      };
      if (!(await q.updateCall(m, id, fields, expected))) throw new PreconditionFailed();
      if (patch.formats || patch.tracks) await this.replaceOptions(m, id, patch.formats, patch.tracks);
      return this.view(m, id, current.access);
    });
  }

  /**
   * A call with a format and track resolved by key, from the row the submission read (proposals'
   * submissionContexts). Null when there is no such call; an unknown format or track key is a 422
   * naming the ones offered.
   */
  async resolveCall(
    m: EntityManager,
    row: q.ResolvedCallRow | null,
    callId: string,
    formatKey: string,
    trackKey: string | null | undefined,
  ) {
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
    const format = (await q.optionByKey(m, 'format', callId, formatKey)) as CallFormat | null;
    if (!format) {
      const keys = (await q.optionsOfCall(m, 'format', callId)).map((f) => f.key);
      throw new RuleBroken('unknown-format', `This call has no format "${formatKey}"; it offers: ${keys.join(', ')}.`, {
        allowed: keys,
      }).saying({ key: formatKey, offered: keys.join(', ') });
    }
    let track: CallTrack | null = null;
    if (trackKey) {
      track = await q.optionByKey(m, 'track', callId, trackKey);
      if (!track) {
        const keys = (await q.optionsOfCall(m, 'track', callId)).map((t) => t.key);
        throw new RuleBroken(
          'unknown-track',
          `This call has no track "${trackKey}"; it offers: ${keys.join(', ') || 'none'}.`,
          { allowed: keys },
        ).saying({ key: trackKey, offered: keys.join(', ') || '—' });
      }
    }
    return { format, track };
  }

  private async view(m: EntityManager, id: string, a: Access): Promise<CallView> {
    const call = (await q.callById(m, id))!;
    const { formats, tracks } = await q.optionsOf(m, [id]);
    return { call, slug: a.community.slug, formats, tracks };
  }

  /**
   * Formats and tracks are replaced as a whole list, matched by key: kept keys are updated in
   * place (proposals keep pointing at them), new ones added, missing ones removed — unless a
   * proposal uses them, which is a 409.
   */
  private async replaceOptions(m: EntityManager, callId: string, formats?: FormatInput[], tracks?: TrackInput[]) {
    const sets: [q.OptionKind, { key: string }[] | undefined][] = [
      ['format', formats],
      ['track', tracks],
    ];
    for (const [kind, items] of sets) {
      if (!items) continue;
      const existing = await q.optionsOfCall(m, kind, callId);
      const keep = new Set(items.map((i) => i.key));
      const gone = existing.filter((e) => !keep.has(e.key));
      if (gone.length) {
        const used = await q.optionKeysInUse(
          m,
          kind,
          gone.map((g) => g.id),
        );
        if (used.length) {
          throw new Conflict(
            kind === 'format' ? 'format-in-use' : 'track-in-use',
            `Proposals use the ${kind} ${used.map((k) => `"${k}"`).join(', ')}; keep it in the list.`,
          ).saying({ keys: used.map((k) => `“${k}”`).join(', ') });
        }
        await q.deleteOptions(
          m,
          kind,
          gone.map((g) => g.id),
        );
      }
      for (const [position, item] of items.entries()) {
        const row = existing.find((e) => e.key === item.key);
        await q.saveOption(m, kind, { ...(row ?? {}), ...item, callId, position });
      }
    }
  }
}
