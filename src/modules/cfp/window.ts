/**
 * A call's window as people read it, in the community's time zone. The API stores two instants and a
 * call takes proposals while opensAt ≤ now < closesAt (call.entity.ts, isOpen). People think in days:
 * "opens on 1 February" is the start of that day, "open until 1 March" means to the end of that day —
 * the call closes at the start of 2 March, in the community's zone. The pages turn days into those
 * instants here, and show a closing instant as the last minute the call is open.
 */
import { DateTime } from 'luxon';

const dayIn = (day: string, tz: string) => DateTime.fromISO(day, { zone: tz });

/** The instant a day starts in the zone (ISO, UTC); null when the text is no calendar day. */
export function startOfDay(day: string, tz: string): string | null {
  const t = dayIn(day, tz);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && t.isValid ? t.startOf('day').toUTC().toISO() : null;
}

/** The instant a call "open until `day`" closes: the start of the next day in the zone (ISO, UTC). */
export function endOfDay(day: string, tz: string): string | null {
  const t = dayIn(day, tz);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && t.isValid ? t.startOf('day').plus({ days: 1 }).toUTC().toISO() : null;
}

/** The day an instant falls on in the zone (YYYY-MM-DD), for a date field. */
export const dayOf = (at: Date, tz: string) => DateTime.fromJSDate(at, { zone: tz }).toISODate()!;

/** The "open until" day of a closing instant: the day of its last open moment. */
export const closingDay = (closesAt: Date, tz: string) => dayOf(new Date(closesAt.getTime() - 1), tz);

/**
 * The last moment a call is open, as a page says it: a call closing at midnight in the zone is open
 * until 23:59 the day before; one closing at another time (set through the API) closes then.
 */
export function lastOpenMinute(closesAt: Date, tz: string): Date {
  const key = `${tz}|${closesAt.getTime()}`;
  let atMidnight = midnights.get(key);
  if (atMidnight === undefined) {
    const t = DateTime.fromJSDate(closesAt, { zone: tz });
    atMidnight = t.equals(t.startOf('day'));
    if (midnights.size >= 5000) midnights.clear();
    midnights.set(key, atMidnight);
  }
  return atMidnight ? new Date(closesAt.getTime() - 60_000) : closesAt;
}
/** Whether a closing instant is midnight in its zone, remembered: every community home asks it per call (issue #30). */
const midnights = new Map<string, boolean>();
