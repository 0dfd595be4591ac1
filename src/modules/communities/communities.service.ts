import { IANAZone } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, PreconditionFailed, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import { decodeCursor, pageOf } from '../../core/cursor';
import { Person } from '../people/person.entity';
import { addDefaultTemplates } from '../tasks/checklist';
import { DEFAULT_TEMPLATES } from '../tasks/default-templates';
import type { PeopleService } from '../people/people.service';
import { Community, type RetrospectiveVisibility } from './community.entity';
import { Membership, type Role } from './membership.entity';
import { type Access } from './access';
import { lockRow } from '../../db/fragments';

export interface CommunityInput {
  slug: string;
  name: string;
  description?: string;
  blindReview?: boolean;
  timeZone?: string;
  retrospectiveVisibility?: RetrospectiveVisibility;
}
export type CommunityPatch = Partial<Omit<CommunityInput, 'slug'>>;
export interface MemberRow {
  person: Person;
  role: Role;
  joinedAt: Date;
}

function checkTimeZone(tz: string | undefined) {
  if (tz !== undefined && !IANAZone.isValidZone(tz)) {
    throw new RuleBroken(
      'invalid-time-zone',
      `${tz} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`,
    );
  }
}

export class CommunitiesService {
  constructor(
    private readonly ds: DataSource,
    private readonly people: PeopleService,
  ) {}

  /** The community and the actor's role in it; 404 when there is no such community. */
  access(actor: Actor, slug: string, m: EntityManager = this.ds.manager): Promise<Access> {
    return this.accessWhere(actor, 'c.slug = $1', slug, m);
  }

  accessById(actor: Actor, communityId: string, m: EntityManager = this.ds.manager): Promise<Access> {
    return this.accessWhere(actor, 'c.id = $1', communityId, m);
  }

  private async accessWhere(actor: Actor, where: string, key: string, m: EntityManager): Promise<Access> {
    const rows = await sql<Community & { role: Role | null }>(
      m,
      `SELECT c.id, c.slug, c.name, c.description, c.blind_review AS "blindReview", c.time_zone AS "timeZone", c.retrospective_visibility AS "retrospectiveVisibility",
              c.version, c.list_version AS "listVersion", c.created_at AS "createdAt", c.updated_at AS "updatedAt", mb.role
         FROM community c LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = $2
        WHERE ${where}`,
      [key, actor.id],
    );
    if (!rows[0]) throw new NotFound(`Community ${key}`);
    const { role, ...community } = rows[0];
    return { actor, community: community as Community, role };
  }

