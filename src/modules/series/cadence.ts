/**
 * A series' cadence: RFC 5545 RRULEs (parsed and expanded by the `rrule` library) in local wall-
 * clock time. The rule runs over "floating" dates (a local 12:00 written as 12:00Z), and each date
 * becomes an instant in the series' zone with Luxon — so a Berlin meetup at 12:00 stays at 12:00
 * across daylight saving, and "the 31st" or "the last Friday" mean what the RFC says they mean.
 * A cadence changes from a date on: each rule holds from its `from` date until the next one's.
 */
import { IANAZone } from 'luxon';
import { Frequency, RRule, type Options } from 'rrule';
import { BadRequest } from '../../core/errors';

export interface CadenceRule {
  /** first local date the rule applies to (YYYY-MM-DD); also the rule's DTSTART */
  from: string;
  rrule: string;
  /** local start, minutes after midnight */
  startMinute: number;
  minutes: number;
}
export interface Occurrence {
  /** the local date it falls on by its rule: its key in the series, whether or not it is moved */
  on: string;
  start: Date;
  end: Date;
}

const ALLOWED = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
/** How far ahead expansion looks for "the next N" (a rule that yields nothing for years is a mistake). */
export const LOOKAHEAD_YEARS = 5;

/** What is wrong with a cadence, for the pages (the catalogue's `refusalWith.bad-cadence`). */
const why = (what: 'freq' | 'fields' | 'byday' | 'interval') => ({ why: what, reason: '' });

/** The rule's options, or a 400 saying what is wrong with it. */
export function parseCadence(text: string): Partial<Options> {
  const raw = text.trim().replace(/^RRULE:/i, '');
  let o: Partial<Options>;
  try {
    o = RRule.parseString(raw);
  } catch (e) {
    throw new BadRequest('bad-cadence', `The cadence is not an RRULE: ${(e as Error).message}.`).saying({
      why: 'parse',
      reason: (e as Error).message,
    });
  }
  if (o.freq === undefined || !ALLOWED.has(o.freq))
    throw new BadRequest('bad-cadence', 'The cadence needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.').saying(why('freq'));
  for (const k of ['dtstart', 'tzid', 'byhour', 'byminute', 'bysecond'] as const)
    if (o[k] !== undefined && o[k] !== null)
      throw new BadRequest(
        'bad-cadence',
        'The cadence says which days; the start time, length and time zone are fields of their own.',
      ).saying(why('fields'));
  // rrule reads an unknown weekday (BYDAY=XX) as undefined and fails only when expanding.
  const days = o.byweekday === undefined || o.byweekday === null ? [] : [o.byweekday].flat();
  if (days.some((d) => d === undefined || d === null))
    throw new BadRequest(
      'bad-cadence',
      'BYDAY takes MO, TU, WE, TH, FR, SA or SU (e.g. BYDAY=TU or BYDAY=1MO).',
    ).saying(why('byday'));
  if ((o.interval ?? 1) < 1 || (o.interval ?? 1) > 100)
    throw new BadRequest('bad-cadence', 'INTERVAL must be between 1 and 100.').saying(why('interval'));
  return o;
}

const floating = (day: string, minute = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60));
};
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(new Date(floating(day).getTime() + n * 86_400_000));

/**
 * The occurrences of the rules from `from` (inclusive) to `to` (inclusive; default: five years on),
 * without skipped dates and dates after `endsOn`, at most `limit` of them, in date order.
 */
export function expand(
  rules: CadenceRule[],
  tz: string,
  o: { from: string; to?: string; limit?: number; endsOn?: string | null; skip?: ReadonlySet<string> },
): Occurrence[] {
  const sorted = [...rules].sort((a, b) => a.from.localeCompare(b.from));
  const last = [o.to ?? addDays(o.from, 366 * LOOKAHEAD_YEARS), o.endsOn ?? '9999-12-31'].sort()[0];
  const out: Occurrence[] = [];
  // The zone's offsets, found once as far as the occurrences reach (from two days before the first,
  // for firstAt's look-back); each occurrence then costs a search in a short list, not Intl calls.
  const offsetAt = zoneOffsets(tz, floating(o.from).getTime() - 2 * DAY);
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    const segFrom = r.from > o.from ? r.from : o.from;
    const next = sorted[i + 1]?.from;
    const segTo = next && addDays(next, -1) < last ? addDays(next, -1) : last;
    if (segFrom > segTo) continue;
    const rule = new RRule({ ...parseCadence(r.rrule), dtstart: floating(r.from, r.startMinute) });
    const dates = rule.between(floating(segFrom), floating(segTo, 24 * 60 - 1), true);
    for (const d of dates) {
      const on = dayOf(d);
      if (o.skip?.has(on)) continue;
      const start = firstAt(d, offsetAt);
      out.push({ on, start: new Date(start), end: new Date(start + r.minutes * 60_000) });
      if (o.limit !== undefined && out.length >= o.limit) return out;
    }
  }
  return out;
}

