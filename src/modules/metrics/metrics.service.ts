import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { RuleBroken } from '../../core/errors';
import { stamp } from '../../core/stamp';
import { periodStart } from '../../core/when';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import type { Bucket, Row } from './metrics.queries';
import { figuresKeptOrComputed } from './metrics.rollup';

const MAX_BUCKETS = 600;

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null);

/** The figures of one bucket, named as the API and the CSV name them (the CSV's columns are these keys, in this order). */
export function figures(r: Row) {
  return {
    bucket: r.bucket,
    proposalsSubmitted: r.proposals_submitted,
    proposalsAccepted: r.proposals_accepted,
    proposalsRejected: r.proposals_rejected,
    acceptanceRatePct: pct(r.proposals_accepted, r.proposals_accepted + r.proposals_rejected),
    speakers: r.speakers,
    firstTimeSpeakers: r.first_time_speakers,
    departmentsReached: r.departments,
    eventsHeld: r.events_held,
    talksGiven: r.talks_given,
    rsvps: r.rsvps,
    attended: r.attended,
    attendanceRatePct: pct(r.attended, r.rsvps),
    meanFeedback: r.mean_feedback === null ? null : Math.round(r.mean_feedback * 100) / 100,
    tasksDue: r.tasks_due,
    tasksOnTimePct: pct(r.tasks_on_time, r.tasks_due),
    talksWithLessonPct: pct(r.talks_with_lesson, r.talks_given),
    nominations: r.nominations,
    nominationsToProposals: r.nominations_to_proposals,
    topicWishes: r.topic_wishes,
    wishVotes: r.wish_votes,
  };
}
export type Figures = ReturnType<typeof figures>;

export interface MetricsQuery {
  from?: string;
  to?: string;
  bucket?: Bucket;
}

/**
 * A community's health in figures, computed by PostgreSQL in one statement (metrics.queries.ts says
 * what each figure means) for the buckets not kept from an earlier computation (metrics.rollup.ts).
 */
export class MetricsService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  /** The community (members only), the resolved period, and a cache key for it. */
  async resolve(actor: Actor, slug: string, q: MetricsQuery) {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'metrics.read');
    const tz = a.community.timeZone;
    // (local dates from here on: their arithmetic needs no zone)
    const date = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
    const bucket = q.bucket ?? 'month';
    const to = q.to ?? date(periodStart(tz, 'day')).plus({ days: 1 }).toISODate()!;
    const from = q.from ?? date(to).minus({ months: 12 }).startOf('month').toISODate()!;
    if (to <= from) throw new RuleBroken('bad-range', '`to` must be after `from`.');
    const unit = `${bucket}s` as const;
    const n = date(to).diff(date(from), unit).get(unit);
    if (n > MAX_BUCKETS)
      throw new RuleBroken(
        'too-many-buckets',
        `That is ${Math.ceil(n)} ${unit}; ask for at most ${MAX_BUCKETS} (a longer bucket, or a shorter period).`,
      );
    return {
      community: a.community,
      tz,
      from,
      to,
      bucket,
      key: (format: string) => stamp({ community: a.community, minute: true, request: [from, to, bucket, format] }),
    };
  }

  async compute(communityId: string, tz: string, from: string, to: string, bucket: Bucket): Promise<Figures[]> {
    const rows = await figuresKeptOrComputed(this.ds.manager, communityId, tz, from, to, bucket);
    return rows.map(figures);
  }
}

const CSV_HEADER = Object.keys(figures({ bucket: '' } as Row));
const cell = (v: unknown) =>
  v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
export const toCsv = (rows: Figures[]) =>
  [CSV_HEADER.join(','), ...rows.map((r) => CSV_HEADER.map((k) => cell(r[k as keyof Figures])).join(','))].join(
    '\r\n',
  ) + '\r\n';
