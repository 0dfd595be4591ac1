import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth';
import { IdParams } from '../../http/types';
import type { RsvpsService } from './rsvps.service';
import { CheckInBody, PersonParams, RsvpListOut, RsvpListQuery, RsvpOut, RsvpPut, rsvpOut } from './events.schemas';

const tags = ['rsvps'];

export const rsvpsRoutes: FastifyPluginAsyncTypebox<{ rsvps: RsvpsService }> = async (app, { rsvps }) => {
  app.put(
    '/events/:id/rsvps/me',
    {
      schema: {
        tags,
        summary: 'Answer going or declined; when the event is full you are waitlisted',
        params: IdParams,
        body: RsvpPut,
        response: { 200: RsvpOut, 201: RsvpOut },
      },
    },
    async (req, reply) => {
      const r = await rsvps.answer(actorOf(req), req.params.id, req.body.status);
      return reply.code(r.created ? 201 : 200).send(rsvpOut(r.rsvp));
    },
  );

  app.get(
    '/events/:id/rsvps/me',
    { schema: { tags, summary: 'Your RSVP', params: IdParams, response: { 200: RsvpOut } } },
    async (req) => rsvpOut(await rsvps.mine(actorOf(req), req.params.id)),
  );

  app.delete(
    '/events/:id/rsvps/me',
    {
      schema: {
        tags,
        summary: 'Leave: frees your seat for the first of the waitlist',
        params: IdParams,
        response: { 200: RsvpOut },
      },
    },
    async (req) => rsvpOut((await rsvps.answer(actorOf(req), req.params.id, 'declined')).rsvp),
  );

  app.get(
    '/events/:id/rsvps',
    {
      schema: {
        tags,
        summary: 'Attendees: going, then the waitlist in order, then declined (organizer)',
        params: IdParams,
        querystring: RsvpListQuery,
        response: { 200: RsvpListOut },
      },
    },
    async (req) => {
      const { items, counts } = await rsvps.list(actorOf(req), req.params.id, req.query.status);
      return {
        items: items.map(rsvpOut),
        going: counts.going,
        waitlisted: counts.waitlisted,
        checkedIn: counts.checked_in,
      };
    },
  );

  app.put(
    '/events/:id/rsvps/:personId/check-in',
    {
      schema: {
        tags,
        summary: 'Check someone in at the door, or undo it (organizer)',
        params: PersonParams,
        body: CheckInBody,
        response: { 200: RsvpOut },
      },
    },
    async (req) => rsvpOut(await rsvps.checkIn(actorOf(req), req.params.id, req.params.personId, req.body.checkedIn)),
  );
};
