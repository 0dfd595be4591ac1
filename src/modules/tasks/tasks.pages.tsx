/** The organizers' task board page. Marking a task done is the proposal pages' /tasks/{id}/done. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Slug } from '../../http/types';
import { pageCtx, sendPage, signedIn } from '../../web/render';
import type { TasksService } from './tasks.service';
import { TaskBoard } from './tasks.views';

export const tasksPages: FastifyPluginAsyncTypebox<{ tasks: TasksService }> = async (app, d) => {
  app.get(
    '/c/:slug/tasks',
    {
      config: { page: true },
      schema: {
        hide: true,
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ overdue: Type.Optional(Type.String({ maxLength: 5 })) }),
      },
    },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      const overdue = req.query.overdue === 'true';
      const board = await d.tasks.board(actor, req.params.slug, {
        status: overdue ? ['open'] : undefined,
        overdue: overdue || undefined,
        limit: 200,
      });
      return sendPage(
        reply,
        <TaskBoard ctx={pageCtx(req)} slug={req.params.slug} items={board.items} overdue={overdue} />,
      );
    },
  );
};
