import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { Page } from '../../http/pagination';
import { IdParams, NoContent, SlugParams } from '../../http/types';
import type { EventsService } from './events.service';
import {
  EventCreate,
  EventListQuery,
  EventOut,
  EventPatch,
  RoomCreate,
  RoomOut,
  RoomPatch,
  eventOut,
  eventViewOut,
  roomOut,
} from './events.schemas';

const tags = ['events'];

export const eventsRoutes: FastifyPluginAsyncTypebox<{ events: EventsService; publicUrl: string }> = async (
  app,
  { events, publicUrl },
) => {
  app.post(
    '/communities/:slug/rooms',
    {
      schema: {
        tags,
        summary: 'Add a room (organizer)',
        params: SlugParams,
        body: RoomCreate,
        response: { 201: RoomOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(roomOut(await events.createRoom(actorOf(req), req.params.slug, req.body))),
  );

  app.get(
    '/communities/:slug/rooms',
    {
      schema: {
        tags,
        summary: "A community's rooms",
        params: SlugParams,
        response: { 200: Type.Object({ items: Type.Array(RoomOut) }) },
      },
    },
    async (req) => ({ items: (await events.listRooms(actorOf(req), req.params.slug)).map(roomOut) }),
  );

  app.patch(
    '/rooms/:id',
    {
      schema: {
        tags,
        summary: 'Change a room (organizer); events in it move on calendars',
        params: IdParams,
        body: RoomPatch,
        response: { 200: RoomOut },
      },
    },
    async (req) => roomOut(await events.updateRoom(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/communities/:slug/events',
    {
      schema: {
        tags,
        summary: 'Create an event as a draft (organizer)',
        params: SlugParams,
        body: EventCreate,
        response: { 201: EventOut },
      },
    },
    async (req, reply) => {
      const v = await events.create(actorOf(req), req.params.slug, req.body);
      setEtag(reply, v.event.version);
      return reply.code(201).header('location', `/v1/events/${v.event.id}`).send(eventViewOut(publicUrl, v));
    },
  );

  app.get(
    '/communities/:slug/events',
    {
      schema: {
        tags,
        summary: "A community's events by start (drafts for organizers only)",
        params: SlugParams,
        querystring: EventListQuery,
        response: { 200: Page(EventOut) },
      },
    },
    async (req) => {
      const { limit = 50, ...f } = req.query;
      const page = await events.list(actorOf(req), req.params.slug, { ...f, limit });
      return { items: page.items.map((v) => eventOut(publicUrl, v.event)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'An event with its agenda, seats taken and your RSVP',
        params: IdParams,
        response: { 200: EventOut },
      },
    },
    async (req, reply) => {
      const v = await events.get(actorOf(req), req.params.id);
      setEtag(reply, v.event.version);
      return eventViewOut(publicUrl, v);
    },
  );

  app.patch(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Change, publish or cancel an event (organizer); honours If-Match',
        params: IdParams,
        headers: IfMatchHeader,
        body: EventPatch,
        response: { 200: EventOut },
      },
    },
    async (req, reply) => {
      const v = await events.update(actorOf(req), req.params.id, req.body, expectedVersion(req.headers['if-match']));
      setEtag(reply, v.event.version);
      return eventViewOut(publicUrl, v);
    },
  );

  app.delete(
    '/events/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft event (published ones are canceled instead)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await events.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
