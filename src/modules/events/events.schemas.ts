import { Type } from 'typebox';
import { PageQuery } from '../../http/pagination';
import { DateTime, Line, Nullable, Slug, Text, Uuid } from '../../http/types';
import { EVENT_STATUSES } from './event.entity';
import type { AgendaItem, EventRow, EventView, RoomRow } from './events.queries';
import type { BacklogRow } from './agenda.queries';
import { RSVP_STATUSES } from './rsvp.entity';
import type { RsvpRow } from './rsvps.queries';
import { calendarLinks } from '../../core/calendar-links';

const Url = Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' });
const Capacity = Type.Integer({ minimum: 1, maximum: 100000 });
const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "IANA time zone; defaults to the community's",
});
export const EventStatusSchema = Type.Enum(EVENT_STATUSES);
export const RsvpStatusSchema = Type.Enum(RSVP_STATUSES);

export const RoomCreate = Type.Object(
  { name: Line(200), capacity: Type.Optional(Nullable(Capacity)), location: Type.Optional(Text(500)) },
  { additionalProperties: false },
);
export const RoomPatch = Type.Object(
  { name: Type.Optional(Line(200)), capacity: Type.Optional(Nullable(Capacity)), location: Type.Optional(Text(500)) },
  { additionalProperties: false, minProperties: 1 },
);
export const RoomOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  capacity: Nullable(Type.Integer()),
  location: Type.String(),
  createdAt: DateTime,
});

export const EventCreate = Type.Object(
  {
    title: Line(200),
    description: Type.Optional(Text(20000)),
    startsAt: DateTime,
    endsAt: DateTime,
    timeZone: Type.Optional(TimeZone),
    roomId: Type.Optional(Nullable(Uuid)),
    onlineUrl: Type.Optional(Nullable(Url)),
    capacity: Type.Optional(Nullable(Capacity)),
  },
  { additionalProperties: false },
);
export const EventPatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    description: Type.Optional(Text(20000)),
    startsAt: Type.Optional(DateTime),
    endsAt: Type.Optional(DateTime),
    timeZone: Type.Optional(TimeZone),
    roomId: Type.Optional(Nullable(Uuid)),
    onlineUrl: Type.Optional(Nullable(Url)),
    capacity: Type.Optional(Nullable(Capacity)),
    status: Type.Optional(EventStatusSchema),
    cancelReason: Type.Optional(
      Text(2000, { description: 'with status canceled: why, told to everyone in the cancellation' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

const SlotOut = Type.Object({
  id: Uuid,
  proposalId: Uuid,
  title: Type.String(),
  format: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  sequence: Type.Integer(),
  speakers: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});
export const EventOut = Type.Object({
  id: Uuid,
  community: Slug,
  title: Type.String(),
  description: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  timeZone: Type.String(),
  room: Nullable(Type.Object({ id: Uuid, name: Type.String(), location: Type.String() })),
  onlineUrl: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  status: EventStatusSchema,
  sequence: Type.Integer({ description: 'grows on every change a calendar must see' }),
  going: Type.Integer(),
  waitlisted: Type.Integer(),
  myRsvp: Nullable(RsvpStatusSchema),
  agenda: Type.Optional(Type.Array(SlotOut)),
  calendarUrl: Type.String(),
  webcalUrl: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export const EventListQuery = Type.Object(
  {
    ...PageQuery,
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    status: Type.Optional(Type.Array(EventStatusSchema)),
  },
  { additionalProperties: false },
);

export const SlotCreate = Type.Object(
  {
    proposalId: Uuid,
    startsAt: DateTime,
    endsAt: Type.Optional(DateTime),
  },
  { additionalProperties: false, description: "endsAt defaults to startsAt + the format's duration" },
);
export const SlotPatch = Type.Object(
  { eventId: Type.Optional(Uuid), startsAt: Type.Optional(DateTime), endsAt: Type.Optional(DateTime) },
  { additionalProperties: false, minProperties: 1 },
);
export const SlotReorder = Type.Object(
  { direction: Type.Enum(['earlier', 'later'] as const) },
  { additionalProperties: false, description: 'swap the talk with the one before or after it on the agenda' },
);
export const BacklogOut = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      state: Type.String(),
      format: Type.String(),
      durationMinutes: Type.Integer(),
      speakers: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
    }),
  ),
});

export const RsvpPut = Type.Object(
  { status: Type.Enum(['going', 'declined'] as const) },
  { additionalProperties: false },
);
export const RsvpOut = Type.Object({
  eventId: Uuid,
  person: Type.Object({ id: Uuid, name: Type.String(), email: Type.String(), department: Nullable(Type.String()) }),
  status: RsvpStatusSchema,
  waitlistPosition: Nullable(Type.Integer()),
  checkedInAt: Nullable(DateTime),
  answeredAt: DateTime,
  updatedAt: DateTime,
});
export const RsvpListOut = Type.Object({
  items: Type.Array(RsvpOut),
  going: Type.Integer(),
  waitlisted: Type.Integer(),
  checkedIn: Type.Integer(),
});
export const RsvpListQuery = Type.Object(
  { status: Type.Optional(Type.Array(RsvpStatusSchema)) },
  { additionalProperties: false },
);
export const CheckInBody = Type.Object({ checkedIn: Type.Boolean() }, { additionalProperties: false });
export const PersonParams = Type.Object({ id: Uuid, personId: Uuid });

export const roomOut = (r: RoomRow) => ({
  id: r.id,
  name: r.name,
  capacity: r.capacity,
  location: r.location,
  createdAt: r.created_at.toISOString(),
});

const slotOut = (s: AgendaItem) => ({
  id: s.slot_id,
  proposalId: s.proposal_id,
  title: s.title,
  format: s.format_key,
  startsAt: s.starts_at.toISOString(),
  endsAt: s.ends_at.toISOString(),
  sequence: s.sequence,
  speakers: s.speakers,
});

export function eventOut(
  publicUrl: string,
  e: EventRow,
  extra: Partial<Pick<EventView, 'agenda' | 'counts' | 'myRsvp'>> = {},
) {
  return {
    id: e.id,
    community: e.slug,
    title: e.title,
    description: e.description,
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    timeZone: e.time_zone,
    room: e.room_id ? { id: e.room_id, name: e.room_name ?? '', location: e.room_location ?? '' } : null,
    onlineUrl: e.online_url,
    capacity: e.capacity,
    status: e.status,
    sequence: e.sequence,
    going: extra.counts?.going ?? 0,
    waitlisted: extra.counts?.waitlisted ?? 0,
    myRsvp: (extra.myRsvp ?? null) as 'going' | 'waitlisted' | 'declined' | null,
    ...(extra.agenda ? { agenda: extra.agenda.map(slotOut) } : {}),
    ...calendarLinks(publicUrl, `/v1/events/${e.id}/calendar.ics`),
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
  };
}

export const eventViewOut = (publicUrl: string, v: EventView) => eventOut(publicUrl, v.event, v);

export const backlogOut = (r: BacklogRow) => ({
  id: r.id,
  title: r.title,
  state: r.state,
  format: r.format_key,
  durationMinutes: r.duration_minutes,
  speakers: r.speakers,
});

export const rsvpOut = (r: RsvpRow) => ({
  eventId: r.event_id,
  person: { id: r.person_id, name: r.name, email: r.email, department: r.department },
  status: r.status,
  waitlistPosition: r.position,
  checkedInAt: r.checked_in_at?.toISOString() ?? null,
  answeredAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
