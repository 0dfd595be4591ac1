import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IdParams, NoContent, SlugParams } from '../../http/types';
import type { AnnouncementsService } from './announcements.service';
import {
  DeliveryOut,
  DestinationCreate,
  DestinationCreated,
  DestinationOut,
  DestinationPatch,
  deliveryOut,
  destinationOut,
} from './announcements.schemas';

const tags = ['announcements'];

export const announcementsRoutes: FastifyPluginAsyncTypebox<{ announcements: AnnouncementsService }> = async (
  app,
  { announcements },
) => {
  app.post(
    '/communities/:slug/destinations',
    {
      schema: {
        tags,
        summary:
          'Connect a chat (Slack, Teams, Mattermost, Google Chat) or a signed webhook for announcements (organizers)',
        params: SlugParams,
        body: DestinationCreate,
        response: { 201: DestinationCreated },
      },
    },
    async (req, reply) => {
      const r = await announcements.create(actorOf(req), req.params.slug, req.body);
      return reply.code(201).send({ ...destinationOut(r.dest), secret: r.secret });
    },
  );

  app.get(
    '/communities/:slug/destinations',
    {
      schema: {
        tags,
        summary: "The community's announcement destinations (organizers)",
        params: SlugParams,
        response: { 200: Type.Object({ items: Type.Array(DestinationOut) }) },
      },
    },
    async (req) => ({ items: (await announcements.list(actorOf(req), req.params.slug)).map(destinationOut) }),
  );

  app.get(
    '/destinations/:id',
    { schema: { tags, summary: 'One destination', params: IdParams, response: { 200: DestinationOut } } },
    async (req) => destinationOut(await announcements.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/destinations/:id',
    {
      schema: {
        tags,
        summary: 'Rename, choose happenings, pause or resume (resuming clears the failure count)',
        params: IdParams,
        body: DestinationPatch,
        response: { 200: DestinationOut },
      },
    },
    async (req) => destinationOut(await announcements.update(actorOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/destinations/:id',
    {
      schema: {
        tags,
        summary: 'Disconnect (its delivery log goes with it)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await announcements.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/destinations/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first: status, attempts, last answer',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DeliveryOut) }) },
      },
    },
    async (req) => ({ items: (await announcements.deliveries(actorOf(req), req.params.id)).map(deliveryOut) }),
  );

  app.post(
    '/destinations/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now',
        params: IdParams,
        response: { 202: DeliveryOut },
      },
    },
    async (req, reply) => reply.code(202).send(deliveryOut(await announcements.test(actorOf(req), req.params.id))),
  );

  app.post(
    '/deliveries/:id/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a delivery again (after fixing or resuming its destination)',
        params: IdParams,
        response: { 202: DeliveryOut },
      },
    },
    async (req, reply) => reply.code(202).send(deliveryOut(await announcements.redeliver(actorOf(req), req.params.id))),
  );
};
