/**
 * The backlog planner as tables: which talks it proposes for which occurrence, at what time, and
 * which it leaves out and why (too long, a speaker busy, the format mix full, already proposed).
 * Pure: no app, no database.
 */
import t from 'tap';
import { planBacklog, type PlanOccurrence, type PlanTalk } from '../../src/modules/series/backlog';

const at = (hhmm: string, day = '2027-06-10') => new Date(`${day}T${hhmm}:00Z`);
const occurrence = (
  eventId: string,
  from: string,
  to: string,
  o: Partial<PlanOccurrence> = {},
  day = '2027-06-10',
) => ({
  eventId,
  on: day,
  start: at(from, day),
  end: at(to, day),
  agendaEnd: at(from, day),
  ...o,
});
const talk = (id: string, format: string, minutes: number, ...speakers: string[]): PlanTalk => ({
  id,
  title: `Talk ${id}`,
  format,
  minutes,
  speakers: (speakers.length ? speakers : [`s-${id}`]).map((s) => ({ id: s, name: s })),
});

type Busy = Parameters<typeof planBacklog>[2];
interface Row {
  what: string;
  occurrences: PlanOccurrence[];
  backlog: PlanTalk[];
  busy?: Busy;
  mix?: Record<string, number>;
  /** per occurrence: "talk@HH:MM-HH:MM" in order, and the free minutes */
  want: Record<string, { free: number; proposed: string[] }>;
}

const ROWS: Row[] = [
  {
    what: 'talks one after another from the start, in backlog order (the longest accepted first)',
    occurrences: [occurrence('e1', '12:00', '13:00')],
    backlog: [talk('a', 'talk', 30), talk('b', 'lightning', 10), talk('c', 'lightning', 10)],
    want: { e1: { free: 60, proposed: ['a@12:00-12:30', 'b@12:30-12:40', 'c@12:40-12:50'] } },
  },
  {
    what: 'a talk too long for the time left is passed over; a shorter one later in line still fits',
    occurrences: [occurrence('e1', '12:00', '13:00')],
    backlog: [talk('a', 'talk', 45), talk('b', 'talk', 30), talk('c', 'lightning', 15)],
    want: { e1: { free: 60, proposed: ['a@12:00-12:45', 'c@12:45-13:00'] } },
  },
  {
    what: 'it starts where the agenda ends, and counts only the time left as free',
    occurrences: [occurrence('e1', '12:00', '13:00', { agendaEnd: at('12:40') })],
    backlog: [talk('a', 'talk', 30), talk('b', 'lightning', 20)],
    want: { e1: { free: 20, proposed: ['b@12:40-13:00'] } },
  },
  {
    what: 'a full agenda: nothing proposed, no free time',
    occurrences: [occurrence('e1', '12:00', '13:00', { agendaEnd: at('13:00') })],
    backlog: [talk('a', 'lightning', 5)],
    want: { e1: { free: 0, proposed: [] } },
  },
  {
    what: 'a speaker who speaks elsewhere then is passed over for that time',
    occurrences: [occurrence('e1', '12:00', '13:00')],
    backlog: [talk('a', 'talk', 30, 'ann'), talk('b', 'talk', 30, 'bob')],
    busy: new Map([['ann', [{ start: at('11:30'), end: at('12:15') }]]]),
    want: { e1: { free: 60, proposed: ['b@12:00-12:30', 'a@12:30-13:00'] } },
  },
  {
    what: 'a co-speaker counts too',
    occurrences: [occurrence('e1', '12:00', '12:30')],
    backlog: [talk('a', 'talk', 30, 'ann', 'cyd')],
    busy: new Map([['cyd', [{ start: at('12:20'), end: at('12:50') }]]]),
    want: { e1: { free: 30, proposed: [] } },
  },
  {
    what: 'two occurrences at the same time: a speaker is proposed for only one of them',
    occurrences: [occurrence('e1', '12:00', '12:30'), occurrence('e2', '12:00', '12:30')],
    backlog: [talk('a', 'talk', 30, 'ann'), talk('b', 'talk', 30, 'ann')],
    want: { e1: { free: 30, proposed: ['a@12:00-12:30'] }, e2: { free: 30, proposed: [] } },
  },
  {
    what: 'a talk is proposed once; occurrences are filled in date order',
    occurrences: [
      occurrence('late', '12:00', '12:30', {}, '2027-06-24'),
      occurrence('early', '12:00', '12:30', {}, '2027-06-10'),
    ],
    backlog: [talk('a', 'talk', 30), talk('b', 'talk', 30), talk('c', 'talk', 30)],
    want: { early: { free: 30, proposed: ['a@12:00-12:30'] }, late: { free: 30, proposed: ['b@12:00-12:30'] } },
  },
  {
    what: 'the format mix: at most so many of each format per meeting',
    occurrences: [occurrence('e1', '12:00', '14:00')],
    backlog: [talk('a', 'talk', 30), talk('b', 'talk', 30), talk('c', 'lightning', 5), talk('d', 'lightning', 5)],
    mix: { talk: 1, lightning: 1 },
    want: { e1: { free: 120, proposed: ['a@12:00-12:30', 'c@12:30-12:35'] } },
  },
  {
    what: 'the format mix counts what the agenda has already',
    occurrences: [occurrence('e1', '12:00', '14:00', { agendaEnd: at('12:30'), formats: { talk: 1 } })],
    backlog: [talk('a', 'talk', 30), talk('c', 'lightning', 5)],
    mix: { talk: 1, lightning: 2 },
    want: { e1: { free: 90, proposed: ['c@12:30-12:35'] } },
  },
  {
    what: 'with a mix, a format it does not name is not proposed',
    occurrences: [occurrence('e1', '12:00', '14:00')],
    backlog: [talk('w', 'workshop', 60), talk('a', 'talk', 30)],
    mix: { talk: 2 },
    want: { e1: { free: 120, proposed: ['a@12:00-12:30'] } },
  },
  {
    what: 'without a mix (an empty one), every format is welcome',
    occurrences: [occurrence('e1', '12:00', '14:00')],
    backlog: [talk('w', 'workshop', 60), talk('a', 'talk', 30)],
    mix: {},
    want: { e1: { free: 120, proposed: ['w@12:00-13:00', 'a@13:00-13:30'] } },
  },
];

const hm = (d: Date) => d.toISOString().slice(11, 16);

t.test('planBacklog', async (t) => {
  for (const r of ROWS) {
    const plan = planBacklog(r.occurrences, r.backlog, r.busy ?? new Map(), r.mix);
    const got = Object.fromEntries(
      plan.map((p) => [
        p.eventId,
        { free: p.freeMinutes, proposed: p.proposed.map((x) => `${x.proposalId}@${hm(x.start)}-${hm(x.end)}`) },
      ]),
    );
    t.same(got, r.want, r.what);
  }
});

t.test('the plan leaves its inputs as they were', async (t) => {
  const backlog = [talk('a', 'talk', 30, 'ann')];
  const busy: Busy = new Map([['ann', [{ start: at('09:00'), end: at('10:00') }]]]);
  const plan = planBacklog([occurrence('e1', '12:00', '13:00')], backlog, busy);
  t.equal(plan[0].proposed.length, 1);
  t.equal(backlog.length, 1, 'the backlog is not consumed');
  t.equal(busy.get('ann')!.length, 1, 'the busy map is not written to');
  t.same(plan[0].proposed[0].speakers, [{ id: 'ann', name: 'ann' }], 'a proposal names its speakers');
});
