import { IANAZone } from 'luxon';
import type { Static } from 'typebox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/actor';
import type { Language } from '../../core/i18n/languages';
import { BadRequest, Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { CANONICAL_UUID as UUID } from '../../core/uuid';
import { authorize, can } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { personById } from '../people/people.queries';
import { addDefaultTemplates } from '../tasks/tasks.queries';
import { DEFAULT_TEMPLATES } from '../tasks/default-templates';
import type { PeopleService } from '../people/people.service';
import type { Role } from './membership.entity';
import type { Access } from './access';
import { lockRow } from '../../db/fragments';
import { Batcher } from '../../db/batch';
import * as q from './communities.queries';
import type { MemberRow } from './communities.queries';
import type { CommunityCreate, CommunityPatch as CommunityPatchSchema } from './communities.schemas';

export type CommunityInput = Static<typeof CommunityCreate>;
export type CommunityPatch = Static<typeof CommunityPatchSchema>;

function checkTimeZone(tz: string | undefined) {
  if (tz !== undefined && !IANAZone.isValidZone(tz)) {
    throw new RuleBroken(
      'invalid-time-zone',
      `${tz} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`,
    ).saying({ name: tz });
  }
}

/** How long a community's default language is trusted before it is read again (other instances' changes). */
const LANGUAGE_MS = 10_000;
const SLUG = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

export class CommunitiesService {
  private readonly languages = new Map<string, { lang: Language | null; at: number }>();
  /**
   * Nearly every request begins by reading its community with the reader's role and the content
   * versions its cache keys name; outside a transaction, the reads asked for in one turn of the event
   * loop go out as one statement (a cache hit's only round trip, shared). Each is still sent after
   * its request arrived, so it sees every write committed before.
   */
  readonly batches: Record<'slug' | 'id', Batcher<{ key: string; personId: string }, q.CommunityWithRole | undefined>>;

  constructor(
    private readonly ds: DataSource,
    private readonly people: PeopleService,
  ) {
    this.batches = {
      slug: new Batcher((keys) => q.communitiesWithRole(ds.manager, 'slug', keys)),
      id: new Batcher((keys) => q.communitiesWithRole(ds.manager, 'id', keys)),
    };
  }

  /**
   * The default language of the community a page belongs to (by its slug, or by one of its events,
   * proposals, series or wishes), or null for none: pages ask it only when neither the reader nor
   * their browser settles the language, and it is kept for a few seconds, so it costs no query per page.
   */
  async languageOf(where: q.LanguageWhere, key: string): Promise<Language | null> {
    if (!(where === 'slug' ? SLUG : UUID).test(key)) return null;
    const k = `${where}:${key}`;
    const hit = this.languages.get(k);
    if (hit && Date.now() - hit.at < LANGUAGE_MS) return hit.lang;
    const lang = await q.defaultLanguage(this.ds.manager, where, key);
    if (this.languages.size > 10_000) this.languages.clear();
    this.languages.set(k, { lang, at: Date.now() });
    return lang;
  }

  /** The community and the actor's role in it; 404 when there is no such community. */
  access(actor: Actor, slug: string, m: EntityManager = this.ds.manager): Promise<Access> {
    return this.accessWhere(actor, 'slug', slug, m);
  }

  accessById(actor: Actor, communityId: string, m: EntityManager = this.ds.manager): Promise<Access> {
    return this.accessWhere(actor, 'id', communityId, m);
  }

  private async accessWhere(actor: Actor, by: 'slug' | 'id', key: string, m: EntityManager): Promise<Access> {
    const row =
      m === this.ds.manager
        ? await this.batches[by].one({ key, personId: actor.id })
        : await q.communityWithRole(m, by, key, actor.id);
    if (!row) throw new NotFound(`Community ${key}`);
    const { role, ...community } = row;
    return { actor, community, role };
  }

  async create(actor: Actor, input: CommunityInput): Promise<Access> {
    authorize({ actor }, 'community.create');
    checkTimeZone(input.timeZone);
    return this.ds.transaction(async (m) => {
      const id = await q.insertCommunity(m, {
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        blindReview: input.blindReview ?? false,
        timeZone: input.timeZone ?? 'UTC',
        defaultLanguage: input.defaultLanguage ?? 'en',
        retrospectiveVisibility: input.retrospectiveVisibility ?? 'organizers',
        eventVisibility: input.eventVisibility ?? 'internal',
      });
      if (!id)
        throw new Conflict('slug-taken', `The slug ${input.slug} is taken; choose another.`).saying({
          slug: input.slug,
        });
      await q.insertMembership(m, id, actor.id, 'organizer');
      await addDefaultTemplates(m, id, DEFAULT_TEMPLATES);
      return this.access(actor, input.slug, m);
    });
  }

  async list(actor: Actor, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, ['string']);
    const rows = await q.communitiesPage(this.ds.manager, actor.id, (after?.[0] as string) ?? null, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => [r.slug],
      ({ role, ...community }) => ({ actor, community, role }),
    );
  }

  async update(actor: Actor, slug: string, patch: CommunityPatch, expected?: number): Promise<Access> {
    checkTimeZone(patch.timeZone);
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      authorize(a, 'community.update');
      if (!(await q.updateCommunity(m, a.community.id, patch, expected))) throw new PreconditionFailed();
      if (patch.defaultLanguage !== undefined) this.languages.clear();
      return this.access(actor, slug, m);
    });
  }

  async members(actor: Actor, slug: string, limit: number, cursor?: string) {
    const a = await this.access(actor, slug);
    authorize(a, 'member.list');
    const after = decodeCursor(cursor, ['string', 'string']);
    if (after && !UUID.test(after[1] as string))
      throw new BadRequest('bad-cursor', 'The cursor is not one this list gave out; start again without it.');
    const from = after ? { name: after[0] as string, id: after[1] as string } : null;
    const rows = await q.membersPage(this.ds.manager, a.community.id, from, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => [r.person.name, r.person.id],
      (r): MemberRow => ({ ...r, contact: can({ ...a, own: r.person.id === actor.id }, 'member.see-contact') }),
    );
  }

  /** An organizer adds someone by e-mail (the person is created on first use). */
  async addMember(actor: Actor, slug: string, input: { email: string; name?: string; role: Role }): Promise<MemberRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      authorize(a, 'member.add');
      const person = await this.people.findOrCreate(m, input.email, input.name);
      const joinedAt = await q.insertMembership(m, a.community.id, person.id, input.role);
      if (!joinedAt)
        throw new Conflict('already-member', `${person.email} is a member already; change their role instead.`).saying({
          email: person.email,
        });
      return { person, role: input.role, joinedAt, contact: true };
    });
  }

  /** Any authenticated person may join as a member. Idempotent: joining twice keeps the first role. */
  async join(actor: Actor, slug: string): Promise<{ row: MemberRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      const created = (await q.insertMembership(m, a.community.id, actor.id, 'member')) !== null;
      const mb = (await q.membershipOf(m, a.community.id, actor.id))!;
      const person = (await personById(m, actor.id))!;
      return { row: { person, role: mb.role, joinedAt: mb.createdAt, contact: true }, created };
    });
  }

  async setRole(actor: Actor, slug: string, personId: string, role: Role): Promise<MemberRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.lockForMembershipChange(actor, slug, m);
      authorize(a, 'member.set-role');
      const mb = await q.membershipOf(m, a.community.id, personId);
      if (!mb) throw new NotFound('That member');
      if (mb.role === 'organizer' && role !== 'organizer') await this.keepOneOrganizer(m, a.community.id);
      await q.setMembershipRole(m, a.community.id, personId, role);
      const person = (await personById(m, personId))!;
      return { person, role, joinedAt: mb.createdAt, contact: true };
    });
  }

  /** Organizers remove anyone; anyone may leave. The last organizer can do neither. */
  async removeMember(actor: Actor, slug: string, personId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const a = await this.lockForMembershipChange(actor, slug, m);
      authorize({ ...a, own: personId === actor.id }, 'member.remove');
      const mb = await q.membershipOf(m, a.community.id, personId);
      if (!mb) throw new NotFound('That member');
      if (mb.role === 'organizer') await this.keepOneOrganizer(m, a.community.id);
      await q.deleteMembership(m, a.community.id, personId);
    });
  }

  /** Role changes serialise on the community row, so two demotions cannot both pass the check. */
  private async lockForMembershipChange(actor: Actor, slug: string, m: EntityManager): Promise<Access> {
    const a = await this.access(actor, slug, m);
    await lockRow(m, 'community', a.community.id);
    return this.access(actor, slug, m);
  }

  private async keepOneOrganizer(m: EntityManager, communityId: string) {
    const n = await q.organizerCount(m, communityId);
    if (n <= 1)
      throw new RuleBroken(
        'last-organizer',
        'A community keeps at least one organizer; make someone else organizer first.',
      );
  }
}
