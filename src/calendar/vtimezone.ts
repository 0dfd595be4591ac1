/**
 * Local time in calendars: an event in Europe/Berlin is written DTSTART;TZID=Europe/Berlin:…T120000
 * with the zone's VTIMEZONE beside it, so a 12:00 meetup stays at 12:00 for every client across
 * daylight-saving changes (and a series expanded by a client keeps its wall-clock time). The
 * VTIMEZONE blocks come from timezones-ical-library (current IANA data, one RRULE pair per zone).
 * A zone the library does not know, or UTC itself, is written as UTC instants (…Z) as before:
 * a TZID without its VTIMEZONE is what makes clients guess.
 */
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

const UTC = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Zulu']);
let known: Set<string> | null = null;
const zones = new Map<string, { tzid: string; block: string } | null>();

/**
 * The TZID to write a zone's times in and its VTIMEZONE, or null for UTC instants. An alias
 * (US/Eastern) is written as the zone the library names for it (America/New_York).
 */
export function calendarZone(zone: string): { tzid: string; block: string } | null {
  let found = zones.get(zone);
  if (found === undefined) {
    found = null;
    known ??= new Set(tzlib_get_timezones() as string[]);
    // Asking for a zone the library lacks prints an error, so only known zones are asked.
    if (!UTC.has(zone) && known.has(zone)) {
      const [block, tzid] = tzlib_get_ical_block(zone) as string[];
      if (block?.startsWith('BEGIN:VTIMEZONE') && tzid?.startsWith('TZID=')) found = { tzid: tzid.slice(5), block };
    }
    zones.set(zone, found);
  }
  return found;
}

/** ical-generator's VTIMEZONE generator: called with each TZID the calendar's events use. */
export const vtimezone = (tzid: string): string | null => calendarZone(tzid)?.block ?? null;
