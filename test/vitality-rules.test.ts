/** The community-health rules as tables: facts in, status and reason out. No app, no database. */
import t from 'tap';
import {
  attendance,
  care,
  DEFAULT_THRESHOLDS,
  gradeHigh,
  gradeLow,
  inconsistentPairs,
  judge,
  lessons,
  newVoices,
  pipeline,
  reach,
  rhythm,
  thresholdsOf,
  type Facts,
} from '../src/modules/vitality/rules';

const T = DEFAULT_THRESHOLDS;
const base: Facts = {
  weeksSinceLast: 1,
  planned90: null,
  held90: 6,
  upcoming: [
    { inWeeks: 0, talks: 2 },
    { inWeeks: 2, talks: 1 },
    { inWeeks: 4, talks: 1 },
    { inWeeks: 6, talks: 1 },
  ],
  backlog: 2,
  pending: 1,
  oldestPendingDays: 3,
  meetings: [
    { title: 'A', going: 20, checkedIn: 15 },
    { title: 'B', going: 22, checkedIn: 18 },
    { title: 'C', going: 21, checkedIn: 17 },
  ],
  talks12: 10,
  firstTimeTalks12: 4,
  topSpeakerTalks12: 3,
  members: 40,
  attendees90: 25,
  departments90: 5,
  memberDepartments: 7,
  tasksDue90: 10,
  tasksOnTime90: 9,
  withLesson12: 7,
};
const f = (more: Partial<Facts>): Facts => ({ ...base, ...more });

t.test('grading: lower-is-worse and higher-is-worse, at the edges', async (t) => {
  const rows: [number, number, number, string, string][] = [
    // value, watch, act, gradeLow, gradeHigh
    [50, 40, 20, 'healthy', 'act'],
    [40, 40, 20, 'healthy', 'watch'],
    [39, 40, 20, 'watch', 'watch'],
    [20, 40, 20, 'watch', 'watch'],
    [19, 40, 20, 'act', 'watch'],
  ];
  for (const [v, w, a, low] of rows) t.equal(gradeLow(v, w, a), low, `low ${v} (${w}/${a})`);
  const high: [number, number, number, string][] = [
    [4, 5, 8, 'healthy'],
    [5, 5, 8, 'watch'],
    [7, 5, 8, 'watch'],
    [8, 5, 8, 'act'],
  ];
  for (const [v, w, a, want] of high) t.equal(gradeHigh(v, w, a), want, `high ${v} (${w}/${a})`);
});

t.test('every indicator is healthy on a thriving community', async (t) => {
  const all = judge(base, T, 'guild');
  t.same(
    all.map((j) => [j.key, j.status]),
    [
      ['rhythm', 'healthy'],
      ['pipeline', 'healthy'],
      ['attendance', 'healthy'],
      ['newVoices', 'healthy'],
      ['reach', 'healthy'],
      ['care', 'healthy'],
      ['lessons', 'healthy'],
    ],
  );
});

t.test('rhythm kept', async (t) => {
  const rows: [string, Partial<Facts>, string, string][] = [
    ['met last week', {}, 'healthy', 'rhythmSince'],
    ['five weeks', { weeksSinceLast: 5 }, 'watch', 'rhythmSince'],
    ['eight weeks', { weeksSinceLast: 8 }, 'act', 'rhythmSince'],
    ['never, but planned', { weeksSinceLast: null }, 'healthy', 'rhythmNone'],
    ['never, nothing planned', { weeksSinceLast: null, upcoming: [] }, 'watch', 'rhythmNone'],
    ['3 of 4 planned held', { planned90: 4, held90: 3 }, 'healthy', 'rhythmSince'],
    ['2 of 4 planned held', { planned90: 4, held90: 2 }, 'watch', 'rhythmHeld'],
    ['1 of 4 planned held', { planned90: 4, held90: 1 }, 'act', 'rhythmHeld'],
    ['more held than planned', { planned90: 2, held90: 5 }, 'healthy', 'rhythmSince'],
  ];
  for (const [name, more, status, reason] of rows) {
    const j = rhythm(f(more), T, 'guild');
    t.equal(j.status, status, `${name}: ${status}`);
    t.equal(j.reason.key, reason, `${name}: ${reason}`);
  }
  t.same(rhythm(f({ planned90: 4, held90: 1 }), T, 'g').reason.values, { held: 1, planned: 4 });
  t.equal(rhythm(base, T, 'g').path, '/c/g/series');
});

t.test('speaker pipeline', async (t) => {
  const rows: [string, Partial<Facts>, string, string, string][] = [
    ['covered for 7 weeks', {}, 'healthy', 'pipelineCovered', 'stepPlaceBacklog'],
    [
      'gap in 2 weeks',
      {
        upcoming: [
          { inWeeks: 1, talks: 1 },
          { inWeeks: 2, talks: 0 },
        ],
      },
      'watch',
      'pipelineGap',
      'stepPlaceBacklog',
    ],
    [
      'next meeting empty',
      { upcoming: [{ inWeeks: 0, talks: 0 }], backlog: 0 },
      'act',
      'pipelineGap',
      'stepFindSpeakers',
    ],
    ['nothing planned', { upcoming: [] }, 'act', 'pipelineNothing', 'stepPlaceBacklog'],
    ['a proposal waits 14 days', { oldestPendingDays: 14 }, 'watch', 'pipelineWaiting', 'stepDecide'],
    ['a proposal waits 30 days', { oldestPendingDays: 30 }, 'act', 'pipelineWaiting', 'stepDecide'],
    ['nothing waits', { pending: 0, oldestPendingDays: null }, 'healthy', 'pipelineCovered', 'stepPlaceBacklog'],
  ];
  for (const [name, more, status, reason, step] of rows) {
    const j = pipeline(f(more), T, 'guild');
    t.same([j.status, j.reason.key, j.step], [status, reason, step], name);
  }
  t.equal(pipeline(base, T, 'g').value, 7, 'weeks covered: through the last meeting that has talks');
});

