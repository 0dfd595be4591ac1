/**
 * The community-health rules: pure functions from facts (what the database counted) and thresholds
 * (the community's, or the defaults) to a judgement per indicator — healthy, watch or act — with the
 * reason as a message key and its values (the words live in the page catalogue). No I/O here, so
 * every rule has a table test (test/vitality-rules.test.ts). docs/health.md explains each one.
 */

export const STATUSES = ['healthy', 'watch', 'act'] as const;
export type Status = (typeof STATUSES)[number];

export const INDICATORS = ['rhythm', 'pipeline', 'attendance', 'newVoices', 'reach', 'care', 'lessons'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

/** Every threshold, named, with its default, its range and what it says (the API schema is made from this). */
export const THRESHOLDS = {
  rhythmWatchWeeks: { default: 5, min: 1, max: 52, what: 'weeks since the last meeting before it is worth watching' },
  rhythmActWeeks: { default: 8, min: 1, max: 52, what: 'weeks since the last meeting before organizers should act' },
  rhythmHeldWatchPct: {
    default: 75,
    min: 0,
    max: 100,
    what: "% of the series' planned meetings held (90 days), below which: watch",
  },
  rhythmHeldActPct: {
    default: 50,
    min: 0,
    max: 100,
    what: "% of the series' planned meetings held (90 days), below which: act",
  },
  pipelineWatchWeeks: {
    default: 4,
    min: 0,
    max: 26,
    what: 'weeks of upcoming meetings that have talks, below which: watch',
  },
  pipelineActWeeks: {
    default: 2,
    min: 0,
    max: 26,
    what: 'weeks of upcoming meetings that have talks, below which: act',
  },
  decisionWatchDays: {
    default: 14,
    min: 1,
    max: 365,
    what: 'days the oldest proposal may wait for a decision before: watch',
  },
  decisionActDays: {
    default: 30,
    min: 1,
    max: 365,
    what: 'days the oldest proposal may wait for a decision before: act',
  },
  attendanceFalls: {
    default: 3,
    min: 2,
    max: 10,
    what: 'meetings in a row with falling attendance that call for action',
  },
  attendanceDropWatchPct: {
    default: 20,
    min: 1,
    max: 100,
    what: '% drop from one meeting to the next that is worth watching',
  },
  showUpWatchPct: {
    default: 60,
    min: 0,
    max: 100,
    what: '% of those going who came (last meeting), below which: watch',
  },
  showUpActPct: { default: 40, min: 0, max: 100, what: '% of those going who came (last meeting), below which: act' },
  minTalks: { default: 4, min: 1, max: 100, what: 'talks in 12 months needed before speaker figures are judged' },
  firstTimeWatchPct: {
    default: 20,
    min: 0,
    max: 100,
    what: '% of talks (12 months) by first-time speakers, below which: watch',
  },
  firstTimeActPct: {
    default: 10,
    min: 0,
    max: 100,
    what: '% of talks (12 months) by first-time speakers, below which: act',
  },
  topSpeakersWatchPct: {
    default: 50,
    min: 0,
    max: 100,
    what: '% of talks (12 months) given by the top 3 speakers, from which: watch',
  },
  topSpeakersActPct: {
    default: 70,
    min: 0,
    max: 100,
    what: '% of talks (12 months) given by the top 3 speakers, from which: act',
  },
  reachWatchPct: {
    default: 25,
    min: 0,
    max: 100,
    what: '% of members who came to a meeting (90 days), below which: watch',
  },
  reachActPct: {
    default: 10,
    min: 0,
    max: 100,
    what: '% of members who came to a meeting (90 days), below which: act',
  },
  onTimeWatchPct: {
    default: 80,
    min: 0,
    max: 100,
    what: '% of support tasks (90 days) done on time, below which: watch',
  },
  onTimeActPct: { default: 60, min: 0, max: 100, what: '% of support tasks (90 days) done on time, below which: act' },
  lessonsWatchPct: {
    default: 50,
    min: 0,
    max: 100,
    what: '% of past talks (12 months) with a published lesson, below which: watch',
  },
  lessonsActPct: {
    default: 25,
    min: 0,
    max: 100,
    what: '% of past talks (12 months) with a published lesson, below which: act',
  },
} as const;
export type ThresholdKey = keyof typeof THRESHOLDS;
export type Thresholds = Record<ThresholdKey, number>;

export const DEFAULT_THRESHOLDS = Object.fromEntries(
  Object.entries(THRESHOLDS).map(([k, v]) => [k, v.default]),
) as Thresholds;

/** The community's own thresholds over the defaults (unknown keys are ignored). */
export function thresholdsOf(own: Partial<Record<string, number>> | null | undefined): Thresholds {
  const t = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(THRESHOLDS) as ThresholdKey[]) if (typeof own?.[k] === 'number') t[k] = own[k]!;
  return t;
}

