import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IdParams, NoContent } from '../../http/types';
import { SessionOut, sessionOut } from './auth.schemas';
import type { SessionsService } from './sessions.service';

const tags = ['people'];

export const sessionsRoutes: FastifyPluginAsyncTypebox<{ sessions: SessionsService }> = async (app, { sessions }) => {
  app.get(
    '/me/sessions',
    {
      schema: {
        tags,
        summary: 'My signed-in browsers (end one with DELETE /v1/sessions/{id})',
        response: { 200: Type.Object({ items: Type.Array(SessionOut) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { items: (await sessions.list(actor, actor.id)).map((s) => sessionOut(s, actor.sessionId)) };
    },
  );

  app.get(
    '/people/:id/sessions',
    {
      schema: {
        tags,
        summary: "A person's signed-in browsers (themselves or an admin)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(SessionOut) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { items: (await sessions.list(actor, req.params.id)).map((s) => sessionOut(s, actor.sessionId)) };
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End a session: that browser is signed out at once, on every instance (own, or any for admins)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await sessions.end(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
