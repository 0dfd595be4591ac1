import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { Page, PageQuery, pageSize } from '../../http/pagination';
import { IdParams, SlugParams } from '../../http/types';
import type { NominationsService } from './nominations.service';
import {
  Decline,
  NominationAccept,
  NominationCreate,
  NominationOut,
  nominationOut,
  Status,
} from './nominations.schemas';

const tags = ['nominations'];

export const nominationsRoutes: FastifyPluginAsyncTypebox<{ nominations: NominationsService }> = async (
  app,
  { nominations },
) => {
  // accept and decline work without a body too (both fields are optional)
  const emptyBody = async (req: { body: unknown }) => {
    if (req.body === undefined || req.body === null) req.body = {};
  };
  app.post(
    '/communities/:slug/nominations',
    {
      schema: {
        tags,
        summary: `Nominate a colleague to speak about a topic (members; a few a day); they get an encouraging mail`,
        params: SlugParams,
        body: NominationCreate,
        response: { 201: NominationOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(nominationOut(await nominations.create(actorOf(req), req.params.slug, req.body))),
  );

  app.get(
    '/communities/:slug/nominations',
    {
      schema: {
        tags,
        summary: "The community's nominations, newest first (organizers); open ones unless status says otherwise",
        params: SlugParams,
        querystring: Type.Object({ status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(NominationOut) },
      },
    },
    async (req) => {
      const p = await nominations.forCommunity(
        actorOf(req),
        req.params.slug,
        req.query.status ?? 'open',
        pageSize(req.query),
        req.query.cursor,
      );
      return { items: p.items.map(nominationOut), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/me/nominations',
    {
      schema: {
        tags,
        summary: 'Nominations I received (or, with direction=sent, made), newest first',
        querystring: Type.Object(
          {
            direction: Type.Optional(Type.Enum(['received', 'sent'] as const)),
            status: Type.Optional(Status),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(NominationOut) },
      },
    },
    async (req) => {
      const p = await nominations.mine(
        actorOf(req),
        req.query.direction ?? 'received',
        req.query.status,
        pageSize(req.query),
        req.query.cursor,
      );
      return { items: p.items.map(nominationOut), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/nominations/:id',
    {
      schema: {
        tags,
        summary: 'One nomination (its nominee, its nominator, organizers)',
        params: IdParams,
        response: { 200: NominationOut },
      },
    },
    async (req) => nominationOut(await nominations.get(actorOf(req), req.params.id)),
  );

  app.post(
    '/nominations/:id/accept',
    {
      preValidation: emptyBody,
      schema: {
        tags,
        summary: 'Accept (the nominee): a draft proposal titled with the topic, crediting the nominator',
        params: IdParams,
        body: NominationAccept,
        response: { 200: NominationOut },
      },
    },
    async (req) => nominationOut(await nominations.accept(actorOf(req), req.params.id, req.body ?? {})),
  );

  app.post(
    '/nominations/:id/decline',
    {
      preValidation: emptyBody,
      schema: {
        tags,
        summary: 'Decline (the nominee); the nominator is told kindly',
        params: IdParams,
        body: Decline,
        response: { 200: NominationOut },
      },
    },
    async (req) => nominationOut(await nominations.decline(actorOf(req), req.params.id, req.body?.reason)),
  );
};
