/**
 * Organizers' event pages: the events list (drafts labelled, Publish), create and edit an event (the
 * edit carries the version it read, as the API's If-Match: a stale edit is refused and what was typed
 * is kept), publish or cancel, move it, and move a talk in place. Every action is the API's service
 * call, every form is read with the API's schema; times are typed in the event's (or community's) zone.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { can } from '../../core/policy';
import { actorOf } from '../../http/auth';
import { localPath } from '../../http/local-path';
import { IdParams, SlugParams } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm, VersionField, type PageRefusal } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import type { CommunitiesService } from '../communities/communities.service';
import type { AgendaService } from './agenda.service';
import { EventCreate, EventPatch, SlotPatch, SlotReorder } from './events.schemas';
import type { EventsService } from './events.service';
import { eventPageOf } from './event-page';
import {
  EVENT_FIELDS,
  EventFormPage,
  EventsListPage,
  formValues,
  utcOf,
  type EventFormValues,
} from './events-admin.views';

interface Deps {
  events: EventsService;
  agenda: AgendaService;
  communities: CommunitiesService;
  publicUrl: string;
}

const page = { config: { page: true } } as const;
const STATUS_FIELDS = ['status', 'cancelReason'] as const;
const MOVE_FIELDS = ['startsAt', 'endsAt'] as const;

/** What the form sent, as text, to show again. */
const typed = (b: FormFields): EventFormValues =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v]));

/** The form's fields in the API's shape: the times typed in `zone` become UTC instants. */
function eventBody(b: FormFields, zone: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of EVENT_FIELDS) if (b[k] !== undefined) out[k] = b[k];
  for (const k of ['startsAt', 'endsAt'] as const) if (k in out) out[k] = utcOf(out[k], zone);
  return out;
}