/** Pairs that must be ordered: [the watch threshold, the act threshold, 'lower' = lower values are worse]. */
export const PAIRS: [ThresholdKey, ThresholdKey, 'lower' | 'higher'][] = [
  ['rhythmWatchWeeks', 'rhythmActWeeks', 'higher'],
  ['rhythmHeldWatchPct', 'rhythmHeldActPct', 'lower'],
  ['pipelineWatchWeeks', 'pipelineActWeeks', 'lower'],
  ['decisionWatchDays', 'decisionActDays', 'higher'],
  ['showUpWatchPct', 'showUpActPct', 'lower'],
  ['firstTimeWatchPct', 'firstTimeActPct', 'lower'],
  ['topSpeakersWatchPct', 'topSpeakersActPct', 'higher'],
  ['reachWatchPct', 'reachActPct', 'lower'],
  ['onTimeWatchPct', 'onTimeActPct', 'lower'],
  ['lessonsWatchPct', 'lessonsActPct', 'lower'],
];

/** The pairs whose act threshold is milder than their watch threshold (empty: consistent). */
export function inconsistentPairs(t: Thresholds): [ThresholdKey, ThresholdKey][] {
  return PAIRS.filter(([w, a, worse]) => (worse === 'lower' ? t[a] > t[w] : t[a] < t[w])).map(([w, a]) => [w, a]);
}

/** What the database counted for one community (see vitality.queries.ts for each). */
export interface Facts {
  /** weeks since the last meeting held; null: none yet */
  weeksSinceLast: number | null;
  /** occurrences of the community's series due in the last 90 days (made, canceled or skipped); null: no series */
  planned90: number | null;
  /** meetings held (published, ended) in the last 90 days */
  held90: number;
  /** upcoming meetings (not canceled) within 12 weeks, soonest first: in how many weeks, and how many talks */
  upcoming: { inWeeks: number; talks: number }[];
  /** accepted or confirmed talks not on any agenda */
  backlog: number;
  /** submitted proposals waiting for a decision, and the oldest one's wait in days */
  pending: number;
  oldestPendingDays: number | null;
  /** the last meetings held (at most 6), oldest first */
  meetings: { title: string; going: number; checkedIn: number }[];
  /** talks given in the last 12 months; those with a first-time speaker; those given by the 3 busiest speakers */
  talks12: number;
  firstTimeTalks12: number;
  topSpeakerTalks12: number;
  /** members; members who went to or came to a meeting in the last 90 days; departments of those and of all members */
  members: number;
  attendees90: number;
  departments90: number;
  memberDepartments: number;
  /** support tasks due in the last 90 days (not skipped), and those done by their due time */
  tasksDue90: number;
  tasksOnTime90: number;
  /** of the talks given in the last 12 months, those with a published lesson */
  withLesson12: number;
}

/** A value per period (oldest first), for the trend. */
export interface Point {
  label: string;
  value: number | null;
}

/** Words are the catalogue's: `key` names the sentence, `values` fill it. */
export interface Reason {
  key: string;
  values: Record<string, number | string>;
}

export interface Judgement {
  key: IndicatorKey;
  status: Status;
  value: number | null;
  unit: 'weeks' | 'percent' | 'people';
  reason: Reason;
  /** the next step's message key and the page (path) that takes it */
  step: string;
  path: string;
}

const WORSE: Record<Status, number> = { healthy: 0, watch: 1, act: 2 };
/** The worst of several checks; the first among equals gives the reason. */
export const worst = <T extends { status: Status }>(xs: T[]): T =>
  xs.reduce((a, b) => (WORSE[b.status] > WORSE[a.status] ? b : a));

/** A value where lower is worse: below `act` is act, below `watch` is watch. */
export const gradeLow = (v: number, watch: number, act: number): Status =>
  v < act ? 'act' : v < watch ? 'watch' : 'healthy';
