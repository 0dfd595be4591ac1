import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { Page, PageQuery, pageSize } from '../../http/pagination';
import { IdParams, SlugParams } from '../../http/types';
import type { WishesService } from './wishes.service';
import { OfferCreate, OfferOut, WishCreate, WishOut, WishPatch, WishStatus, wishOut } from './wishes.schemas';

const tags = ['wishes'];

export const wishesRoutes: FastifyPluginAsyncTypebox<{ wishes: WishesService }> = async (app, { wishes }) => {
  app.post(
    '/communities/:slug/wishes',
    {
      schema: {
        tags,
        summary: 'Wish for a topic (members); it starts with your vote. The title of an open wish votes for that one',
        params: SlugParams,
        body: WishCreate,
        response: { 200: WishOut, 201: WishOut },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await wishes.create(actor, req.params.slug, req.body);
      return reply.code(r.created ? 201 : 200).send(wishOut(r.wish, actor.id));
    },
  );

  app.get(
    '/communities/:slug/wishes',
    {
      schema: {
        tags,
        summary: "The community's topic wishes (members): most votes first, then the longest waiting",
        params: SlugParams,
        querystring: Type.Object({ status: Type.Optional(WishStatus), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(WishOut) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = await wishes.list(
        actor,
        req.params.slug,
        req.query.status ?? 'open',
        pageSize(req.query),
        req.query.cursor,
      );
      return { items: p.items.map((w) => wishOut(w, actor.id)), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/wishes/:id',
    { schema: { tags, summary: 'One topic wish (members)', params: IdParams, response: { 200: WishOut } } },
    async (req) => {
      const actor = actorOf(req);
      return wishOut(await wishes.get(actor, req.params.id), actor.id);
    },
  );

  app.patch(
    '/wishes/:id',
    {
      schema: {
        tags,
        summary: 'Close or reopen a wish (its author, organizers); votes and offers stay',
        params: IdParams,
        body: WishPatch,
        response: { 200: WishOut },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return wishOut(await wishes.setStatus(actor, req.params.id, req.body.status), actor.id);
    },
  );

  app.put(
    '/wishes/:id/vote',
    {
      schema: {
        tags,
        summary: 'Vote for a wish (members; once — voting again changes nothing)',
        params: IdParams,
        response: { 200: WishOut },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return wishOut(await wishes.vote(actor, req.params.id, true), actor.id);
    },
  );

  app.delete(
    '/wishes/:id/vote',
    {
      schema: { tags, summary: 'Withdraw your vote', params: IdParams, response: { 200: WishOut } },
    },
    async (req) => {
      const actor = actorOf(req);
      return wishOut(await wishes.vote(actor, req.params.id, false), actor.id);
    },
  );

  app.post(
    '/wishes/:id/offers',
    {
      // the body is optional: every field has a default
      preValidation: async (req: { body: unknown }) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
      schema: {
        tags,
        summary:
          '"I could talk about this" (members): a draft proposal titled with the wish; the wisher is told. Again: the same draft',
        params: IdParams,
        body: OfferCreate,
        response: { 200: OfferOut, 201: OfferOut },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await wishes.offer(actor, req.params.id, req.body ?? {});
      return reply.code(r.created ? 201 : 200).send({ proposalId: r.proposalId, wish: wishOut(r.wish, actor.id) });
    },
  );
};