export const eventsAdminPages: FastifyPluginAsyncTypebox<Deps> = async (app, d) => {
  const list = async (req: FastifyRequest, actor: Actor, slug: string, more: { notice?: string; problem?: string }) => {
    const a = await d.communities.access(actor, slug);
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const page = await d.events.list(actor, slug, { from: since, status: ['draft', 'published'], limit: 100 });
    return (
      <EventsListPage
        ctx={pageCtx(req)}
        slug={a.community.slug}
        events={page.items.map((i) => i.event)}
        organizer={can(a, 'event.create')}
        {...more}
      />
    );
  };

  app.get('/c/:slug/events', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) =>
    sendPage(reply, await list(req, actorOf(req), req.params.slug, {})),
  );

  const form = async (
    req: FastifyRequest,
    actor: Actor,
    slug: string,
    o: { action: string; heading: string; submit: string; zone: string; v: EventFormValues; back: string },
    problem?: string,
  ) => (
    <EventFormPage
      ctx={pageCtx(req)}
      slug={slug}
      rooms={await d.events.listRooms(actor, slug)}
      problem={problem}
      {...o}
    />
  );

  const newForm = async (req: FastifyRequest, actor: Actor, slug: string, v: EventFormValues, problem?: string) => {
    const a = await d.communities.access(actor, slug);
    const m = pageCtx(req).l.m;
    return form(
      req,
      actor,
      a.community.slug,
      {
        action: `/c/${a.community.slug}/events`,
        heading: m.eventAdmin.newEvent,
        submit: m.eventAdmin.create,
        zone: a.community.timeZone,
        v,
        back: `/c/${a.community.slug}/events`,
      },
      problem,
    );
  };

  app.get('/c/:slug/events/new', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) =>
    sendPage(reply, await newForm(req, actorOf(req), req.params.slug, {})),
  );

  app.post(
    '/c/:slug/events',
    {
      config: { page: true, form: EventCreate, formFields: EVENT_FIELDS },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const a = await d.communities.access(actor, req.params.slug);
          const fields = eventBody(req.body, a.community.timeZone);
          if (fields.capacity === '') delete fields.capacity; // empty: the room's seats
          const body = readForm(EventCreate, fields, EVENT_FIELDS);
          const v = await d.events.create(actor, req.params.slug, body);
          return reply.redirect(`/events/${v.event.id}`, 303);
        },
        (r) => newForm(req, actor, req.params.slug, typed(req.body), refusalText(pageCtx(req).l, r)),
      );
    },
  );

  const editForm = async (req: FastifyRequest, actor: Actor, id: string, v?: EventFormValues, problem?: string) => {
    const ev = await d.events.get(actor, id);
    const e = ev.event;
    const m = pageCtx(req).l.m;
    return form(
      req,
      actor,
      e.slug,
      {
        action: `/events/${e.id}/edit`,
        heading: m.eventAdmin.editTitle({ title: e.title }),
        submit: m.eventAdmin.save,
        zone: e.time_zone,
        v: v ?? formValues(e),
        back: `/events/${e.id}`,
      },
      problem,
    );
  };

  app.get('/events/:id/edit', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) =>
    sendPage(reply, await editForm(req, actorOf(req), req.params.id)),
  );

  /**
   * A refusal of an edit: the form again with what was typed. A stale edit (412) says so, and the
   * form then carries the version now stored, so saving again is a deliberate choice to replace it.
   */
  const editRefused = async (req: FastifyRequest, body: FormFields, actor: Actor, id: string, r: PageRefusal) => {
    const l = pageCtx(req).l;
    const v = typed(body);
    if (r.status === 412) {
      const now = await d.events.get(actor, id);
      return editForm(req, actor, id, { ...v, version: String(now.event.version) }, l.m.eventAdmin.stale);
    }
    return editForm(req, actor, id, v, refusalText(l, r));
  };

  app.post(
    '/events/:id/edit',
    {
      config: { page: true, form: EventPatch, formFields: EVENT_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const cur = await d.events.get(actor, req.params.id);
          const patch = readForm(EventPatch, eventBody(req.body, cur.event.time_zone), EVENT_FIELDS);
          await d.events.update(actor, req.params.id, patch, readForm(VersionField, req.body).version);
          return reply.redirect(`/events/${req.params.id}`, 303);
        },
        (r) => editRefused(req, req.body, actor, req.params.id, r),
      );
    },
  );

  const onEvent = (
    req: FastifyRequest,
    actor: Actor,
    id: string,
    r: PageRefusal,
    extra: { moveValue?: string; slotTyped?: { slotId: string; value: string } } = {},
  ) => eventPageOf(d, req, actor, id, { problem: refusalText(pageCtx(req).l, r), ...extra });

  // Publish or cancel (with a reason); back to where the button was (the event, the list, a series).
  app.post(
    '/events/:id/status',
    {
      config: { page: true, form: EventPatch, formFields: STATUS_FIELDS },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const patch = readForm(EventPatch, req.body, STATUS_FIELDS);
          if (patch.cancelReason === '') delete patch.cancelReason;
          await d.events.update(actor, req.params.id, patch, readForm(VersionField, req.body).version);
          return reply.redirect(localPath(req.body.next, `/events/${req.params.id}`), 303);
        },
        (r) => onEvent(req, actor, req.params.id, r),
      );
    },
  );

  // Move: a new start in the event's zone; the event keeps its length (its talks move with it).
  app.post(
    '/events/:id/move',
    {
      config: { page: true, form: EventPatch, formFields: ['startsAt'] },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const typedStart = typeof req.body.startsAt === 'string' ? req.body.startsAt : undefined;
      return formAction(
        reply,
        async () => {
          const e = (await d.events.get(actor, req.params.id)).event;
          const startsAt = utcOf(typedStart, e.time_zone);
          const length = e.ends_at.getTime() - e.starts_at.getTime();
          const start = typeof startsAt === 'string' ? new Date(startsAt) : null;
          const endsAt =
            start && !isNaN(start.getTime()) ? new Date(start.getTime() + length).toISOString() : undefined;
          const patch = readForm(EventPatch, { startsAt, endsAt }, MOVE_FIELDS);
          await d.events.update(actor, req.params.id, patch, readForm(VersionField, req.body).version);
          return reply.redirect(`/events/${req.params.id}`, 303);
        },
        (r) => onEvent(req, actor, req.params.id, r, { moveValue: typedStart }),
      );
    },
  );

  // A talk in place: a new start in the event's zone (the API's SlotPatch), or a swap with a neighbour.
  app.post(
    '/slots/:id/move',
    {
      config: { page: true, form: SlotPatch, formFields: ['startsAt'] },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const eventId = await d.agenda.eventOf(actor, req.params.id);
      return formAction(
        reply,
        async () => {
          const e = (await d.events.get(actor, eventId)).event;
          const patch = readForm(SlotPatch, { startsAt: utcOf(req.body.startsAt, e.time_zone) }, ['startsAt']);
          await d.agenda.move(actor, req.params.id, patch);
          return reply.redirect(`/events/${eventId}#agenda`, 303);
        },
        (r) => {
          const value = typeof req.body.startsAt === 'string' ? req.body.startsAt : '';
          return onEvent(req, actor, eventId, r, { slotTyped: { slotId: req.params.id, value } });
        },
      );
    },
  );

  app.post(
    '/slots/:id/reorder',
    {
      config: { page: true, form: SlotReorder },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const eventId = await d.agenda.eventOf(actor, req.params.id);
      return formAction(
        reply,
        async () => {
          await d.agenda.reorder(actor, req.params.id, readForm(SlotReorder, req.body).direction);
          return reply.redirect(`/events/${eventId}#agenda`, 303);
        },
        (r) => onEvent(req, actor, eventId, r),
      );
    },
  );
};