t.test('attendance', async (t) => {
  const m = (...n: number[]) => n.map((c, i) => ({ title: `M${i}`, going: c + 5, checkedIn: c }));
  const rows: [string, Partial<Facts>, string, string][] = [
    ['steady', {}, 'healthy', 'attendanceSteady'],
    ['fell three in a row', { meetings: m(24, 17, 11) }, 'act', 'attendanceFell'],
    ['fell, rose, fell', { meetings: m(24, 17, 20, 15) }, 'watch', 'attendanceDropped'],
    ['small dip', { meetings: m(20, 19) }, 'healthy', 'attendanceSteady'],
    ['no meetings', { meetings: [] }, 'healthy', 'attendanceNone'],
    ['half came', { meetings: [{ title: 'X', going: 20, checkedIn: 10 }] }, 'watch', 'attendanceShowUp'],
    ['few came', { meetings: [{ title: 'X', going: 20, checkedIn: 7 }] }, 'act', 'attendanceShowUp'],
  ];
  for (const [name, more, status, reason] of rows) {
    const j = attendance(f(more), T, 'guild');
    t.same([j.status, j.reason.key], [status, reason], name);
  }
  const fell = attendance(f({ meetings: m(30, 24, 17, 11) }), T, 'g');
  t.same(fell.reason.values, { n: 3, series: '24 → 17 → 11', counted: 'came' }, 'the last three, in words');
  t.equal(fell.value, 11);
  const rsvps = attendance(f({ meetings: [20, 15, 9].map((g) => ({ title: 'x', going: g, checkedIn: 0 })) }), T, 'g');
  t.same([rsvps.status, rsvps.reason.values.counted], ['act', 'going'], 'no check-ins: judged by RSVPs');
  t.equal(attendance(f({ meetings: m(24, 17, 11) }), { ...T, attendanceFalls: 4 }, 'g').status, 'watch');
});

t.test('new voices', async (t) => {
  const rows: [string, Partial<Facts>, string, string][] = [
    ['mixed', {}, 'healthy', 'voicesFirst'],
    ['too few talks', { talks12: 3, firstTimeTalks12: 0, topSpeakerTalks12: 3 }, 'healthy', 'voicesTooFew'],
    ['few first-timers', { firstTimeTalks12: 1, talks12: 12 }, 'act', 'voicesFirst'],
    ['some first-timers', { firstTimeTalks12: 1, talks12: 6, topSpeakerTalks12: 1 }, 'watch', 'voicesFirst'],
    ['same few speakers', { topSpeakerTalks12: 6 }, 'watch', 'voicesTop'],
    ['the same three', { topSpeakerTalks12: 8 }, 'act', 'voicesTop'],
  ];
  for (const [name, more, status, reason] of rows) {
    const j = newVoices(f(more), T, 'guild');
    t.same([j.status, j.reason.key], [status, reason], name);
  }
});

t.test('reach, care, lessons', async (t) => {
  const rows: [string, typeof reach, Partial<Facts>, string, string][] = [
    ['reach ok', reach, {}, 'healthy', 'reachShare'],
    ['reach 20 %', reach, { attendees90: 8 }, 'watch', 'reachShare'],
    ['reach 5 %', reach, { attendees90: 2 }, 'act', 'reachShare'],
    ['no members', reach, { members: 0, attendees90: 0 }, 'healthy', 'reachNoMembers'],
    ['care 90 %', care, {}, 'healthy', 'careShare'],
    ['care 70 %', care, { tasksOnTime90: 7 }, 'watch', 'careShare'],
    ['care 50 %', care, { tasksOnTime90: 5 }, 'act', 'careShare'],
    ['no tasks', care, { tasksDue90: 0, tasksOnTime90: 0 }, 'healthy', 'careNone'],
    ['lessons 70 %', lessons, {}, 'healthy', 'lessonsShare'],
    ['lessons 40 %', lessons, { withLesson12: 4 }, 'watch', 'lessonsShare'],
    ['lessons 20 %', lessons, { withLesson12: 2 }, 'act', 'lessonsShare'],
    ['no talks', lessons, { talks12: 0, withLesson12: 0 }, 'healthy', 'lessonsNone'],
  ];
  for (const [name, rule, more, status, reason] of rows) {
    const j = rule(f(more), T, 'guild');
    t.same([j.status, j.reason.key], [status, reason], name);
  }
  t.same(reach(base, T, 'g').reason.values, { came: 25, members: 40, pct: 63, departments: 5, of: 7 });
});

t.test("a community's own thresholds", async (t) => {
  const own = thresholdsOf({ rhythmWatchWeeks: 2, rhythmActWeeks: 3, bogus: 9 });
  t.equal(own.rhythmActWeeks, 3);
  t.equal(own.lessonsActPct, T.lessonsActPct, 'the rest are the defaults');
  t.notOk('bogus' in own, 'unknown keys are ignored');
  t.equal(rhythm(f({ weeksSinceLast: 3 }), own, 'g').status, 'act', 'a stricter community acts sooner');
  t.same(inconsistentPairs(T), [], 'the defaults are in order');
  t.same(inconsistentPairs({ ...T, reachActPct: 30 }), [['reachWatchPct', 'reachActPct']], 'act milder than watch');
  t.same(inconsistentPairs({ ...T, rhythmActWeeks: 4 }), [['rhythmWatchWeeks', 'rhythmActWeeks']]);
});
