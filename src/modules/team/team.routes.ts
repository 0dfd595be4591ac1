import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { DateTime, IdParams, NoContent, Nullable, SlugParams, Uuid } from '../../http/types';
import { RoleCreate, RoleHolder, RolePatch } from './team.schemas';
import type { TeamService } from './team.service';
import type { RoleRow } from './team.queries';

const tags = ['team'];
const RoleOut = Type.Object({
  id: Uuid,
  community: Type.String(),
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  holder: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  openTasks: Type.Integer({ description: "open tasks of the role's templates" }),
  createdAt: DateTime,
});
const roleOut = (r: RoleRow) => ({
  id: r.id,
  community: r.community,
  key: r.key,
  name: r.name,
  description: r.description,
  holder: r.holder,
  openTasks: r.open_tasks,
  createdAt: r.created_at.toISOString(),
});

export const teamRoutes: FastifyPluginAsyncTypebox<{ team: TeamService }> = async (app, { team }) => {
  app.post(
    '/communities/:slug/team-roles',
    {
      schema: {
        tags,
        summary: 'Name a role in the organizing team (organizers), e.g. ambassador, and who holds it',
        params: SlugParams,
        body: RoleCreate,
        response: { 201: RoleOut },
      },
    },
    async (req, reply) => reply.code(201).send(roleOut(await team.create(actorOf(req), req.params.slug, req.body))),
  );

  app.get(
    '/communities/:slug/team-roles',
    {
      schema: {
        tags,
        summary: "The community's organizing team (members)",
        params: SlugParams,
        response: { 200: Type.Object({ items: Type.Array(RoleOut) }) },
      },
    },
    async (req) => ({ items: (await team.list(actorOf(req), req.params.slug)).map(roleOut) }),
  );

  app.patch(
    '/team-roles/:id',
    {
      schema: {
        tags,
        summary: 'Rename or describe a role (organizers)',
        params: IdParams,
        body: RolePatch,
        response: { 200: RoleOut },
      },
    },
    async (req) => roleOut(await team.update(actorOf(req), req.params.id, req.body)),
  );

  app.put(
    '/team-roles/:id/holder',
    {
      schema: {
        tags,
        summary: "Hand a role over (organizers): the role's open tasks the old holder had move to the new one",
        params: IdParams,
        body: RoleHolder,
        response: { 200: Type.Object({ role: RoleOut, movedTasks: Type.Integer() }) },
      },
    },
    async (req) => {
      const r = await team.handOver(actorOf(req), req.params.id, req.body.personId);
      return { role: roleOut(r.role), movedTasks: r.moved };
    },
  );

  app.delete(
    '/team-roles/:id',
    {
      schema: {
        tags,
        summary: 'Remove a role; its tasks keep their assignees',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await team.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
