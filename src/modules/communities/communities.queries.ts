/** The communities module's SQL: communities, memberships and the reader's role. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { Language } from '../../core/i18n/languages';
import type { Role } from '../../core/policy';
import type { Person } from '../people/person.entity';
import type { Community, EventVisibility, RetrospectiveVisibility } from './community.entity';

export interface MemberRow {
  person: Person;
  role: Role;
  joinedAt: Date;
  /** The reader may see the person's e-mail address and department (policy: member.see-contact). */
  contact?: boolean;
}

/** A community's content versions (community_stamp): everything, what every reader sees, its tasks. */
export interface Versions {
  listVersion: string;
  publicVersion: string;
  taskVersion: string;
}

/**
 * A community's columns as the Community entity names them, with its content versions (`c` is the
 * community; the query joins STAMP_SUMS after it).
 */
export const COMMUNITY_COLUMNS = `c.id, c.slug, c.name, c.description, c.blind_review AS "blindReview", c.time_zone AS "timeZone", c.default_language AS "defaultLanguage",
  c.retrospective_visibility AS "retrospectiveVisibility", c.event_visibility AS "eventVisibility", c.version, st.n AS "listVersion",
  st.public_n AS "publicVersion", st.task_n AS "taskVersion",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** The three content versions of `c` in one pass over its stamp stripes (not three: every community read pays it). */
export const STAMP_SUMS = `LEFT JOIN LATERAL (SELECT coalesce(sum(n), 0)::text AS n, coalesce(sum(public_n), 0)::text AS public_n,
         coalesce(sum(task_n), 0)::text AS task_n FROM community_stamp WHERE community_id = c.id) st ON true`;

export type CommunityWithRole = Community & Versions & { role: Role | null };

/** A community by slug or id, with the person's role in it (null: not a member). */
export const communityWithRole = async (m: EntityManager, by: 'slug' | 'id', key: string, personId: string) =>
  (await communitiesWithRole(m, by, [{ key, personId }]))[0];

/**
 * Any number of communities by slug (or id), each with one person's role in it, in one statement:
 * the reads that begin nearly every request, asked for together (db/batch.ts). Undefined where there
 * is no such community.
 */
export async function communitiesWithRole(
  m: EntityManager,
  by: 'slug' | 'id',
  keys: { key: string; personId: string }[],
): Promise<(CommunityWithRole | undefined)[]> {
  const rows = await sql<CommunityWithRole & { n: string }>(
    m,
    `SELECT k.n, ${COMMUNITY_COLUMNS}, mb.role
       FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS k(key, person_id, n)
       JOIN community c ON ${by === 'slug' ? 'c.slug = k.key' : 'c.id = k.key::uuid'}
       LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = k.person_id
       ${STAMP_SUMS}`,
    [keys.map((k) => k.key), keys.map((k) => k.personId)],
  );
  const byN = new Map(rows.map(({ n, ...row }) => [Number(n), row]));
  return keys.map((_, i) => byN.get(i + 1));
}

/** One page of communities by slug, with the person's role in each. */
export const communitiesPage = (m: EntityManager, personId: string, afterSlug: string | null, limit: number) =>
  sql<Community & Versions & { role: Role | null }>(
    m,
    `SELECT ${COMMUNITY_COLUMNS}, mb.role
       FROM community c LEFT JOIN membership mb ON mb.community_id = c.id AND mb.person_id = $1
       ${STAMP_SUMS}
      WHERE ${afterSlug === null ? '$2::text IS NULL' : 'c.slug > $2'} ORDER BY c.slug LIMIT $3`,
    [personId, afterSlug, limit],
  );

export interface CommunityFields {
  slug: string;
  name: string;
  description: string;
  blindReview: boolean;
  timeZone: string;
  defaultLanguage?: Language;
  retrospectiveVisibility: RetrospectiveVisibility;
  eventVisibility: EventVisibility;
}

/** Inserts a community; null when the slug is taken. */
export const insertCommunity = async (m: EntityManager, c: CommunityFields) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO community (slug, name, description, blind_review, time_zone, retrospective_visibility, event_visibility, default_language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [
        c.slug,
        c.name,
        c.description,
        c.blindReview,
        c.timeZone,
        c.retrospectiveVisibility,
        c.eventVisibility,
        c.defaultLanguage ?? 'en',
      ],
    )
  )[0]?.id ?? null;

const COLUMN = {
  name: 'name',
  description: 'description',
  blindReview: 'blind_review',
  timeZone: 'time_zone',
  defaultLanguage: 'default_language',
  retrospectiveVisibility: 'retrospective_visibility',
  eventVisibility: 'event_visibility',
} as const;

/** Sets the given fields, bumping the version; false when (with `expected`) someone changed it first. */
export async function updateCommunity(
  m: EntityManager,
  id: string,
  patch: Partial<Omit<CommunityFields, 'slug'>>,
  expected?: number,
) {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, c] of Object.entries(COLUMN)) {
    const v = patch[k as keyof typeof COLUMN];
    if (v !== undefined) {
      params.push(v);
      sets.push(`${c} = $${params.length}`);
    }
  }
  params.push(expected ?? null);
  const n = params.length;
  const rows = await sql(
    m,
    `UPDATE community SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND ($${n}::int IS NULL OR version = $${n}) RETURNING id`,
    params,
  );
  return rows.length > 0;
}

/** One page of members by e-mail. */
/** A page of members by name (then id): the cursor holds nothing that only organizers may see. */
export const membersPage = async (
  m: EntityManager,
  communityId: string,
  after: { name: string; id: string } | null,
  limit: number,
) =>
  (
    await sql<Person & { role: Role; joinedAt: Date }>(
      m,
      `SELECT p.id, p.email, p.name, p.department, p.title, p.is_admin AS "isAdmin",
              p.accepts_nominations AS "acceptsNominations", p.created_at AS "createdAt", mb.role, mb.created_at AS "joinedAt"
         FROM membership mb JOIN person p ON p.id = mb.person_id
        WHERE mb.community_id = $1 AND ${after ? '(p.name, p.id) > ($2, $3::uuid)' : '$2::text IS NULL AND $3::uuid IS NULL'}
        ORDER BY p.name, p.id LIMIT $4`,
      [communityId, after?.name ?? null, after?.id ?? null, limit],
    )
  ).map((r) => ({ person: r, role: r.role, joinedAt: r.joinedAt }));

/** Adds a membership unless there is one; its creation time, or null when the person was a member already. */
export const insertMembership = async (m: EntityManager, communityId: string, personId: string, role: Role) =>
  (
    await sql<{ created_at: Date }>(
      m,
      `INSERT INTO membership (community_id, person_id, role) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING created_at`,
      [communityId, personId, role],
    )
  )[0]?.created_at ?? null;

export const membershipOf = async (m: EntityManager, communityId: string, personId: string) =>
  (
    await sql<{ role: Role; createdAt: Date }>(
      m,
      'SELECT role, created_at AS "createdAt" FROM membership WHERE community_id = $1 AND person_id = $2',
      [communityId, personId],
    )
  )[0] ?? null;

export const setMembershipRole = (m: EntityManager, communityId: string, personId: string, role: Role) =>
  sql(m, 'UPDATE membership SET role = $3 WHERE community_id = $1 AND person_id = $2', [communityId, personId, role]);

export const deleteMembership = (m: EntityManager, communityId: string, personId: string) =>
  sql(m, 'DELETE FROM membership WHERE community_id = $1 AND person_id = $2', [communityId, personId]);

export const organizerCount = async (m: EntityManager, communityId: string) =>
  (
    await sql<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM membership WHERE community_id = $1 AND role = 'organizer'`,
      [communityId],
    )
  )[0].n;

/** What a page's community is found by: its slug, or the id of something of it. */
export type LanguageWhere = 'slug' | 'event' | 'proposal' | 'series' | 'wish';
const OWNER: Record<Exclude<LanguageWhere, 'slug'>, string> = {
  event: 'event',
  proposal: 'proposal',
  series: 'series',
  wish: 'topic_wish',
};

/** A community's default language, found by its slug or by one of its events, proposals, series or wishes. */
export async function defaultLanguage(m: EntityManager, where: LanguageWhere, key: string): Promise<Language | null> {
  const rows =
    where === 'slug'
      ? await sql<{ lang: Language }>(m, 'SELECT default_language AS lang FROM community WHERE slug = $1', [key])
      : await sql<{ lang: Language }>(
          m,
          `SELECT c.default_language AS lang FROM ${OWNER[where]} x JOIN community c ON c.id = x.community_id WHERE x.id = $1`,
          [key],
        );
  return rows[0]?.lang ?? null;
}
