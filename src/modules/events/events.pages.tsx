/** The event page: read it (public or signed in, by the community's visibility), RSVP, and place talks on its agenda. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Actor } from '../../core/actor';
import { NotFound } from '../../core/errors';
import { Type } from 'typebox';
import { IdParams, Uuid } from '../../http/types';
import { stamp } from '../../core/stamp';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm } from '../../web/form';
import { GUEST, pageCtx, renderPage, sendHtml, sendPage, signedIn } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { AgendaService } from './agenda.service';
import type { EventsService } from './events.service';
import type { RsvpsService } from './rsvps.service';
import { CheckInBody, RsvpPut, SlotCreate } from './events.schemas';
import { AttendeesPage } from './events.views';
import type { RenderCaches } from '../../http/render-cache';
import { eventPageOf } from './event-page';

interface Deps {
  renderCaches: RenderCaches;
  events: EventsService;
  agenda: AgendaService;
  rsvps: RsvpsService;
  publicUrl: string;
}

const page = { config: { page: true } } as const;

export const eventsPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  const eventPage = (
    req: FastifyRequest,
    actor: Actor,
    id: string,
    extra: { problem?: string; startsAt?: string } = {},
  ) => eventPageOf(d, req, actor, id, extra);

  // Event pages are kept rendered, keyed by everything they show (eventPageStamp) and the minute.
  const pages = d.renderCaches.cache('event-pages');
  app.get(
    '/events/:id',
    { config: { page: true, public: true }, schema: { hide: true, params: IdParams } },
    async (req, reply) => {
      const actor = req.actor ?? GUEST;
      const s = await d.events.pageStamp(actor, req.params.id);
      if (!s) throw new NotFound('The event');
      if (!req.actor && s.visibility !== 'public') return signedIn(req, reply) ?? reply;
      const ctx = pageCtx(req);
      const key = stamp({
        reader: { actor, role: null },
        content: s.key,
        minute: true,
        request: [req.url, ctx.l.lang, ctx.csrf],
      });
      const body = await pages.through(key, async () =>
        Buffer.from(renderPage(await eventPage(req, actor, req.params.id))),
      );
      return sendHtml(reply, body);
    },
  );

  app.post(
    '/events/:id/rsvp',
    { config: { page: true, form: RsvpPut }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          await d.rsvps.answer(actor, req.params.id, readForm(RsvpPut, req.body).status);
          return reply.redirect(`/events/${req.params.id}`, 303);
        },
        async (r) => eventPage(req, actor, req.params.id, { problem: refusalText(pageCtx(req).l, r) }),
      );
    },
  );

  // The form gives the start in the event's time zone (datetime-local); the API's SlotCreate reads it as UTC.
  const SLOT_FIELDS = ['proposalId', 'startsAt'] as const;
  app.post(
    '/events/:id/slots',
    {
      config: { page: true, form: SlotCreate, formFields: SLOT_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const typed = typeof req.body.startsAt === 'string' ? req.body.startsAt : undefined;
      return formAction(
        reply,
        async () => {
          const v = await d.events.get(actor, req.params.id);
          const local = DateTime.fromISO(typed ?? '', { zone: v.event.time_zone });
          const startsAt = local.isValid ? local.toUTC().toISO()! : typed;
          await d.agenda.place(actor, req.params.id, readForm(SlotCreate, { ...req.body, startsAt }, SLOT_FIELDS));
          return reply.redirect(`/events/${req.params.id}`, 303);
        },
        async (r) => eventPage(req, actor, req.params.id, { problem: refusalText(pageCtx(req).l, r), startsAt: typed }),
      );
    },
  );

  const attendees = async (req: FastifyRequest, actor: Actor, id: string, problem?: string) => {
    const v = await d.events.get(actor, id);
    const { items } = await d.rsvps.list(actor, id);
    return <AttendeesPage ctx={pageCtx(req)} v={v} items={items} problem={problem} />;
  };

  // At the door, on a phone: one tap checks a person in (or undoes it).
  app.get('/events/:id/attendees', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, await attendees(req, actor, req.params.id));
  });

  app.post(
    '/events/:id/attendees/:personId',
    {
      config: { page: true, form: CheckInBody },
      schema: { hide: true, params: Type.Object({ id: Uuid, personId: Uuid }), body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const { checkedIn } = readForm(CheckInBody, req.body);
          await d.rsvps.checkIn(actor, req.params.id, req.params.personId, checkedIn);
          return reply.redirect(`/events/${req.params.id}/attendees`, 303);
        },
        async (r) => attendees(req, actor, req.params.id, refusalText(pageCtx(req).l, r)),
      );
    },
  );

  app.post(
    '/slots/:id/remove',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await d.agenda.remove(actor, req.params.id);
      return reply.redirect(`/events/${v.event.id}`, 303);
    },
  );
};