/** A value where higher is worse: from `act` on is act, from `watch` on is watch. */
export const gradeHigh = (v: number, watch: number, act: number): Status =>
  v >= act ? 'act' : v >= watch ? 'watch' : 'healthy';

export const pct = (n: number, d: number) => (d > 0 ? Math.round((1000 * n) / d) / 10 : null);

type Check = { status: Status; reason: Reason; step?: string; path?: string };

export function rhythm(f: Facts, t: Thresholds, slug: string): Judgement {
  const checks: Check[] = [];
  if (f.weeksSinceLast === null)
    checks.push({ status: f.upcoming.length ? 'healthy' : 'watch', reason: { key: 'rhythmNone', values: {} } });
  else
    checks.push({
      status: gradeHigh(f.weeksSinceLast, t.rhythmWatchWeeks, t.rhythmActWeeks),
      reason: { key: 'rhythmSince', values: { weeks: f.weeksSinceLast } },
    });
  if (f.planned90) {
    const held = Math.min(100, pct(f.held90, f.planned90)!);
    checks.push({
      status: gradeLow(held, t.rhythmHeldWatchPct, t.rhythmHeldActPct),
      reason: { key: 'rhythmHeld', values: { held: Math.min(f.held90, f.planned90), planned: f.planned90 } },
    });
  }
  const w = worst(checks);
  return {
    key: 'rhythm',
    status: w.status,
    value: f.weeksSinceLast,
    unit: 'weeks',
    reason: w.reason,
    step: 'stepRhythm',
    path: `/c/${slug}/series`,
  };
}

export function pipeline(f: Facts, t: Thresholds, slug: string): Judgement {
  const gap = f.upcoming.find((u) => u.talks === 0);
  const covered = gap ? gap.inWeeks : f.upcoming.length ? Math.max(...f.upcoming.map((u) => u.inWeeks)) + 1 : 0;
  const coverage: Check = {
    status: gradeLow(covered, t.pipelineWatchWeeks, t.pipelineActWeeks),
    reason: gap
      ? { key: 'pipelineGap', values: { weeks: covered, backlog: f.backlog } }
      : f.upcoming.length
        ? { key: 'pipelineCovered', values: { weeks: covered, backlog: f.backlog } }
        : { key: 'pipelineNothing', values: { backlog: f.backlog } },
    ...(f.backlog > 0
      ? { step: 'stepPlaceBacklog', path: `/c/${slug}/series` }
      : { step: 'stepFindSpeakers', path: `/c/${slug}/nominate` }),
  };
  const checks = [coverage];
  if (f.oldestPendingDays !== null)
    checks.push({
      status: gradeHigh(f.oldestPendingDays, t.decisionWatchDays, t.decisionActDays),
      reason: { key: 'pipelineWaiting', values: { pending: f.pending, days: f.oldestPendingDays } },
      step: 'stepDecide',
      path: `/c/${slug}/proposals`,
    });
  const w = worst(checks);
  return {
    key: 'pipeline',
    status: w.status,
    value: covered,
    unit: 'weeks',
    reason: w.reason,
    step: w.step!,
    path: w.path!,
  };
}

export function attendance(f: Facts, t: Thresholds, slug: string): Judgement {
  const base = {
    key: 'attendance' as const,
    unit: 'people' as const,
    step: 'stepAttendance',
    path: `/c/${slug}/wishes`,
  };
  if (!f.meetings.length)
    return { ...base, status: 'healthy', value: null, reason: { key: 'attendanceNone', values: {} } };
  // Check-ins say who came; a community that never checks anyone in is judged by RSVPs.
  const byCheckIn = f.meetings.some((m) => m.checkedIn > 0);
  const counts = f.meetings.map((m) => (byCheckIn ? m.checkedIn : m.going));
  const last = counts[counts.length - 1];
  const checks: Check[] = [{ status: 'healthy', reason: { key: 'attendanceSteady', values: { last } } }];
  const n = t.attendanceFalls;
  const tail = counts.slice(-n);
  if (tail.length === n && tail.every((c, i) => i === 0 || c < tail[i - 1]))
    checks.push({ status: 'act', reason: { key: 'attendanceFell', values: { n, series: tail.join(' → ') } } });
  if (counts.length >= 2) {
    const prev = counts[counts.length - 2];
    if (prev > 0 && ((prev - last) * 100) / prev >= t.attendanceDropWatchPct)
      checks.push({ status: 'watch', reason: { key: 'attendanceDropped', values: { from: prev, to: last } } });
  }
  const m = f.meetings[f.meetings.length - 1];
  if (byCheckIn && m.going > 0) {
    const came = pct(m.checkedIn, m.going)!;
    checks.push({
      status: gradeLow(came, t.showUpWatchPct, t.showUpActPct),
      reason: { key: 'attendanceShowUp', values: { came: m.checkedIn, going: m.going, pct: Math.round(came) } },
    });
  }
  const w = worst(checks);
  return {
    ...base,
    status: w.status,
    value: last,
    reason: { ...w.reason, values: { ...w.reason.values, counted: byCheckIn ? 'came' : 'going' } },
  };
}

