/**
 * Who may do what — the one answer. In the manner of pretalx's rules.py: small named predicates
 * over the subject (who asks, their role in the community, facts about the object), composed with
 * all/any/not into one rule per action. `authorize()` is the only way a service refuses; `can()`
 * answers the same question without throwing (lists, and the web app deciding which buttons to show).
 * The permission table in docs/organizing.md is generated from POLICY (`npm run policy:table`), and
 * test/policy.test.ts walks every role × every action over HTTP.
 */
import type { Actor } from './actor';
import { Forbidden } from './errors';

export const ROLES = ['member', 'reviewer', 'organizer'] as const;
export type Role = (typeof ROLES)[number];

/** What a rule looks at. `role` is null for someone outside the community. */
export interface Subject {
  actor: Actor;
  role?: Role | null;
  community?: { blindReview: boolean; retrospectiveVisibility: 'organizers' | 'everyone' };
  /** The object is the actor's own: their proposal or talk, their membership, their nomination or wish, themselves. */
  own?: boolean;
  /** The actor was going to (or checked in at) the talk's event. */
  attended?: boolean;
  /** The task is one of those owned by speakers. */
  speakerTask?: boolean;
  /** A proposal's state, for the rules of who sees it. */
  state?: string;
}

export interface Refusal {
  code: string;
  message: string;
}

export interface Rule {
  (s: Subject): boolean;
  /** How the permission table reads the rule. */
  readonly label: string;
  /** Why a subject is refused when this part of the rule fails (the first failing part with one wins). */
  readonly refusal?: Refusal;
  readonly parts?: readonly Rule[];
}

const rule = (label: string, test: (s: Subject) => boolean, more: { refusal?: Refusal; parts?: Rule[] } = {}): Rule =>
  Object.assign((s: Subject) => test(s), { label, ...more });

/** The same rule with its own refusal. */
export const because = (r: Rule, code: string, message: string): Rule =>
  rule(r.label, r, { refusal: { code, message }, parts: [r] });

/** Every part must hold. */
export const all = (...rs: Rule[]): Rule =>
  rule(
    rs.map((r) => (r.label.includes(' or ') ? `(${r.label})` : r.label)).join(' and '),
    (s) => rs.every((r) => r(s)),
    { parts: rs },
  );
/** One part must hold. */
export const any = (...rs: Rule[]): Rule =>
  rule(
    rs.map((r) => (r.label.includes(' and ') ? `(${r.label})` : r.label)).join(' or '),
    (s) => rs.some((r) => r(s)),
    { parts: rs },
  );
export const not = (r: Rule): Rule => rule(`not ${r.label}`, (s) => !r(s));

/** The refusal of the first failing part that has one (depth first), else none. */
function refusalOf(r: Rule, s: Subject): Refusal | undefined {
  if (r(s)) return undefined;
  for (const p of r.parts ?? []) {
    const why = refusalOf(p, s);
    if (why) return why;
  }
  return r.refusal;
}

// ---- predicates ----------------------------------------------------------------------------

export const isAdmin = rule('admin', (s) => s.actor.isAdmin);
/** Admins may do everything an organizer may. */
export const isOrganizer = rule('organizer', (s) => s.actor.isAdmin || s.role === 'organizer');
/** Organizers review too; admins review only if they hold a role. */
export const isReviewer = rule('reviewer', (s) => s.role === 'reviewer' || s.role === 'organizer');
export const isMember = rule('member', (s) => s.actor.isAdmin || (s.role !== null && s.role !== undefined));
export const isOwn = rule('its speaker', (s) => !!s.own);
export const isSelf = rule('themselves', (s) => !!s.own);
export const attended = rule('attended', (s) => !!s.attended);
export const speakerTask = rule('speaker-owned task', (s) => !!s.speakerTask);
export const blindReview = rule('blind review', (s) => !!s.community?.blindReview);
export const retrospectivesForEveryone = rule(
  'community shows retrospectives',
  (s) => s.community?.retrospectiveVisibility === 'everyone',
);
const stateIsNot = (...states: string[]) =>
  rule(`not ${states.join('/')}`, (s) => s.state !== undefined && !states.includes(s.state));

// ---- actions -------------------------------------------------------------------------------

