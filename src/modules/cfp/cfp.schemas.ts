import { Type } from 'typebox';
import { DateTime, Key, Line, Nullable, Slug, Text, Uuid } from '../../http/types';
import { isOpen } from './call.entity';
import type { CallView } from './cfp.queries';

const FormatIn = Type.Object(
  {
    key: Key,
    name: Line(100),
    durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
);
const TrackIn = Type.Object({ key: Key, name: Line(100) }, { additionalProperties: false });

export const CallCreate = Type.Object(
  {
    title: Line(200),
    description: Type.Optional(Text(20000)),
    opensAt: DateTime,
    closesAt: Type.Optional(Nullable(DateTime)),
    formats: Type.Array(FormatIn, {
      minItems: 1,
      maxItems: 20,
      description: 'e.g. lightning (5), talk (30), workshop (90)',
    }),
    tracks: Type.Optional(Type.Array(TrackIn, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const CallPatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    description: Type.Optional(Text(20000)),
    opensAt: Type.Optional(DateTime),
    closesAt: Type.Optional(Nullable(DateTime)),
    formats: Type.Optional(Type.Array(FormatIn, { minItems: 1, maxItems: 20 })),
    tracks: Type.Optional(Type.Array(TrackIn, { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const FormatOut = Type.Object({ key: Type.String(), name: Type.String(), durationMinutes: Type.Integer() });
export const TrackOut = Type.Object({ key: Type.String(), name: Type.String() });
export const CallOut = Type.Object({
  id: Uuid,
  community: Slug,
  title: Type.String(),
  description: Type.String(),
  opensAt: DateTime,
  closesAt: Nullable(DateTime),
  rolling: Type.Boolean(),
  isOpen: Type.Boolean(),
  formats: Type.Array(FormatOut),
  tracks: Type.Array(TrackOut),
  createdAt: DateTime,
});

export const callOut = (v: CallView) => ({
  id: v.call.id,
  community: v.slug,
  title: v.call.title,
  description: v.call.description,
  opensAt: v.call.opensAt.toISOString(),
  closesAt: v.call.closesAt?.toISOString() ?? null,
  rolling: v.call.closesAt === null,
  isOpen: isOpen(v.call),
  formats: v.formats.map((f) => ({ key: f.key, name: f.name, durationMinutes: f.durationMinutes })),
  tracks: v.tracks.map((t) => ({ key: t.key, name: t.name })),
  createdAt: v.call.createdAt.toISOString(),
});
