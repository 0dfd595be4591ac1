/** The organizing team's SQL: roles, their holders, and moving a role's open tasks. */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';

export interface RoleRow {
  id: string;
  community_id: string;
  community: string;
  key: string;
  name: string;
  description: string;
  holder: { id: string; name: string } | null;
  open_tasks: number;
  created_at: Date;
}
const SELECT = `
  SELECT r.id, r.community_id, c.slug AS community, r.key, r.name, r.description, r.created_at,
         CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'name', p.name) END AS holder,
         (SELECT count(*)::int FROM task t WHERE t.role_id = r.id AND t.status = 'open') AS open_tasks
    FROM team_role r JOIN community c ON c.id = r.community_id LEFT JOIN person p ON p.id = r.holder_id`;

export const role = async (m: EntityManager, id: string, lock = false) =>
  (await sql<RoleRow>(m, `${SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]))[0];

export const rolesOf = (m: EntityManager, communityId: string) =>
  sql<RoleRow>(m, `${SELECT} WHERE r.community_id = $1 ORDER BY r.name, r.id`, [communityId]);

/** A new role; null when the community has one with this key. */
export const insertRole = async (
  m: EntityManager,
  r: { communityId: string; key: string; name: string; description: string; holderId: string | null },
) =>
  (
    await sql<{ id: string }>(
      m,
      `INSERT INTO team_role (community_id, key, name, description, holder_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT team_role_key DO NOTHING RETURNING id`,
      [r.communityId, r.key, r.name, r.description, r.holderId],
    )
  )[0]?.id ?? null;

export const updateRole = (m: EntityManager, id: string, name: string, description: string) =>
  sql(m, `UPDATE team_role SET name = $2, description = $3, updated_at = now() WHERE id = $1`, [id, name, description]);

export const deleteRole = (m: EntityManager, id: string) => sql(m, 'DELETE FROM team_role WHERE id = $1', [id]);

/**
 * Hands the role to someone else (or no one): its open tasks that the old holder had move to the
 * new one (a task someone reassigned by hand stays with them). Returns how many moved.
 */
export async function handOver(m: EntityManager, id: string, from: string | null, to: string | null): Promise<number> {
  await sql(m, `UPDATE team_role SET holder_id = $2, updated_at = now() WHERE id = $1`, [id, to]);
  const moved = await sql<{ id: string }>(
    m,
    `UPDATE task SET assignee_id = $3, version = version + 1, updated_at = now()
      WHERE role_id = $1 AND status = 'open' AND assignee_id IS NOT DISTINCT FROM $2::uuid AND assignee_id IS DISTINCT FROM $3::uuid
      RETURNING id`,
    [id, from, to],
  );
  return moved.length;
}

/** Whether the person organizes the community (the team's roles are held by organizers). */
export const isOrganizer = async (m: EntityManager, communityId: string, personId: string) =>
  (
    await sql(m, `SELECT 1 FROM membership WHERE community_id = $1 AND person_id = $2 AND role = 'organizer'`, [
      communityId,
      personId,
    ])
  ).length > 0;
