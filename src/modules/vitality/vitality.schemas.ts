import { Type } from 'typebox';
import { DateTime, Nullable } from '../../http/types';
import type { Messages } from '../../core/i18n/locale';
import { INDICATORS, STATUSES, THRESHOLDS, type ThresholdKey } from './rules';
import type { VitalityService } from './vitality.service';
import { sayReason } from './vitality.words';

const ThresholdValues = (optional: boolean, defaults = true) =>
  Type.Object(
    Object.fromEntries(
      (Object.keys(THRESHOLDS) as ThresholdKey[]).map((k) => {
        const d = THRESHOLDS[k];
        const s = Type.Integer({
          minimum: d.min,
          maximum: d.max,
          ...(defaults ? { default: d.default } : {}),
          description: d.what,
        });
        return [k, optional ? Type.Optional(s) : s];
      }),
    ),
    { additionalProperties: false },
  );

const IndicatorOut = Type.Object({
  key: Type.Enum(INDICATORS),
  name: Type.String(),
  status: Type.Enum(STATUSES, { description: 'healthy, watch (worth a look) or act (time to do something)' }),
  value: Nullable(Type.Number({ description: 'the headline figure; null when there is nothing to measure yet' })),
  unit: Type.Enum(['weeks', 'percent', 'people'] as const),
  reason: Type.String({ description: 'why, in words' }),
  reasonCode: Type.String(),
  reasonValues: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  trend: Type.Array(
    Type.Object({
      label: Type.String({ description: 'month (YYYY-MM) or, for attendance, the meeting' }),
      value: Nullable(Type.Number()),
    }),
  ),
  nextStep: Type.String(),
  nextStepUrl: Type.String({ description: 'the page that takes the next step' }),
  actSince: Nullable(DateTime),
});

export const HealthOut = Type.Object({
  community: Type.String(),
  indicators: Type.Array(IndicatorOut),
  thresholds: ThresholdValues(false),
  speakUp: Type.Object({
    enabled: Type.Boolean({ description: 'the monthly invitation to propose goes out' }),
    asked: Type.Integer({ minimum: 0, description: 'people invited in the last 12 months' }),
    proposed: Type.Integer({ minimum: 0, description: 'of those, how many submitted a proposal afterwards' }),
    declined: Type.Integer({ minimum: 0, description: 'of those, how many said "never ask again"' }),
  }),
});

export const HealthSettings = Type.Object(
  {
    thresholds: Type.Optional(ThresholdValues(true)),
    speakUp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/**
 * The settings form: every threshold (a form shows them all, so a blank one is missing, not reset to
 * its default) side by side with speakUp, which the API nests.
 */
export const HealthSettingsForm = Type.Evaluate(
  Type.Intersect([ThresholdValues(false, false), Type.Omit(HealthSettings, ['thresholds'])]),
);

export const healthOut = (r: Awaited<ReturnType<VitalityService['report']>>, m: Messages, publicUrl: string) => ({
  community: r.community.slug,
  indicators: r.indicators.map((i) => ({
    key: i.key,
    name: m.health.indicator[i.key],
    status: i.status,
    value: i.value,
    unit: i.unit,
    reason: sayReason(m, i.reason),
    reasonCode: i.reason.key,
    reasonValues: i.reason.values,
    trend: i.trend,
    nextStep: m.health.step[i.step],
    nextStepUrl: `${publicUrl}${i.path}`,
    actSince: i.actSince ? new Date(i.actSince).toISOString() : null,
  })),
  thresholds: r.thresholds,
  speakUp: r.speakUp,
});
