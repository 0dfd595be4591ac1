import { Type } from 'typebox';
import { PageQuery } from '../../http/pagination';
import { DateTime, Email, Key, Line, Nullable, Slug, Text, Uuid } from '../../http/types';
import { LANGUAGES, LEVELS } from './proposal.entity';
import { SORTS, type ProposalView } from './proposals.queries';
import { PROPOSAL_STATES, TRANSITIONS, type ProposalState } from './state-machine';

export const StateSchema = Type.Enum(PROPOSAL_STATES);
const LevelSchema = Type.Enum(LEVELS);
const LanguageSchema = Type.Enum(LANGUAGES, { description: 'the language the talk is given in (BCP 47)' });
const CoSpeakers = Type.Array(Email, {
  maxItems: 5,
  description:
    'e-mails of co-speakers, in order; people are created on first use. Each is asked first and joins on accepting (naming yourself joins you at once); leaving someone out withdraws their invitation or removes them',
});

export const ProposalCreate = Type.Object(
  {
    callId: Uuid,
    title: Line(200),
    abstract: Type.Optional(Text(10000)),
    format: Key,
    track: Type.Optional(Nullable(Key)),
    level: Type.Optional(LevelSchema),
    language: Type.Optional(LanguageSchema),
    notes: Type.Optional(Text(5000, { description: 'for organizers only' })),
    coSpeakers: Type.Optional(CoSpeakers),
    speaker: Type.Optional(
      Type.Object(
        { email: Email, name: Type.Optional(Line(200)) },
        { additionalProperties: false, description: 'organizers only: file on behalf of this speaker' },
      ),
    ),
    submit: Type.Optional(Type.Boolean({ description: 'submit at once instead of saving a draft', default: false })),
  },
  { additionalProperties: false },
);

export const ProposalPatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    abstract: Type.Optional(Text(10000)),
    format: Type.Optional(Key),
    track: Type.Optional(Nullable(Key)),
    level: Type.Optional(LevelSchema),
    language: Type.Optional(LanguageSchema),
    notes: Type.Optional(Text(5000)),
    coSpeakers: Type.Optional(CoSpeakers),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TransitionBody = Type.Object(
  {
    to: StateSchema,
    reason: Type.Optional(Text(2000)),
    notify: Type.Optional(
      Type.Boolean({ default: true, description: 'decisions only: false stages the mail for POST …/decisions/send' }),
    ),
  },
  { additionalProperties: false },
);

/** The decisions an organizer makes on the proposals list, several proposals at once. */
export const DECISION_STATES = ['accepted', 'waitlisted', 'rejected'] as const;
export const DecideMany = Type.Object(
  {
    proposalIds: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }),
    to: Type.Enum(DECISION_STATES),
    reason: Type.Optional(Text(2000)),
    notify: Type.Optional(
      Type.Boolean({ default: true, description: 'false stages the mails for POST …/decisions/send' }),
    ),
  },
  { additionalProperties: false },
);

const SpeakerOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  department: Nullable(Type.String()),
  primary: Type.Boolean(),
});

export const ProposalOut = Type.Object({
  id: Uuid,
  community: Slug,
  callId: Uuid,
  title: Type.String(),
  abstract: Type.String(),
  format: Type.Object({ key: Type.String(), name: Type.String(), durationMinutes: Type.Integer() }),
  track: Nullable(Type.Object({ key: Type.String(), name: Type.String() })),
  level: LevelSchema,
  language: LanguageSchema,
  state: StateSchema,
  version: Type.Integer(),
  blind: Type.Boolean({ description: 'true when speaker identity is hidden from you (blind review)' }),
  speakers: Nullable(Type.Array(SpeakerOut)),
  invited: Nullable(
    Type.Array(SpeakerOut, {
      description: 'asked to co-present and not answered yet (they join when they accept); null when blind',
    }),
  ),
  invitedYou: Type.Boolean({
    description: 'you are asked to co-present it: POST …/invitation/accept or …/invitation/decline',
  }),
  notes: Type.Optional(Type.String({ description: 'for speakers and organizers' })),
  reviewCount: Type.Optional(Type.Integer({ description: 'organizers only' })),
  meanScore: Type.Optional(Nullable(Type.Number({ description: 'organizers only' }))),
  myScore: Type.Optional(Nullable(Type.Integer({ description: 'your own score, for reviewers' }))),
  actions: Type.Array(StateSchema, { description: 'the states you may move it to now' }),
  checklist: Type.Optional(
    Type.Object(
      { done: Type.Integer(), total: Type.Integer(), overdue: Type.Integer() },
      { description: 'speaker-support progress (speakers and organizers)' },
    ),
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
  submittedAt: Nullable(DateTime),
});

export const ListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Array(StateSchema, { description: 'repeat for several' })),
    callId: Type.Optional(Uuid),
    format: Type.Optional(Key),
    track: Type.Optional(Key),
    speaker: Type.Optional(Text(320, { minLength: 1, description: 'person id or e-mail' })),
    q: Type.Optional(Text(200, { minLength: 1, description: 'text in title or abstract' })),
    sort: Type.Optional(Type.Enum(SORTS, { default: '-createdAt' })),
  },
  { additionalProperties: false },
);

export const HistoryOut = Type.Object({
  items: Type.Array(
    Type.Object({
      from: Nullable(StateSchema),
      to: StateSchema,
      at: DateTime,
      reason: Nullable(Type.String()),
      actor: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
    }),
  ),
});

/** The moves a sight allows from its state: the same for every row a list shares a sight with (sightsOf). */
const movesBySight = new WeakMap<ProposalView['sight'], ProposalState[]>();
function actions(v: ProposalView): ProposalState[] {
  const known = movesBySight.get(v.sight);
  if (known && v.sight.subject.state === v.row.state) return known;
  const moves = Object.entries(TRANSITIONS[v.row.state])
    .filter(([, by]) => (by === 'author' ? v.sight.mine : v.sight.organizer))
    .map(([to]) => to as ProposalState);
  if (v.sight.subject.state === v.row.state) movesBySight.set(v.sight, moves);
  return moves;
}

export function proposalOut(v: ProposalView) {
  const r = v.row;
  return {
    id: r.id,
    community: r.slug,
    callId: r.call_id,
    title: r.title,
    abstract: r.abstract,
    format: { key: r.format_key, name: r.format_name, durationMinutes: r.duration_minutes },
    track: r.track_key ? { key: r.track_key, name: r.track_name ?? r.track_key } : null,
    level: r.level,
    language: r.language,
    state: r.state,
    version: r.version,
    blind: v.sight.blind,
    speakers:
      v.speakers?.map((s) => ({
        id: s.id,
        name: s.name,
        email: s.email,
        department: s.department,
        primary: s.is_primary,
      })) ?? null,
    invited:
      v.invited?.map((s) => ({
        id: s.id,
        name: s.name,
        email: s.email,
        department: s.department,
        primary: false,
      })) ?? null,
    invitedYou: r.invited_me,
    ...(v.sight.mine || v.sight.organizer ? { notes: r.notes } : {}),
    ...(v.sight.seesReviews ? { reviewCount: r.review_count, meanScore: r.review_count ? r.review_mean : null } : {}),
    ...(v.sight.reviewer && !v.sight.mine ? { myScore: r.my_score } : {}),
    ...((v.sight.mine || v.sight.organizer) && r.checklist.total + r.checklist.done > 0
      ? { checklist: r.checklist }
      : {}),
    actions: actions(v),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
  };
}
