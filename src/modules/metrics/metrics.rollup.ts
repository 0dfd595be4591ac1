/**
 * A community's figures, read from the buckets kept in metrics_bucket where they are kept and hold
 * now, and computed (metrics.queries.ts) where not: five years by month are one read of 61 kept rows
 * (issue #30). A bucket is kept with the moment until which its figures hold by time (an event that
 * started in it ends, a task falls due; never, once all that is over), so the open month is kept too.
 * What makes a kept bucket exact under writes is in the database (migration MetricsRollup): a write
 * deletes every kept bucket it could change. What is here is how a reader keeps buckets without ever
 * keeping one a concurrent write has changed:
 *   1. when it finds a bucket missing, it claims (a metrics_claim row), but only while no writer
 *      that touched the community is uncommitted (`pg_try_advisory_xact_lock`, which such writers
 *      hold shared); if one is, the reader computes without keeping;
 *   2. the next statement computes, in a snapshot that holds every write before the claim, and keeps
 *      the buckets that end by the claim's `upto`, which every write since has lowered to the earliest
 *      moment it touched.
 * So a hit is one statement and a miss three. A period that begins inside a bucket keeps that
 * bucket's part from its start on, under that date.
 */
import type { EntityManager } from 'typeorm';
import {
  claimBuckets,
  computeAndKeep,
  figuresByBucket,
  keptBuckets,
  releaseClaim,
  type Bucket,
  type Row,
} from './metrics.queries';

export async function figuresKeptOrComputed(
  m: EntityManager,
  communityId: string,
  tz: string,
  from: string,
  to: string,
  unit: Bucket,
): Promise<Row[]> {
  const found = await keptBuckets(m, communityId, tz, from, to, unit);
  const all = JSON.parse(found.figures ?? '[]') as (Row | null)[];
  if (found.missing === 0) return all as Row[];
  const before = all.indexOf(null);
  // from the first bucket not kept on, computed, and kept under a claim when one can be had; the
  // buckets kept before it are read again with the computation, so that the answer is one snapshot
  const claim = await claimBuckets(m, communityId);
  try {
    const rows = await computeAndKeep(m, communityId, tz, from, found.first_missing!, to, unit, claim);
    const kept = rows[0]?.kept ?? [];
    const computed = rows.map(({ kept: _, ...row }) => row);
    if (kept.length === before) return [...kept, ...computed];
    // a write forgot some of them meanwhile: all of it from one statement
    return figuresByBucket(m, communityId, tz, from, to, unit);
  } catch (e) {
    if (claim) await releaseClaim(m, claim).catch(() => undefined);
    throw e;
  }
}
