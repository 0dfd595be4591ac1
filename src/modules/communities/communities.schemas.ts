import { Type } from 'typebox';
import { PageQuery } from '../../http/pagination';
import { DateTime, Email, LanguageTag, Line, Nullable, Slug, Text, Uuid } from '../../http/types';
import { ROLES } from './membership.entity';
import { EVENT_VISIBILITIES, RETROSPECTIVE_VISIBILITIES } from './community.entity';
import type { MemberRow } from './communities.queries';
import type { Access } from './access';

export const RoleSchema = Type.Enum(ROLES);
const RetroVisibility = Type.Enum(RETROSPECTIVE_VISIBILITIES, {
  description: "who reads the organizers' retrospectives of talks",
});
const EventVisibility = Type.Enum(EVENT_VISIBILITIES, {
  description:
    'who reads its calendar feed: public (anyone who reaches the server) or internal (signed-in people, and personal feed URLs)',
});
const DefaultLanguage = LanguageTag(
  'the language of its pages and mail for people who chose none and whose browser asks for none Brownbag speaks',
);
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin' });

export const CommunityOut = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  blindReview: Type.Boolean(),
  timeZone: Type.String(),
  defaultLanguage: DefaultLanguage,
  retrospectiveVisibility: RetroVisibility,
  eventVisibility: EventVisibility,
  createdAt: DateTime,
  myRole: Nullable(RoleSchema),
  calendarUrl: Type.String({
    description:
      'iCalendar feed of its published events. For an internal community a URI template: put one of your feed tokens (POST /v1/me/feed-tokens) in place of {token}, since calendar clients cannot sign in',
  }),
  webcalUrl: Type.String({ description: 'the same feed, for one-click subscription (a template likewise)' }),
});

export const CommunityCreate = Type.Object(
  {
    slug: Slug,
    name: Line(200),
    description: Type.Optional(Text(10000)),
    blindReview: Type.Optional(Type.Boolean()),
    timeZone: Type.Optional(TimeZone),
    defaultLanguage: Type.Optional(DefaultLanguage),
    retrospectiveVisibility: Type.Optional(RetroVisibility),
    eventVisibility: Type.Optional(EventVisibility),
  },
  { additionalProperties: false },
);

export const CommunityPatch = Type.Object(
  {
    name: Type.Optional(Line(200)),
    description: Type.Optional(Text(10000)),
    blindReview: Type.Optional(Type.Boolean()),
    timeZone: Type.Optional(TimeZone),
    defaultLanguage: Type.Optional(DefaultLanguage),
    retrospectiveVisibility: Type.Optional(RetroVisibility),
    eventVisibility: Type.Optional(EventVisibility),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A member as others see them: a name; e-mail and department only for organizers and themselves. */
const MemberPerson = Type.Object({
  id: Uuid,
  name: Type.String(),
  title: Nullable(Type.String()),
  acceptsNominations: Type.Boolean({ description: 'false: colleagues cannot nominate this person to speak' }),
  email: Type.Optional(Type.String({ description: 'organizers and the person themself only' })),
  department: Type.Optional(Nullable(Type.String({ description: 'organizers and the person themself only' }))),
});
export const MemberOut = Type.Object({ person: MemberPerson, role: RoleSchema, joinedAt: DateTime });
export const MemberAdd = Type.Object(
  { email: Email, name: Type.Optional(Line(200)), role: Type.Optional(RoleSchema) },
  { additionalProperties: false },
);
export const RolePatch = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const MemberParams = Type.Object({ slug: Slug, personId: Uuid });
export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

/**
 * Where a calendar client reads the community's events. A public community's feed is open; an
 * internal one's answers 401 to anyone not signed in, which every calendar client is, so its URL is
 * the caller's own feed route: a URI template whose {token} is one of their feed tokens (POST
 * /v1/me/feed-tokens). The secret itself cannot be in the answer: it is stored hashed and shown once.
 */
export const communityCalendarPath = (slug: string, visibility: string) =>
  visibility === 'public'
    ? `/v1/communities/${slug}/calendar.ics`
    : `/v1/feeds/{token}/communities/${slug}/calendar.ics`;

export const communityOut = (publicUrl: string) => (a: Access) => {
  const calendarUrl = `${publicUrl}${communityCalendarPath(a.community.slug, a.community.eventVisibility)}`;
  return {
    id: a.community.id,
    slug: a.community.slug,
    name: a.community.name,
    description: a.community.description,
    blindReview: a.community.blindReview,
    timeZone: a.community.timeZone,
    defaultLanguage: a.community.defaultLanguage,
    retrospectiveVisibility: a.community.retrospectiveVisibility,
    eventVisibility: a.community.eventVisibility,
    createdAt: new Date(a.community.createdAt).toISOString(),
    myRole: a.role,
    calendarUrl,
    webcalUrl: calendarUrl.replace(/^https?:/, 'webcal:'),
  };
};
export const memberOut = (r: MemberRow) => ({
  person: {
    id: r.person.id,
    name: r.person.name,
    title: r.person.title,
    acceptsNominations: r.person.acceptsNominations,
    ...(r.contact ? { email: r.person.email, department: r.person.department } : {}),
  },
  role: r.role,
  joinedAt: new Date(r.joinedAt).toISOString(),
});
