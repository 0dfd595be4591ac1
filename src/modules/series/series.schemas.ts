import { Type } from 'typebox';
import { DateTime, Line, Nullable, Text, Uuid } from '../../http/types';
import { hhmm } from './cadence';
import type { Occurrence } from './cadence';
import type { OccurrenceRow, SeriesRow } from './series.queries';

/** What a change did to the occurrences that already existed. */
export interface Changes {
  moved: string[];
  canceled: string[];
  removed: string[];
  /** occurrences left as they were: moved by hand, or the change was refused for them (why) */
  kept: { eventId: string; reason: string }[];
}
export interface SeriesView {
  series: SeriesRow;
  occurrences: OccurrenceRow[];
  /** the next dates by the rules (skips left out), made or not yet */
  next: Occurrence[];
  changes?: Changes;
}

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Cadence = Type.String({
  minLength: 6,
  maxLength: 500,
  pattern: '^[A-Za-z0-9=;:,+-]+$',
  description:
    'an RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TH (every second Thursday) or FREQ=MONTHLY;BYDAY=1TU',
});
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'local start time, HH:MM' });
const Minutes = Type.Integer({ minimum: 5, maximum: 1440 });
const Url = Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' });
const Capacity = Type.Integer({ minimum: 1, maximum: 100000 });
const Upcoming = Type.Integer({
  minimum: 1,
  maximum: 52,
  description: 'how many upcoming occurrences exist as events (default 6)',
});

const FormatMix = Type.Record(
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
  Type.Integer({ minimum: 0, maximum: 20 }),
  {
    maxProperties: 20,
    description:
      'per occurrence, at most this many talks of each format key, e.g. {"talk": 2, "lightning": 3}; the backlog plan keeps to it ({}: any)',
  },
);

export const SeriesCreate = Type.Object(
  {
    title: Line(200),
    description: Type.Optional(Text(20000)),
    cadence: Cadence,
    startsOn: Day('the first local date the cadence counts from'),
    startTime: Time,
    durationMinutes: Minutes,
    timeZone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "IANA; default: the community's" }),
    ),
    roomId: Type.Optional(Nullable(Uuid)),
    onlineUrl: Type.Optional(Nullable(Url)),
    capacity: Type.Optional(Nullable(Capacity)),
    publish: Type.Optional(Type.Boolean({ description: 'make occurrences published (default: drafts to publish)' })),
    upcoming: Type.Optional(Upcoming),
    formatMix: Type.Optional(FormatMix),
  },
  { additionalProperties: false },
);
export const SeriesPatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    description: Type.Optional(Text(20000)),
    roomId: Type.Optional(Nullable(Uuid)),
    onlineUrl: Type.Optional(Nullable(Url)),
    capacity: Type.Optional(Nullable(Capacity)),
    publish: Type.Optional(Type.Boolean()),
    upcoming: Type.Optional(Upcoming),
    formatMix: Type.Optional(FormatMix),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'applies to occurrences made from now on; existing ones are edited as events',
  },
);
export const CadenceChange = Type.Object(
  {
    from: Day('the first local date the new cadence applies to (today or later)'),
    cadence: Cadence,
    startTime: Time,
    durationMinutes: Minutes,
  },
  { additionalProperties: false },
);
export const SkipBody = Type.Object(
  { on: Day('the occurrence to skip, by its date') },
  { additionalProperties: false },
);
export const EndBody = Type.Object(
  { after: Day('the last local date the series meets on; later occurrences go') },
  { additionalProperties: false },
);
export const PlanConfirm = Type.Object({ eventId: Uuid }, { additionalProperties: false });
/** Publish drafts of a series: the ones named, or every upcoming draft. */
export const SeriesPublish = Type.Object(
  { eventIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true })) },
  { additionalProperties: false },
);
export const SkipParams = Type.Object({ id: Uuid, on: Day('the skipped date') });

const RuleOut = Type.Object({
  from: Type.String(),
  cadence: Type.String(),
  startTime: Type.String(),
  durationMinutes: Type.Integer(),
});
const OccurrenceOut = Type.Object({
  eventId: Uuid,
  on: Type.String({ description: 'the date it falls on by the cadence (it may have been moved)' }),
  startsAt: DateTime,
  endsAt: DateTime,
  status: Type.String(),
  talks: Type.Integer(),
});
const ChangesOut = Type.Object(
  {
    moved: Type.Array(Uuid),
    canceled: Type.Array(Uuid),
    removed: Type.Array(Uuid),
    kept: Type.Array(Type.Object({ eventId: Uuid, reason: Type.String() })),
  },
  { description: 'what the change did to occurrences that existed' },
);
export const SeriesOut = Type.Object({
  id: Uuid,
  community: Type.String(),
  title: Type.String(),
  description: Type.String(),
  timeZone: Type.String(),
  roomId: Nullable(Uuid),
  onlineUrl: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  publish: Type.Boolean(),
  upcoming: Type.Integer(),
  formatMix: Type.Record(Type.String(), Type.Integer()),
  endsOn: Nullable(Type.String()),
  rules: Type.Array(RuleOut),
  skips: Type.Array(Type.String()),
  occurrences: Type.Array(OccurrenceOut, { description: 'its events from today on' }),
  next: Type.Array(Type.Object({ on: Type.String(), startsAt: DateTime, endsAt: DateTime }), {
    description: 'the next dates by the cadence, skips left out',
  }),
  changes: Type.Optional(ChangesOut),
  createdAt: DateTime,
});
export const SeriesListOut = Type.Object({
  items: Type.Array(Type.Omit(SeriesOut, ['occurrences', 'next', 'changes'])),
});

const base = (v: SeriesView['series']) => ({
  id: v.id,
  community: v.community,
  title: v.title,
  description: v.description,
  timeZone: v.time_zone,
  roomId: v.room_id,
  onlineUrl: v.online_url,
  capacity: v.capacity,
  publish: v.publish,
  upcoming: v.upcoming,
  formatMix: v.format_mix,
  endsOn: v.ends_on,
  rules: v.rules.map((r) => ({
    from: r.from,
    cadence: r.rrule,
    startTime: hhmm(r.startMinute),
    durationMinutes: r.minutes,
  })),
  skips: v.skips,
  createdAt: v.created_at.toISOString(),
});
export const seriesListItem = base;
export const seriesOut = (v: SeriesView & { changes?: Changes }) => ({
  ...base(v.series),
  occurrences: v.occurrences.map((e) => ({
    eventId: e.id,
    on: e.occurrence_on,
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    status: e.status,
    talks: e.talks,
  })),
  next: v.next.map((o) => ({ on: o.on, startsAt: o.start.toISOString(), endsAt: o.end.toISOString() })),
  ...(v.changes ? { changes: v.changes } : {}),
});
