/** The organizers' task board page. Marking a task done is the proposal pages' /tasks/{id}/done. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Slug } from '../../http/types';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { TasksService } from './tasks.service';
import type { CommunitiesService } from '../communities/communities.service';
import { FormFields, readForm, VersionField } from '../../web/form';
import { TaskPatch } from './tasks.schemas';
import { IdParams } from '../../http/types';
import { TaskBoard } from './tasks.views';

const ASSIGN_FIELDS = ['assigneeId'] as const;

export const tasksPages: FastifyPluginAsyncTypebox<{ tasks: TasksService; communities: CommunitiesService }> = async (
  app,
  d,
) => {
  app.get(
    '/c/:slug/tasks',
    {
      config: { page: true },
      schema: {
        hide: true,
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({
          overdue: Type.Optional(Type.String({ maxLength: 5 })),
          group: Type.Optional(Type.String({ maxLength: 10 })),
          role: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z0-9-]*$' })),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const overdue = req.query.overdue === 'true';
      const board = await d.tasks.board(actor, req.params.slug, {
        status: overdue ? ['open'] : undefined,
        overdue: overdue || undefined,
        role: req.query.role || undefined,
        limit: 500,
      });
      const members = await d.communities.members(actor, req.params.slug, 200);
      const organizers = members.items
        .filter((r) => r.role === 'organizer')
        .map((r) => ({ id: r.person.id, name: r.person.name }));
      return sendPage(
        reply,
        <TaskBoard
          ctx={pageCtx(req)}
          slug={req.params.slug}
          items={board.items}
          empty={board.emptyOccurrences}
          overdue={overdue}
          by={req.query.group === 'due' ? 'due' : 'talk'}
          organizers={organizers}
        />,
      );
    },
  );

  // Reassign from the board; a refusal is the pages' error page with the API's words.
  app.post(
    '/tasks/:id/assign',
    {
      config: { page: true, form: TaskPatch, formFields: ASSIGN_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const task = await d.tasks.get(actor, req.params.id);
      const slug = (await d.communities.accessById(actor, task.community_id)).community.slug;
      // No one chosen is null: the task is unassigned.
      const patch = readForm(TaskPatch, req.body, ASSIGN_FIELDS);
      await d.tasks.update(actor, req.params.id, patch, readForm(VersionField, req.body).version);
      return reply.redirect(`/c/${slug}/tasks`, 303);
    },
  );
};
