import { Type } from 'typebox';
import { DateTime, Line, Nullable, Text, Uuid } from '../../http/types';
import { LESSON_STATUSES } from './lesson.entity';
import type { LessonView } from './lessons.queries';

const Url = Type.String({
  format: 'uri',
  pattern: '^https?://[^\\s]+$',
  maxLength: 2000,
  description: 'an http(s) URL',
});
export const ResourceSchema = Type.Object({ label: Line(200), url: Url }, { additionalProperties: false });

export const LessonPut = Type.Object(
  {
    takeaways: Type.Array(Line(500), { maxItems: 20, description: 'what the audience (and you) should remember' }),
    wentWell: Type.Optional(Text(10000)),
    toChange: Type.Optional(Text(10000)),
    resources: Type.Optional(
      Type.Array(ResourceSchema, { maxItems: 30, description: 'slides, recording, repository…' }),
    ),
    notes: Type.Optional(Text(50000, { description: 'free text' })),
    status: Type.Enum(LESSON_STATUSES, { description: 'published lessons are read by everyone and found by search' }),
  },
  { additionalProperties: false },
);

export const RetrospectivePut = Type.Object(
  { text: Text(50000, { description: 'empty removes it' }) },
  { additionalProperties: false },
);

const Named = Type.Object({ id: Uuid, name: Type.String() });
export const LessonOut = Type.Object({
  proposalId: Uuid,
  talk: Type.Object({
    title: Type.String(),
    community: Type.String(),
    startsAt: Nullable(DateTime),
    endsAt: Nullable(DateTime),
  }),
  speakers: Type.Array(Named),
  summary: Nullable(
    Type.Object(
      {
        status: Type.Enum(LESSON_STATUSES),
        takeaways: Type.Array(Type.String()),
        wentWell: Type.String(),
        toChange: Type.String(),
        resources: Type.Array(Type.Object({ label: Type.String(), url: Type.String() })),
        notes: Type.String(),
        publishedAt: Nullable(DateTime),
        writtenBy: Nullable(Named),
      },
      { description: 'null until a speaker writes it (or when you may not see the draft)' },
    ),
  ),
  retrospective: Nullable(
    Type.Object(
      { text: Type.String(), by: Nullable(Named), at: Nullable(DateTime) },
      {
        description: "the organizers'; null when there is none or the community shows it to organizers only",
      },
    ),
  ),
  version: Type.Integer(),
  updatedAt: Nullable(DateTime),
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const lessonOut = (v: LessonView) => {
  const r = v.row;
  return {
    proposalId: v.proposalId,
    talk: { title: v.talk.title, community: v.talk.slug, startsAt: iso(v.talk.starts_at), endsAt: iso(v.talk.ends_at) },
    speakers: v.speakers,
    summary:
      r?.status && v.seesSummary
        ? {
            status: r.status,
            takeaways: r.takeaways,
            wentWell: r.went_well,
            toChange: r.to_change,
            resources: r.resources,
            notes: r.notes,
            publishedAt: iso(r.published_at),
            writtenBy: r.writer,
          }
        : null,
    retrospective:
      r?.retrospective && v.seesRetrospective
        ? { text: r.retrospective, by: r.retrospective_author, at: iso(r.retrospective_at) }
        : null,
    version: r?.version ?? 0,
    updatedAt: iso(r?.updated_at ?? null),
  };
};

export const LessonListItem = Type.Object({
  proposalId: Uuid,
  title: Type.String(),
  speakers: Type.Array(Type.String()),
  startsAt: DateTime,
  takeaways: Type.Array(Type.String()),
  resources: Type.Array(Type.Object({ label: Type.String(), url: Type.String() })),
  publishedAt: DateTime,
});
