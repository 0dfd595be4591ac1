import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { NotFound, RuleBroken } from '../../core/errors';
import { authorize } from '../../core/policy';
import type { CommunitiesService } from '../communities/communities.service';
import type { Figures, MetricsService } from '../metrics/metrics.service';
import {
  inconsistentPairs,
  judge,
  THRESHOLDS,
  thresholdsOf,
  type Facts,
  type IndicatorKey,
  type Judgement,
  type Point,
  type ThresholdKey,
  type Thresholds,
} from './rules';
import type { SpeakUpAnswer } from './vitality.entity';
import * as q from './vitality.queries';

/** How many months the trends show. */
export const TREND_MONTHS = 6;

/** The trend of each indicator: a figure per month from the metrics (attendance: per meeting). */
export function trendOf(key: IndicatorKey, rows: Figures[], f: Facts): Point[] {
  const per = (v: (r: Figures) => number | null) => rows.map((r) => ({ label: r.bucket.slice(0, 7), value: v(r) }));
  switch (key) {
    case 'rhythm':
      return per((r) => r.eventsHeld);
    case 'pipeline':
      return per((r) => r.proposalsSubmitted);
    case 'attendance': {
      const byCheckIn = f.meetings.some((m) => m.checkedIn > 0);
      return f.meetings.map((m) => ({ label: m.title, value: byCheckIn ? m.checkedIn : m.going }));
    }
    case 'newVoices':
      return per((r) => r.firstTimeSpeakers);
    case 'reach':
      return per((r) => r.departmentsReached);
    case 'care':
      return per((r) => r.tasksOnTimePct);
    case 'lessons':
      return per((r) => r.talksWithLessonPct);
  }
}

export interface Indicator extends Judgement {
  trend: Point[];
  /** when it fell into act (the alert that told the organizers), else null */
  actSince: Date | null;
}

export interface HealthSettingsInput {
  thresholds?: Partial<Record<ThresholdKey, number>>;
  speakUp?: boolean;
}

/**
 * Community health (organizers): the facts counted by PostgreSQL, judged by the pure rules with the
 * community's thresholds, each with its trend from the metrics; the settings; the monthly
 * invitation's figures. Notifying (act once) is vitality.check.ts, run by the worker.
 */
export class VitalityService {
  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
    private readonly metrics: MetricsService,
  ) {}

  async report(actor: Actor, slug: string) {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'community.health');
    const m = this.ds.manager;
    const c = a.community;
    const [f, settings, alerts, speakUp] = await Promise.all([
      q.facts(m, c.id),
      q.settingsOf(m, c.id),
      q.alertsOf(m, c.id),
      q.speakUpCounts(m, c.id),
    ]);
    const today = DateTime.now().setZone(c.timeZone).startOf('day');
    const rows = await this.metrics.compute(
      c.id,
      c.timeZone,
      today
        .minus({ months: TREND_MONTHS - 1 })
        .startOf('month')
        .toISODate()!,
      today.plus({ days: 1 }).toISODate()!,
      'month',
    );
    const thresholds = thresholdsOf(settings.thresholds);
    const indicators: Indicator[] = judge(f, thresholds, c.slug).map((j) => ({
      ...j,
      trend: trendOf(j.key, rows, f),
      actSince: alerts.find((x) => x.indicator === j.key)?.raised_at ?? null,
    }));
    return {
      community: c,
      indicators,
      thresholds,
      ownThresholds: settings.thresholds,
      speakUp: { enabled: settings.speak_up, ...speakUp },
    };
  }

  /** New settings: thresholds given replace the community's own (omitted ones keep the default). */
  async saveSettings(actor: Actor, slug: string, input: HealthSettingsInput) {
    return this.ds.transaction(async (m) => {
      const a = await this.communities.access(actor, slug, m);
      authorize(a, 'community.health');
      const before = await q.settingsOf(m, a.community.id);
      const own: Record<string, number> = { ...(input.thresholds ?? before.thresholds) };
      for (const [k, v] of Object.entries(own)) {
        const def = THRESHOLDS[k as ThresholdKey];
        if (!def) throw new RuleBroken('unknown-threshold', `There is no threshold called ${k}.`);
        if (!Number.isInteger(v) || v < def.min || v > def.max)
          throw new RuleBroken('bad-threshold', `${k} is a whole number from ${def.min} to ${def.max}.`, {
            errors: [{ field: k, message: `from ${def.min} to ${def.max}` }],
          }).saying({ threshold: k, min: def.min, max: def.max });
      }
      const effective: Thresholds = thresholdsOf(own);
      const bad = inconsistentPairs(effective);
      if (bad.length)
        throw new RuleBroken(
          'thresholds-out-of-order',
          bad.map(([w, x]) => `${x} (${effective[x]}) must be no milder than ${w} (${effective[w]})`).join('; ') + '.',
        ).saying({
          threshold: bad[0][1],
          value: effective[bad[0][1]],
          other: bad[0][0],
          otherValue: effective[bad[0][0]],
        });
      await q.saveSettings(m, a.community.id, own, input.speakUp ?? before.speak_up);
    });
  }

  /** The invitee's own invitation to propose (anyone else's does not exist for them). */
  async invitation(actor: Actor, id: string) {
    const inv = await q.speakUpInvitation(this.ds.manager, id, actor.id);
    if (!inv) throw new NotFound('Invitation');
    return inv;
  }

  async answer(actor: Actor, id: string, answer: SpeakUpAnswer) {
    const done = await this.ds.transaction((m) => q.answerSpeakUp(m, id, actor.id, answer));
    if (!done) throw new NotFound('Invitation');
    return this.invitation(actor, id);
  }
}
