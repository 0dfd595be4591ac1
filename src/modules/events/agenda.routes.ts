import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth';
import { IdParams, SlugParams } from '../../http/types';
import type { AgendaService } from './agenda.service';
import { BacklogOut, EventOut, SlotCreate, SlotPatch, SlotReorder, backlogOut, eventViewOut } from './events.schemas';

const tags = ['agenda'];

export const agendaRoutes: FastifyPluginAsyncTypebox<{ agenda: AgendaService; publicUrl: string }> = async (
  app,
  { agenda, publicUrl },
) => {
  app.get(
    '/communities/:slug/backlog',
    {
      schema: {
        tags,
        summary: 'Accepted and confirmed talks without a slot (organizer)',
        params: SlugParams,
        response: { 200: BacklogOut },
      },
    },
    async (req) => ({ items: (await agenda.backlog(actorOf(req), req.params.slug)).map(backlogOut) }),
  );

  app.post(
    '/events/:id/slots',
    {
      schema: {
        tags,
        summary: 'Place a talk from the backlog in the event (organizer)',
        params: IdParams,
        body: SlotCreate,
        response: { 201: EventOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(eventViewOut(publicUrl, await agenda.place(actorOf(req), req.params.id, req.body))),
  );

  app.patch(
    '/slots/:id',
    {
      schema: {
        tags,
        summary: 'Move a talk within its event or to another one (organizer)',
        params: IdParams,
        body: SlotPatch,
        response: { 200: EventOut },
      },
    },
    async (req) => eventViewOut(publicUrl, await agenda.move(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/slots/:id/reorder',
    {
      schema: {
        tags,
        summary: 'Swap a talk with the one before or after it on the agenda (organizer)',
        params: IdParams,
        body: SlotReorder,
        response: { 200: EventOut },
      },
    },
    async (req) => eventViewOut(publicUrl, await agenda.reorder(actorOf(req), req.params.id, req.body.direction)),
  );

  app.delete(
    '/slots/:id',
    {
      schema: {
        tags,
        summary: 'Take a talk off the agenda, back to the backlog (organizer)',
        params: IdParams,
        response: { 200: EventOut },
      },
    },
    async (req) => eventViewOut(publicUrl, await agenda.remove(actorOf(req), req.params.id)),
  );
};