export function newVoices(f: Facts, t: Thresholds, slug: string): Judgement {
  const base = {
    key: 'newVoices' as const,
    unit: 'percent' as const,
    step: 'stepNewVoices',
    path: `/c/${slug}/nominate`,
  };
  const first = pct(f.firstTimeTalks12, f.talks12);
  if (f.talks12 < t.minTalks)
    return {
      ...base,
      status: 'healthy',
      value: first,
      reason: { key: 'voicesTooFew', values: { talks: f.talks12, min: t.minTalks } },
    };
  const top = pct(f.topSpeakerTalks12, f.talks12)!;
  const w = worst<Check>([
    {
      status: gradeLow(first!, t.firstTimeWatchPct, t.firstTimeActPct),
      reason: { key: 'voicesFirst', values: { first: f.firstTimeTalks12, talks: f.talks12, pct: Math.round(first!) } },
    },
    {
      status: gradeHigh(top, t.topSpeakersWatchPct, t.topSpeakersActPct),
      reason: { key: 'voicesTop', values: { top: f.topSpeakerTalks12, talks: f.talks12, pct: Math.round(top) } },
    },
  ]);
  return { ...base, status: w.status, value: first, reason: w.reason };
}

export function reach(f: Facts, t: Thresholds, slug: string): Judgement {
  const base = { key: 'reach' as const, unit: 'percent' as const, step: 'stepReach', path: `/c/${slug}/announcements` };
  const share = pct(f.attendees90, f.members);
  if (share === null) return { ...base, status: 'healthy', value: null, reason: { key: 'reachNoMembers', values: {} } };
  return {
    ...base,
    status: gradeLow(share, t.reachWatchPct, t.reachActPct),
    value: share,
    reason: {
      key: 'reachShare',
      values: {
        came: f.attendees90,
        members: f.members,
        pct: Math.round(share),
        departments: f.departments90,
        of: f.memberDepartments,
      },
    },
  };
}

export function care(f: Facts, t: Thresholds, slug: string): Judgement {
  const base = { key: 'care' as const, unit: 'percent' as const, step: 'stepCare', path: `/c/${slug}/tasks` };
  const share = pct(f.tasksOnTime90, f.tasksDue90);
  if (share === null) return { ...base, status: 'healthy', value: null, reason: { key: 'careNone', values: {} } };
  return {
    ...base,
    status: gradeLow(share, t.onTimeWatchPct, t.onTimeActPct),
    value: share,
    reason: { key: 'careShare', values: { onTime: f.tasksOnTime90, due: f.tasksDue90, pct: Math.round(share) } },
  };
}

export function lessons(f: Facts, t: Thresholds, slug: string): Judgement {
  const base = { key: 'lessons' as const, unit: 'percent' as const, step: 'stepLessons', path: `/c/${slug}/proposals` };
  const share = pct(f.withLesson12, f.talks12);
  if (share === null) return { ...base, status: 'healthy', value: null, reason: { key: 'lessonsNone', values: {} } };
  return {
    ...base,
    status: gradeLow(share, t.lessonsWatchPct, t.lessonsActPct),
    value: share,
    reason: { key: 'lessonsShare', values: { with: f.withLesson12, talks: f.talks12, pct: Math.round(share) } },
  };
}

export const RULES: Record<IndicatorKey, (f: Facts, t: Thresholds, slug: string) => Judgement> = {
  rhythm,
  pipeline,
  attendance,
  newVoices,
  reach,
  care,
  lessons,
};

/** Every indicator, in the order of INDICATORS. */
export const judge = (f: Facts, t: Thresholds, slug: string): Judgement[] =>
  INDICATORS.map((k) => RULES[k](f, t, slug));
