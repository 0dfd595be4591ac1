/** An event's time as mail and announcements write it: "Thursday 10 June 2027, 12:00–13:30 (Europe/Berlin)". */
import { DateTime } from 'luxon';

export function when(start: Date, end: Date, tz: string): string {
  const s = DateTime.fromJSDate(start, { zone: tz });
  const e = DateTime.fromJSDate(end, { zone: tz });
  return `${s.toFormat('cccc d LLLL yyyy, HH:mm')}–${e.toFormat('HH:mm')} (${tz})`;
}