  async create(actor: Actor, input: CommunityInput): Promise<Access> {
    authorize({ actor }, 'community.create');
    checkTimeZone(input.timeZone);
    return this.ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO community (slug, name, description, blind_review, time_zone, retrospective_visibility) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          input.slug,
          input.name,
          input.description ?? '',
          input.blindReview ?? false,
          input.timeZone ?? 'UTC',
          input.retrospectiveVisibility ?? 'organizers',
        ],
      );
      if (!rows.length) throw new Conflict('slug-taken', `The slug ${input.slug} is taken; choose another.`);
      await m.getRepository(Membership).insert({ communityId: rows[0].id, personId: actor.id, role: 'organizer' });
      await addDefaultTemplates(m, rows[0].id, DEFAULT_TEMPLATES);
      return this.access(actor, input.slug, m);
    });
  }

  async list(actor: Actor, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, ['string']);
    const rows: (Community & { role: Role | null })[] = await this.ds.query(
      `SELECT c.id, c.slug, c.name, c.description, c.blind_review AS "blindReview", c.time_zone AS "timeZone", c.retrospective_visibility AS "retrospectiveVisibility",
              c.version, c.created_at AS "createdAt", mb.role
         FROM community c LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = $1
        WHERE ($2::text IS NULL OR c.slug > $2) ORDER BY c.slug LIMIT $3`,
      [actor.id, after?.[0] ?? null, limit + 1],
    );
    return pageOf(
      rows,
      limit,
      (r) => [r.slug],
      ({ role, ...community }) => ({ actor, community: community as Community, role }),
    );
  }

  async update(actor: Actor, slug: string, patch: CommunityPatch, expected?: number): Promise<Access> {
    checkTimeZone(patch.timeZone);
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      authorize(a, 'community.update');
      const sets: string[] = [];
      const params: unknown[] = [a.community.id];
      const col = {
        name: 'name',
        description: 'description',
        blindReview: 'blind_review',
        timeZone: 'time_zone',
        retrospectiveVisibility: 'retrospective_visibility',
      } as const;
      for (const [k, c] of Object.entries(col)) {
        const v = patch[k as keyof CommunityPatch];
        if (v !== undefined) {
          params.push(v);
          sets.push(`${c} = $${params.length}`);
        }
      }
      params.push(expected ?? null);
      const res: unknown[][] = await m.query(
        `UPDATE community SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
          WHERE id = $1 AND ($${params.length}::int IS NULL OR version = $${params.length}) RETURNING id`,
        params,
      );
      if (!res[0]?.length) throw new PreconditionFailed();
      return this.access(actor, slug, m);
    });
  }

  async members(actor: Actor, slug: string, limit: number, cursor?: string) {
    const a = await this.access(actor, slug);
    authorize(a, 'member.list');
    const after = decodeCursor(cursor, ['string']);
    const rows: (MemberRow & { email: string })[] = (
      await this.ds.query(
        `SELECT p.id, p.email, p.name, p.department, p.title, p.is_admin AS "isAdmin", p.accepts_nominations AS "acceptsNominations", p.created_at AS "createdAt",
              mb.role, mb.created_at AS "joinedAt"
         FROM membership mb JOIN person p ON p.id = mb.person_id
        WHERE mb.community_id = $1 AND ($2::text IS NULL OR p.email > $2) ORDER BY p.email LIMIT $3`,
        [a.community.id, after?.[0] ?? null, limit + 1],
      )
    ).map((r: Person & { role: Role; joinedAt: Date }) => ({
      person: r,
      role: r.role,
      joinedAt: r.joinedAt,
      email: r.email,
    }));
    return pageOf(
      rows,
      limit,
      (r) => [r.email],
      (r) => r,
    );
  }

  /** An organizer adds someone by e-mail (the person is created on first use). */
  async addMember(actor: Actor, slug: string, input: { email: string; name?: string; role: Role }): Promise<MemberRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      authorize(a, 'member.add');
      const person = await this.people.findOrCreate(m, input.email, input.name);
      const res = await m
        .createQueryBuilder()
        .insert()
        .into(Membership)
        .values({ communityId: a.community.id, personId: person.id, role: input.role })
        .orIgnore()
        .returning(['createdAt'])
        .execute();
      if (!res.raw.length)
        throw new Conflict('already-member', `${person.email} is a member already; change their role instead.`);
      return { person, role: input.role, joinedAt: res.raw[0].created_at };
    });
  }

  /** Any authenticated person may join as a member. Idempotent: joining twice keeps the first role. */
  async join(actor: Actor, slug: string): Promise<{ row: MemberRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const a = await this.access(actor, slug, m);
      const res = await m
        .createQueryBuilder()
        .insert()
        .into(Membership)
        .values({ communityId: a.community.id, personId: actor.id, role: 'member' })
        .orIgnore()
        .execute();
      const mb = await m.getRepository(Membership).findOneByOrFail({ communityId: a.community.id, personId: actor.id });
      const person = await m.getRepository(Person).findOneByOrFail({ id: actor.id });
      return { row: { person, role: mb.role, joinedAt: mb.createdAt }, created: res.raw.length > 0 };
    });
  }

  async setRole(actor: Actor, slug: string, personId: string, role: Role): Promise<MemberRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.lockForMembershipChange(actor, slug, m);
      authorize(a, 'member.set-role');
      const mb = await m.getRepository(Membership).findOneBy({ communityId: a.community.id, personId });
      if (!mb) throw new NotFound('That member');
      if (mb.role === 'organizer' && role !== 'organizer') await this.keepOneOrganizer(m, a.community.id);
      await m.getRepository(Membership).update({ communityId: a.community.id, personId }, { role });
      const person = await m.getRepository(Person).findOneByOrFail({ id: personId });
      return { person, role, joinedAt: mb.createdAt };
    });
  }

  /** Organizers remove anyone; anyone may leave. The last organizer can do neither. */
  async removeMember(actor: Actor, slug: string, personId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const a = await this.lockForMembershipChange(actor, slug, m);
      authorize({ ...a, own: personId === actor.id }, 'member.remove');
      const mb = await m.getRepository(Membership).findOneBy({ communityId: a.community.id, personId });
      if (!mb) throw new NotFound('That member');
      if (mb.role === 'organizer') await this.keepOneOrganizer(m, a.community.id);
      await m.getRepository(Membership).delete({ communityId: a.community.id, personId });
    });
  }

  /** Role changes serialise on the community row, so two demotions cannot both pass the check. */
  private async lockForMembershipChange(actor: Actor, slug: string, m: EntityManager): Promise<Access> {
    const a = await this.access(actor, slug, m);
    await lockRow(m, 'community', a.community.id);
    return this.access(actor, slug, m);
  }

  private async keepOneOrganizer(m: EntityManager, communityId: string) {
    const n = await m.getRepository(Membership).countBy({ communityId, role: 'organizer' });
    if (n <= 1)
      throw new RuleBroken(
        'last-organizer',
        'A community keeps at least one organizer; make someone else organizer first.',
      );
  }
}
