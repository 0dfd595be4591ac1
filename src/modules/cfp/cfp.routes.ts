import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { IdParams, SlugParams } from '../../http/types';
import type { CfpService } from './cfp.service';
import { CallCreate, CallOut, CallPatch, callOut } from './cfp.schemas';

const tags = ['calls for proposals'];

export const cfpRoutes: FastifyPluginAsyncTypebox<{ cfp: CfpService }> = async (app, { cfp }) => {
  app.post(
    '/communities/:slug/calls',
    {
      schema: {
        tags,
        summary: 'Open a call for proposals (organizer)',
        params: SlugParams,
        body: CallCreate,
        response: { 201: CallOut },
      },
    },
    async (req, reply) => {
      const v = await cfp.create(actorOf(req), req.params.slug, req.body);
      setEtag(reply, v.call.version);
      return reply.code(201).send(callOut(v));
    },
  );

  app.get(
    '/communities/:slug/calls',
    {
      schema: {
        tags,
        summary: "A community's calls for proposals, newest first",
        params: SlugParams,
        response: { 200: Type.Object({ items: Type.Array(CallOut) }) },
      },
    },
    async (req) => ({ items: (await cfp.list(actorOf(req), req.params.slug)).map(callOut) }),
  );

  app.get(
    '/calls/:id',
    { schema: { tags, summary: 'Read a call for proposals', params: IdParams, response: { 200: CallOut } } },
    async (req, reply) => {
      const v = await cfp.get(actorOf(req), req.params.id);
      setEtag(reply, v.call.version);
      return callOut(v);
    },
  );

  app.patch(
    '/calls/:id',
    {
      schema: {
        tags,
        summary: 'Change a call (organizer): window, formats and tracks (replaced by key)',
        params: IdParams,
        headers: IfMatchHeader,
        body: CallPatch,
        response: { 200: CallOut },
      },
    },
    async (req, reply) => {
      const v = await cfp.update(actorOf(req), req.params.id, req.body, expectedVersion(req.headers['if-match']));
      setEtag(reply, v.call.version);
      return callOut(v);
    },
  );
};
