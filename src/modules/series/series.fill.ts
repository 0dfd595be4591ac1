/**
 * Keeping a series' upcoming occurrences as real events: the requests that change a series and the
 * daily job (`series-fill`) both call this, with the series row locked, so two never make the same
 * occurrence (and the unique index on event (series_id, occurrence_on) says so too).
 */
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { expand } from './cadence';
import * as q from './series.queries';

/** Makes the missing ones among the next `upcoming` occurrences; returns how many it made. */
export async function fillSeries(m: EntityManager, id: string): Promise<number> {
  const s = await q.seriesRow(m, id);
  if (!s) return 0;
  const next = expand(s.rules, s.time_zone, {
    from: DateTime.now().setZone(s.time_zone).toISODate()!,
    limit: s.upcoming,
    endsOn: s.ends_on,
    skip: new Set(s.skips),
  });
  let made = 0;
  for (const o of next) if (await q.insertOccurrence(m, s, o)) made++;
  return made;
}

/** The daily job: every running series, each in its own transaction with its row locked. */
export async function fillAllSeries(ds: DataSource): Promise<number> {
  let made = 0;
  for (const id of await q.runningSeries(ds.manager))
    made += await ds.transaction(async (m) => ((await q.seriesRow(m, id, true)) ? fillSeries(m, id) : 0));
  return made;
}
