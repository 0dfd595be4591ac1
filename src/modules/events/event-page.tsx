/** The event page as a reader sees it, shared by the event pages and the organizers' event pages. */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { can } from '../../core/policy';
import { googleCalendarUrl, outlookUrl } from '../../calendar/add-links';
import { location } from '../../calendar/render';
import { pageCtx } from '../../web/render';
import { localInput } from '../../web/i18n';
import type { AgendaService } from './agenda.service';
import type { EventsService } from './events.service';
import { EventPage } from './events.views';

interface Deps {
  events: EventsService;
  agenda: AgendaService;
  publicUrl: string;
}

/** The event page as `actor` sees it; `extra` re-shows a refused form with the reason and what was typed. */
export async function eventPageOf(
  d: Deps,
  req: FastifyRequest,
  actor: Actor,
  id: string,
  extra: {
    problem?: string;
    startsAt?: string;
    moveValue?: string;
    slotTyped?: { slotId: string; value: string };
  } = {},
) {
  const v = await d.events.get(actor, id);
  const organizer = can(v.access, 'agenda.change');
  const backlog = organizer ? await d.agenda.backlog(actor, v.event.slug) : null;
  const e = v.event;
  const page = `${d.publicUrl}/events/${e.id}`;
  const one = {
    title: e.title,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    location: location({ roomName: e.room_name, roomLocation: e.room_location, onlineUrl: e.online_url }),
    details: [e.description.trim(), page].filter(Boolean).join('\n\n'),
  };
  return (
    <EventPage
      ctx={pageCtx(req)}
      v={v}
      backlog={backlog}
      canRsvp={!!req.actor && e.status === 'published' && e.ends_at.getTime() > Date.now()}
      add={{
        icsUrl: `/v1/events/${e.id}/event.ics`,
        google: googleCalendarUrl(one),
        outlook: outlookUrl(one),
        feedUrl: `/c/${e.slug}#subscribe`,
      }}
      organizer={can(v.access, 'event.update')}
      problem={extra.problem}
      moveValue={extra.moveValue}
      slotTyped={extra.slotTyped}
      startsAtValue={extra.startsAt ?? localInput(e.starts_at, e.time_zone)}
    />
  );
}
