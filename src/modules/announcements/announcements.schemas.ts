import { Type } from 'typebox';
import { DateTime, Line, Nullable, Uuid } from '../../http/types';
import { DELIVERY_STATUSES, DESTINATION_KINDS, HAPPENINGS } from './announcement.entity';
import type { DeliveryRow, DestinationRow } from './announcements.queries';

const Happenings = Type.Array(Type.Enum(HAPPENINGS), {
  minItems: 1,
  maxItems: HAPPENINGS.length,
  uniqueItems: true,
  description:
    'event.published, event.moved, event.canceled, call.opened, call.closing (3 days before), talk.tomorrow, lesson.published, wish.created',
});
export const DestinationCreate = Type.Object(
  {
    kind: Type.Enum(DESTINATION_KINDS, {
      description: 'a chat incoming webhook, or "webhook": JSON signed per the Standard Webhooks spec',
    }),
    name: Line(200),
    url: Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://', description: 'never shown again' }),
    happenings: Happenings,
  },
  { additionalProperties: false },
);
export const DestinationPatch = Type.Object(
  {
    name: Type.Optional(Line(200)),
    happenings: Type.Optional(Happenings),
    paused: Type.Optional(Type.Boolean({ description: 'false resumes a paused destination' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const DestinationOut = Type.Object({
  id: Uuid,
  community: Type.String(),
  kind: Type.Enum(DESTINATION_KINDS),
  name: Type.String(),
  urlHint: Type.String({ description: 'host and last characters; the URL itself is never returned' }),
  happenings: Type.Array(Type.String()),
  paused: Type.Boolean(),
  pausedAt: Nullable(DateTime),
  failuresInARow: Type.Integer(),
  createdAt: DateTime,
});
export const DestinationCreated = Type.Object({
  ...DestinationOut.properties,
  secret: Nullable(
    Type.String({
      description: 'webhook kind: the signing secret (whsec_…), shown this once; verify with standardwebhooks',
    }),
  ),
});
export const DeliveryOut = Type.Object({
  id: Uuid,
  happening: Type.String(),
  title: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(
    Type.String({
      description: "why the last attempt failed: a status line or network error, never the answer's body",
    }),
  ),
  lastDurationMs: Nullable(Type.Integer({ description: 'how long the last attempt took, in milliseconds' })),
  deliveredAt: Nullable(DateTime),
  createdAt: DateTime,
});

export const destinationOut = (d: DestinationRow) => ({
  id: d.id,
  community: d.community,
  kind: d.kind,
  name: d.name,
  urlHint: d.url_hint,
  happenings: d.happenings,
  paused: d.paused_at !== null,
  pausedAt: d.paused_at?.toISOString() ?? null,
  failuresInARow: d.failures_in_a_row,
  createdAt: d.created_at.toISOString(),
});
export const deliveryOut = (d: DeliveryRow) => ({
  id: d.id,
  happening: d.happening,
  title: String((d.payload as { title?: string }).title ?? ''),
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.last_status,
  lastError: d.last_error,
  lastDurationMs: d.last_duration_ms,
  deliveredAt: d.delivered_at?.toISOString() ?? null,
  createdAt: d.created_at.toISOString(),
});
