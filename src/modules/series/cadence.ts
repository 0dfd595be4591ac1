/**
 * A series' cadence: RFC 5545 RRULEs (parsed and expanded by the `rrule` library) in local wall-
 * clock time. The rule runs over "floating" dates (a local 12:00 written as 12:00Z), and each date
 * becomes an instant in the series' zone with Luxon — so a Berlin meetup at 12:00 stays at 12:00
 * across daylight saving, and "the 31st" or "the last Friday" mean what the RFC says they mean.
 * A cadence changes from a date on: each rule holds from its `from` date until the next one's.
 */
import { DateTime } from 'luxon';
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
      const start = firstAt(d, tz);
      out.push({ on, start: start.toJSDate(), end: start.plus({ minutes: r.minutes }).toJSDate() });
      if (o.limit !== undefined && out.length >= o.limit) return out;
    }
  }
  return out;
}

/**
 * The instant of a local wall-clock time (given as a floating date) in a zone. On the night clocks go
 * back the time happens twice, and RFC 5545 (3.3.5) says the first is meant: Luxon alone takes the
 * second. A time that does not exist (clocks going forward) moves on by the gap, as Luxon does.
 */
export function firstAt(d: Date, tz: string): DateTime {
  const wall = d.getTime();
  const luxon = DateTime.fromMillis(wall, { zone: 'UTC' }).setZone(tz, { keepLocalTime: true });
  // The offsets in force a day either side: the earlier candidate that really is this wall time wins.
  const candidates = [wall - DateTime.fromMillis(wall - 86_400_000, { zone: tz }).offset * 60_000, luxon.toMillis()];
  for (const at of candidates.sort((a, b) => a - b)) {
    const c = DateTime.fromMillis(at, { zone: tz });
    if (c.toMillis() + c.offset * 60_000 === wall) return c;
  }
  return luxon;
}

/** "12:00" → 720, or a 400. */
export function minuteOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new BadRequest('bad-time', 'The start time is HH:MM, e.g. 12:00.');
  return Number(m[1]) * 60 + Number(m[2]);
}
export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