export interface ActionDef {
  /** What the action is, for the permission table. */
  what: string;
  rule: Rule;
  /** Refused when no part of the rule says otherwise. */
  refusal: string;
  code?: string;
  /** Facts the permission table and the matrix test assume (the scenario the cells describe). */
  assume?: Partial<Pick<Subject, 'attended' | 'speakerTask' | 'state'>> & { blindReview?: boolean };
}

const organizersOnly = (what: string, refusal: string): ActionDef => ({ what, rule: isOrganizer, refusal });
const adminsOnly = (what: string, refusal: string): ActionDef => ({ what, rule: isAdmin, refusal });
const membersOnly = (what: string, refusal: string): ActionDef => ({ what, rule: isMember, refusal });

export const POLICY = {
  'community.create': adminsOnly('create a community', 'Only admins create communities.'),
  'community.update': organizersOnly('change a community', 'Only organizers change a community.'),
  'member.list': membersOnly("list a community's members", 'Only members see who else is a member; join first.'),
  'member.see-contact': {
    what: "see a member's e-mail address and department (others see names)",
    rule: any(isOrganizer, isSelf),
    refusal: "Only organizers see members' e-mail addresses and departments.",
  },
  'member.add': organizersOnly('add a member by e-mail', 'Only organizers add members.'),
  'member.set-role': organizersOnly("change a member's role", 'Only organizers change roles.'),
  'member.remove': {
    what: 'remove a member (anyone may leave)',
    rule: any(isOrganizer, isSelf),
    refusal: 'Only organizers remove other members.',
  },
  'person.create': adminsOnly(
    'create a person directly',
    'Only admins create people directly; organizers add members by e-mail.',
  ),
  'person.list': adminsOnly('list people', 'Only admins list people.'),
  'token.create': {
    what: 'issue an API token for a person',
    rule: any(isSelf, isAdmin),
    refusal: 'Only admins issue tokens for other people.',
  },
  'session.list': {
    what: "list a person's signed-in browsers",
    rule: any(isSelf, isAdmin),
    refusal: "Only admins see other people's sessions.",
  },
  'session.end': {
    what: 'end a browser session (sign it out)',
    rule: any(isSelf, isAdmin),
    refusal: "Only admins end other people's sessions.",
  },
  'job.list': adminsOnly('see the job queue', 'Only admins see the job queue.'),
  'job.retry': adminsOnly('retry a failed job', 'Only admins retry jobs.'),
  'service.metrics': adminsOnly(
    "read the service's metrics (/metrics; METRICS_TOKEN too)",
    'Only admins (or METRICS_TOKEN) read the metrics.',
  ),
  'call.open': organizersOnly('open a call for proposals', 'Only organizers open calls for proposals.'),
  'call.update': organizersOnly('change a call for proposals', 'Only organizers change calls for proposals.'),
  'proposal.file-for-speaker': organizersOnly(
    'file a proposal for a speaker (even when the call is closed)',
    'Only organizers file proposals on behalf of someone else.',
  ),
  'proposal.edit': { what: 'edit a proposal', rule: isOwn, refusal: 'Only its speakers edit a proposal.' },
  'proposal.answer-invitation': {
    what: 'accept or decline an invitation to co-present (only the person asked)',
    rule: isOwn,
    refusal: 'There is no open invitation for you to co-present this proposal.',
  },
  'proposal.move-as-speaker': {
    what: 'submit, confirm or withdraw a proposal',
    rule: isOwn,
    refusal: 'Only its speakers submit, confirm or withdraw a proposal.',
  },
  'proposal.decide': organizersOnly(
    'accept, waitlist, reject or cancel a proposal',
    'Only organizers accept, waitlist, reject or cancel proposals.',
  ),
  'proposal.send-decisions': organizersOnly('send the staged decisions', 'Only organizers send decisions.'),
  'proposal.sort-by-score': organizersOnly(
    'sort proposals by review count or mean score',
    'Only organizers sort by review figures.',
  ),
  'proposal.filter-by-speaker': {
    what: 'filter proposals by speaker in a blind-review community',
    rule: any(not(blindReview), isOrganizer, isSelf),
    refusal: 'This community reviews blind: filtering by speaker is for organizers.',
    code: 'blind-review',
    assume: { blindReview: true },
  },
  'proposal.see-speakers': {
    what: "see a proposal's speakers in a blind-review community",
    rule: any(not(blindReview), isOrganizer, isOwn),
    refusal: 'This community reviews blind.',
    code: 'blind-review',
    assume: { blindReview: true },
  },
  'proposal.review': {
    what: 'review a proposal (score 1–5)',
    rule: all(
      because(isReviewer, 'forbidden', 'Only reviewers and organizers of the community review proposals.'),
      because(not(isOwn), 'own-proposal', 'Nobody reviews their own proposal.'),
    ),
    refusal: 'Only reviewers and organizers of the community review proposals.',
  },
  'review.list': {
    what: "read all of a proposal's reviews and its figures",
    rule: all(
      because(not(isOwn), 'forbidden', 'Speakers never see the reviews of their own proposal.'),
      because(isOrganizer, 'forbidden', 'Only organizers see all reviews.'),
    ),
    refusal: 'Only organizers see all reviews.',
  },
  'room.manage': organizersOnly('create and change rooms', 'Only organizers manage rooms.'),
  'event.create': organizersOnly('create an event', 'Only organizers create events.'),
  'event.update': organizersOnly('change, publish or cancel an event', 'Only organizers change events.'),
  'event.delete': organizersOnly('delete a draft event', 'Only organizers delete events.'),
  'event.see-drafts': organizersOnly('see draft events', 'Only organizers see draft events.'),
  'agenda.change': organizersOnly('place, move or remove talks on the agenda', 'Only organizers change the agenda.'),
  'agenda.backlog': organizersOnly('see the backlog of accepted talks', 'Only organizers see the backlog.'),
  'rsvp.list': organizersOnly('see the attendee list', 'Only organizers see the attendee list.'),
  'event.check-in': organizersOnly('check people in', 'Only organizers check people in.'),
  'task-template.list': membersOnly('see the task templates', 'Only members see the task templates.'),
  'task-template.manage': organizersOnly('manage task templates', 'Only organizers manage task templates.'),
  'task.create': organizersOnly('add a one-off task to a checklist', 'Only organizers add tasks.'),
  'checklist.read': {
    what: "read a talk's checklist",
    rule: any(isOwn, isOrganizer),
    refusal: "Only the talk's speakers and the organizers see its checklist.",
  },
  'task.update-status': {
    what: 'mark a speaker-owned task done or skipped, add notes',
    rule: any(isOrganizer, all(isOwn, speakerTask)),
    refusal: 'Speakers update the tasks owned by speakers; organizers do the rest.',
    assume: { speakerTask: true },
  },
  'task.edit': organizersOnly(
    'reassign a task, change its title or due date by hand',
    'Speakers change only status, reason and notes; organizers do the rest.',
  ),
  'task.board': organizersOnly('see the task board', 'Only organizers see the board.'),
  'feedback.give': {
    what: 'rate a talk (attended, after it)',
    rule: all(
      because(not(isOwn), 'own-proposal', 'Speakers do not rate their own talk.'),
      because(attended, 'not-an-attendee', 'Feedback is for people who were going to (or checked in at) the talk.'),
    ),
    refusal: 'Feedback is for people who were going to (or checked in at) the talk.',
    assume: { attended: true },
  },
  'feedback.read': {
    what: "read a talk's feedback (without names)",
    rule: any(isOwn, isOrganizer),
    refusal: "The figures and comments are for the talk's speakers and the organizers.",
  },
  'lesson.write': {
    what: "write a talk's lesson (after it)",
    rule: isOwn,
    refusal: "A talk's lesson is written by its speakers.",
    code: 'not-a-speaker',
  },
  'lesson.read-draft': {
    what: "read a talk's draft lesson",
    rule: any(isOwn, isOrganizer),
    refusal: 'Draft lessons are for their speakers and the organizers.',
  },
  'retrospective.write': organizersOnly("write a talk's retrospective", 'Retrospectives are written by organizers.'),
  'retrospective.read': {
    what: 'read retrospectives (when the community keeps them for organizers)',
    rule: any(isOrganizer, retrospectivesForEveryone),
    refusal: 'Retrospectives are for the organizers.',
  },
  'nomination.create': membersOnly(
    'nominate a colleague (5 a day)',
    'Members of the community nominate speakers; join it first.',
  ),
  'nomination.list': organizersOnly(
    "see the community's nominations",
    "The community's nominations are for its organizers.",
  ),
  'nomination.answer': {
    what: 'accept or decline a nomination',
    rule: isSelf,
    refusal: 'Only the nominee answers a nomination.',
  },
  'nomination.read': {
    what: 'see a nomination (its nominee, its nominator, organizers)',
    rule: any(isOwn, isOrganizer),
    refusal: 'The nomination was not found.',
  },
  'series.read': membersOnly(
    "see a community's meetup series",
    "A community's series are for its members; join it first.",
  ),
  'series.manage': organizersOnly(
    'create a series, change its cadence, skip an occurrence, end it',
    'Only organizers run meetup series.',
  ),
  'team.read': membersOnly(
    "see the community's organizing team",
    "A community's team is for its members; join it first.",
  ),
  'team.manage': organizersOnly(
    'name team roles, hand them over (their open tasks move)',
    'Only organizers shape the organizing team.',
  ),
  'destination.manage': organizersOnly(
    'connect chats and webhooks for announcements, see their deliveries',
    "Only organizers manage a community's announcement destinations.",
  ),
  'wish.read': membersOnly(
    "see the community's topic wishes",
    "A community's topic wishes are for its members; join it first.",
  ),
  'wish.create': membersOnly('wish for a topic', 'Members of the community post topic wishes; join it first.'),
  'wish.vote': membersOnly(
    'vote for a topic wish (once)',
    'Members of the community vote for topic wishes; join it first.',
  ),
  'wish.offer': membersOnly(
    'offer to talk about a wish (starts a draft proposal)',
    'Members of the community offer talks; join it first.',
  ),
  'wish.close': {
    what: 'close or reopen a topic wish',
    rule: any(isOwn, isOrganizer),
    refusal: 'Only its author or an organizer closes a topic wish.',
  },
  'metrics.read': membersOnly("read the community's figures", "A community's figures are for its members."),
  'community.health': organizersOnly(
    "see the community's health, set its thresholds, turn the monthly invitation to propose on or off",
    "A community's health is for its organizers.",
  ),
  'proposal.read': {
    what: 'see a proposal',
    rule: any(isOwn, all(isOrganizer, stateIsNot('draft')), all(isReviewer, stateIsNot('draft', 'withdrawn'))),
    refusal: 'The proposal was not found.',
    assume: { state: 'submitted' },
  },
} satisfies Record<string, ActionDef>;

