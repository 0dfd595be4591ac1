/** The event page: read it (public or signed in, by the community's visibility), RSVP, and place talks on its agenda. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Actor } from '../../core/actor';
import { DomainError, NotFound, RuleBroken } from '../../core/errors';
import { can } from '../../core/policy';
import { Type } from 'typebox';
import { IdParams, Uuid } from '../../http/types';
import { stamp } from '../../core/stamp';
import { FormBody, GUEST, pageCtx, renderPage, sendHtml, sendPage, signedIn } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { AgendaService } from './agenda.service';
import type { EventsService } from './events.service';
import type { RsvpsService } from './rsvps.service';
import { AttendeesPage, EventPage } from './events.views';
import type { RenderCaches } from '../../http/render-cache';

interface Deps {
  renderCaches: RenderCaches;
  events: EventsService;
  agenda: AgendaService;
  rsvps: RsvpsService;
  publicUrl: string;
}

const page = { config: { page: true } } as const;

export const eventsPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  const eventPage = async (
    req: FastifyRequest,
    actor: Actor,
    id: string,
    extra: { problem?: string; startsAt?: string } = {},
  ) => {
    const v = await d.events.get(actor, id);
    const organizer = can(v.access, 'agenda.change');
    const backlog = organizer ? await d.agenda.backlog(actor, v.event.slug) : null;
    const e = v.event;
    return (
      <EventPage
        ctx={pageCtx(req)}
        v={v}
        backlog={backlog}
        canRsvp={!!req.actor && e.status === 'published' && e.ends_at.getTime() > Date.now()}
        calendarUrl={
          v.access.community.eventVisibility === 'public' ? `${d.publicUrl}/v1/events/${e.id}/calendar.ics` : null
        }
        problem={extra.problem}
        startsAtValue={
          extra.startsAt ?? DateTime.fromJSDate(e.starts_at, { zone: e.time_zone }).toFormat("yyyy-MM-dd'T'HH:mm")
        }
      />
    );
  };

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
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ want: 10 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        await d.rsvps.answer(actor, req.params.id, req.body.want === 'declined' ? 'declined' : 'going');
        return reply.redirect(`/events/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return sendPage(reply, await eventPage(req, actor, req.params.id, { problem: e.message }), e.status);
      }
    },
  );

  app.post(
    '/events/:id/slots',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ proposalId: 64, startsAt: 40 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const v = await d.events.get(actor, req.params.id);
        const local = DateTime.fromISO(req.body.startsAt ?? '', { zone: v.event.time_zone });
        if (!local.isValid) throw new RuleBroken('invalid-time', 'Give the start as a date and a time.');
        await d.agenda.place(actor, req.params.id, {
          proposalId: req.body.proposalId ?? '',
          startsAt: local.toUTC().toISO()!,
        });
        return reply.redirect(`/events/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return sendPage(
          reply,
          await eventPage(req, actor, req.params.id, { problem: e.message, startsAt: req.body.startsAt }),
          e.status,
        );
      }
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
      ...page,
      schema: {
        hide: true,
        params: Type.Object({ id: Uuid, personId: Uuid }),
        body: FormBody({ checkedIn: 5 }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        await d.rsvps.checkIn(actor, req.params.id, req.params.personId, req.body.checkedIn !== 'false');
        return reply.redirect(`/events/${req.params.id}/attendees`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return sendPage(reply, await attendees(req, actor, req.params.id, e.message), e.status);
      }
    },
  );

  app.post(
    '/slots/:id/remove',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await d.agenda.remove(actor, req.params.id);
      return reply.redirect(`/events/${v.event.id}`, 303);
    },
  );
};
