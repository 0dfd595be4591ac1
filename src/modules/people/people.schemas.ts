import { Type } from 'typebox';
import { DateTime, Email, LanguageTag, Line, Nullable, Uuid } from '../../http/types';
import type { ApiToken } from './api-token.entity';
import type { Person } from './person.entity';

/** A person's own language. */
const MyLanguage = Type.Union([LanguageTag(), Type.Null()], {
  description:
    "the language of your pages and mail; null: your browser's (Accept-Language), else the community's default",
});

export const PersonOut = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  department: Nullable(Type.String()),
  title: Nullable(Type.String()),
  isAdmin: Type.Boolean(),
  acceptsNominations: Type.Boolean({ description: 'false: colleagues cannot nominate this person to speak' }),
  alarmMinutes: Type.Optional(
    Nullable(
      Type.Integer({
        description: 'yours only: a reminder alarm this many minutes before, in invitations and your feed',
      }),
    ),
  ),
  language: Type.Optional(MyLanguage),
  createdAt: DateTime,
});

export const PersonCreate = Type.Object(
  {
    email: Email,
    name: Type.Optional(Line(200)),
    department: Type.Optional(Nullable(Line(200))),
    title: Type.Optional(Nullable(Line(200))),
    isAdmin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MePatch = Type.Object(
  {
    name: Type.Optional(Line(200)),
    department: Type.Optional(Nullable(Line(200))),
    title: Type.Optional(Nullable(Line(200))),
    acceptsNominations: Type.Optional(Type.Boolean({ description: 'false opts you out of nominations' })),
    alarmMinutes: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 0,
          maximum: 10080,
          description:
            'a reminder alarm (VALARM) this many minutes before, in your invitations and personal feed; null: none',
        }),
      ),
    ),
    language: Type.Optional(MyLanguage),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TokenOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'first characters of the secret, to tell tokens apart' }),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export const TokenCreated = Type.Intersect([
  TokenOut,
  Type.Object({ token: Type.String({ description: 'the secret: shown once, never again' }) }),
]);
export const FeedTokenOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export const FeedTokenCreated = Type.Intersect([
  FeedTokenOut,
  Type.Object({
    token: Type.String({ description: 'the secret: shown once, never again' }),
    calendarUrl: Type.String({ description: 'subscribe to this URL' }),
    webcalUrl: Type.String(),
  }),
]);
export const TokenCreate = Type.Object({ name: Line(100) }, { additionalProperties: false });
export const PeopleQuery = Type.Object({ email: Type.Optional(Email) }, { additionalProperties: false });

export const personOut = (p: Person, self = false) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  department: p.department,
  title: p.title,
  isAdmin: p.isAdmin,
  acceptsNominations: p.acceptsNominations,
  ...(self ? { alarmMinutes: p.alarmMinutes, language: p.language } : {}),
  createdAt: p.createdAt.toISOString(),
});
export const tokenOut = (t: Pick<ApiToken, 'id' | 'name' | 'prefix' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});
