import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { sendCachedJson, type RenderCaches } from '../../http/render-cache';
import { IdParams, NoContent, SlugParams } from '../../http/types';
import type { TasksService } from './tasks.service';
import {
  BoardOut,
  BoardQuery,
  TaskIn,
  TaskOut,
  TaskPatch,
  TemplateIn,
  TemplateOut,
  TemplatePatch,
  taskOut,
  templateOut,
} from './tasks.schemas';

const tags = ['speaker support'];

export const tasksRoutes: FastifyPluginAsyncTypebox<{ tasks: TasksService; caches: RenderCaches }> = async (
  app,
  { tasks, caches },
) => {
  /** Rendered board pages; TasksService.boardStamp says what they depend on. */
  const boardPages = caches.cache('task-boards');

  app.get(
    '/communities/:slug/task-templates',
    {
      schema: {
        tags,
        summary: "The community's checklist templates",
        params: SlugParams,
        response: { 200: Type.Object({ items: Type.Array(TemplateOut) }) },
      },
    },
    async (req) => ({ items: (await tasks.templates(actorOf(req), req.params.slug)).map(templateOut) }),
  );

  app.post(
    '/communities/:slug/task-templates',
    {
      schema: {
        tags,
        summary: 'Add a template (organizer); talks accepted from now on get the task',
        params: SlugParams,
        body: TemplateIn,
        response: { 201: TemplateOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(templateOut(await tasks.createTemplate(actorOf(req), req.params.slug, req.body))),
  );

  app.patch(
    '/task-templates/:id',
    {
      schema: {
        tags,
        summary: 'Change a template (organizer); existing tasks stay as they are',
        params: IdParams,
        body: TemplatePatch,
        response: { 200: TemplateOut },
      },
    },
    async (req) => templateOut(await tasks.updateTemplate(actorOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/task-templates/:id',
    {
      schema: {
        tags,
        summary: 'Remove a template (organizer); tasks made from it stay',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await tasks.deleteTemplate(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/communities/:slug/tasks',
    {
      schema: {
        tags,
        summary: 'The board: every task of the community, soonest due first, with counts (organizer)',
        params: SlugParams,
        querystring: BoardQuery,
        response: { 200: BoardOut },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { access, stamp } = await tasks.boardStamp(actor, req.params.slug);
      return sendCachedJson(reply as FastifyReply, boardPages, `${stamp} ${req.url}`, async () => {
        const { limit = 50, ...f } = req.query;
        const page = await tasks.board(actor, req.params.slug, { ...f, limit }, access);
        return {
          ...page,
          items: page.items.map(taskOut),
          emptyOccurrences: page.emptyOccurrences.map((e) => ({
            eventId: e.id,
            title: e.title,
            series: e.series,
            startsAt: e.starts_at.toISOString(),
          })),
        };
      });
    },
  );

  app.get(
    '/proposals/:id/tasks',
    {
      schema: {
        tags,
        summary: "A talk's checklist (its speakers and organizers)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TaskOut) }) },
      },
    },
    async (req) => ({ items: (await tasks.checklist(actorOf(req), req.params.id)).map(taskOut) }),
  );

  app.post(
    '/proposals/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a one-off task to a talk (organizer)',
        params: IdParams,
        body: TaskIn,
        response: { 201: TaskOut },
      },
    },
    async (req, reply) => {
      const t = await tasks.add(actorOf(req), req.params.id, req.body);
      setEtag(reply, t.version);
      return reply.code(201).send(taskOut(t));
    },
  );

  app.get(
    '/tasks/:id',
    { schema: { tags, summary: 'A task', params: IdParams, response: { 200: TaskOut } } },
    async (req, reply) => {
      const t = await tasks.get(actorOf(req), req.params.id);
      setEtag(reply, t.version);
      return taskOut(t);
    },
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Mark done or skipped, reassign, set a due date by hand, add notes; honours If-Match',
        params: IdParams,
        headers: IfMatchHeader,
        body: TaskPatch,
        response: { 200: TaskOut },
      },
    },
    async (req, reply) => {
      const t = await tasks.update(actorOf(req), req.params.id, req.body, expectedVersion(req.headers['if-match']));
      setEtag(reply, t.version);
      return taskOut(t);
    },
  );
};