const DAY = 86_400_000;
/**
 * Shorter than any offset's spell in a zone, so sampling at this step misses no transition: the
 * shortest between 1990 and 2040 in the runtime's tz data is a week (America/Boa_Vista, October
 * 2000: daily samples of every zone); Morocco's Ramadan pauses last about a month.
 */
const STEP = 6 * DAY;

interface OffsetTable {
  from: number;
  /** transition instants (ms, the first is `from`) and the offset (minutes) from each on */
  at: number[];
  offset: number[];
  /** offsets are known up to here */
  sampled: number;
}
/** Per zone, kept for the process (a zone's past and planned transitions do not change while it runs). */
const tables = new Map<string, OffsetTable>();

/**
 * The zone's UTC offset (minutes) at any instant, from its transitions: sampled every STEP as far
 * as asked, each change pinned to the minute by bisection — a few hundred Intl calls for five
 * years, once per zone and process, instead of several per occurrence. The table starts where it
 * was first asked (`start`, or earlier when a later caller starts earlier); before it the zone is
 * asked directly.
 */
export function zoneOffsets(tz: string, start: number): (at: number) => number {
  const zone = IANAZone.create(tz);
  const from = Math.floor(start / 60_000) * 60_000; // on the minute, as transitions are
  let table = tables.get(tz);
  if (!table || table.from > from) {
    table = { from, at: [from], offset: [zone.offset(from)], sampled: from };
    if (tables.size >= 64) tables.delete(tables.keys().next().value!);
    tables.set(tz, table);
  }
  const { at, offset } = table;
  const extend = (until: number) => {
    while (table.sampled < until) {
      const t = table.sampled + STEP;
      const o = zone.offset(t);
      if (o !== offset[offset.length - 1]) {
        let lo = table.sampled; // the old offset; `t` has the new one
        let hi = t;
        while (hi - lo > 60_000) {
          const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
          if (zone.offset(mid) === o) hi = mid;
          else lo = mid;
        }
        at.push(hi);
        offset.push(o);
      }
      table.sampled = t;
    }
  };
  return (t) => {
    if (t < table.from) return zone.offset(t);
    extend(t);
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return offset[lo];
  };
}

/**
 * The instant (ms) of a local wall-clock time (given as a floating date) in a zone. On the night
 * clocks go back the time happens twice, and RFC 5545 (3.3.5) says the first is meant. A time that
 * does not exist (clocks going forward) moves on by the gap, as Luxon's keepLocalTime does.
 */
export function firstAt(d: Date, offsetAt: (at: number) => number): number {
  const wall = d.getTime();
  // Luxon's guess (objToTS with fixOffset): the offset at the wall time read as UTC, corrected once.
  const o1 = offsetAt(wall);
  let guess = wall - o1 * 60_000;
  const o2 = offsetAt(guess);
  if (o2 !== o1) {
    guess -= (o2 - o1) * 60_000;
    const o3 = offsetAt(guess);
    if (o3 !== o2) guess = wall - Math.min(o2, o3) * 60_000;
  }
  // The offsets in force a day either side: the earlier candidate that really is this wall time wins.
  const candidates = [wall - offsetAt(wall - DAY) * 60_000, guess].sort((a, b) => a - b);
  for (const at of candidates) if (at + offsetAt(at) * 60_000 === wall) return at;
  return guess;
}

/** "12:00" → 720, or a 400. */
export function minuteOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new BadRequest('bad-time', 'The start time is HH:MM, e.g. 12:00.');
  return Number(m[1]) * 60 + Number(m[2]);
}
export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