export type Action = keyof typeof POLICY;

// ---- what a proposal's state allows ------------------------------------------------------------
// In the manner of pretalx's can_be_reviewed: the states live here once, services refuse with them
// (409, the state is wrong whoever asks) and pages ask `can()` for the "-now" actions below, which
// combine who may with what the state allows, so no view lists states.

/** States in which speakers may still change the content. */
export const EDITABLE_STATES: readonly string[] = ['draft', 'submitted'];
/** States in which reviewers score. */
export const REVIEWABLE_STATES: readonly string[] = ['submitted', 'waitlisted'];
/** States of a talk: it may be placed on an agenda, has a checklist, a lesson, feedback. */
export const TALK_STATES: readonly string[] = ['accepted', 'confirmed'];

const stateIn = (label: string, states: readonly string[]) =>
  rule(label, (s) => s.state !== undefined && states.includes(s.state));
export const canBeEdited = stateIn('draft or submitted', EDITABLE_STATES);
export const canBeReviewed = stateIn('submitted or waitlisted', REVIEWABLE_STATES);
export const isTalk = stateIn('accepted or confirmed', TALK_STATES);

const rule_ = (a: Action) => (POLICY[a] as ActionDef).rule;
export const STATE_POLICY = {
  'proposal.edit-now': all(rule_('proposal.edit'), canBeEdited),
  'proposal.review-now': all(rule_('proposal.review'), canBeReviewed),
  'agenda.schedule-now': all(rule_('agenda.change'), isTalk),
  'checklist.read-now': all(rule_('checklist.read'), isTalk),
} satisfies Record<string, Rule>;
export type StateAction = keyof typeof STATE_POLICY;

/** May the subject do it (for a "-now" action: and does the object's state allow it)? */
export function can(s: Subject, action: Action | StateAction): boolean {
  return action in STATE_POLICY
    ? STATE_POLICY[action as StateAction](s)
    : (POLICY[action as Action] as ActionDef).rule(s);
}

/** Refuses (403 with the action's code and message) unless the subject may do it. */
export function authorize(s: Subject, action: Action): void {
  const def = POLICY[action] as ActionDef;
  if (def.rule(s)) return;
  const why = refusalOf(def.rule, s);
  throw new Forbidden(why?.message ?? def.refusal, why?.code ?? def.code ?? 'forbidden');
}
