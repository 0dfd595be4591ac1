import type { Static } from 'typebox';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { Conflict, NotFound, RuleBroken } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import * as q from './team.queries';
import type { RoleRow } from './team.queries';
import type { RoleCreate, RolePatch } from './team.schemas';

export type RoleInput = Static<typeof RoleCreate>;

/**
 * The organizing team: named roles and who holds them (members see the team; organizers shape it).
 * Handing a role over moves its open tasks, under the role's row lock.
 */
export class TeamService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async create(actor: Actor, slug: string, input: RoleInput): Promise<RoleRow> {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'team.manage');
      if (input.holderId && !(await q.isOrganizer(m, a.community.id, input.holderId)))
        throw new RuleBroken('not-a-member', 'A team role is held by an organizer of the community.');
      const id = await q.insertRole(m, {
        communityId: a.community.id,
        key: input.key,
        name: input.name.trim(),
        description: input.description ?? '',
        holderId: input.holderId ?? null,
      });
      if (!id)
        throw new Conflict('role-exists', `${slug} has a role "${input.key}" already.`).saying({ key: input.key });
      return (await q.role(m, id))!;
    });
  }

  async list(actor: Actor, slug: string): Promise<RoleRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'team.read');
    return q.rolesOf(this.ds.manager, a.community.id);
  }

  async update(actor: Actor, id: string, patch: Static<typeof RolePatch>): Promise<RoleRow> {
    const r = await this.mine(actor, id, 'team.manage');
    await q.updateRole(this.ds.manager, id, patch.name?.trim() ?? r.name, patch.description ?? r.description);
    return (await q.role(this.ds.manager, id))!;
  }

  /** Hands the role over; its open tasks follow. */
  async handOver(actor: Actor, id: string, to: string | null): Promise<{ role: RoleRow; moved: number }> {
    await this.mine(actor, id, 'team.manage');
    return this.ds.transaction(async (m) => {
      const r = (await q.role(m, id, true))!;
      if (to && !(await q.isOrganizer(m, r.community_id, to)))
        throw new RuleBroken('not-a-member', 'A team role is handed to an organizer of the community.');
      const moved = await q.handOver(m, id, r.holder?.id ?? null, to);
      return { role: (await q.role(m, id))!, moved };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.mine(actor, id, 'team.manage');
    await q.deleteRole(this.ds.manager, id);
  }

  private async mine(actor: Actor, id: string, action: 'team.read' | 'team.manage'): Promise<RoleRow> {
    const r = await q.role(this.ds.manager, id);
    if (!r) throw new NotFound('The role');
    const a = await this.communities.access(actor, r.community);
    if (!can(a, 'team.read')) throw new NotFound('The role');
    authorize(a, action);
    return r;
  }
}
