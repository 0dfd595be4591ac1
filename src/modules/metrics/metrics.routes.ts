import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import type { RenderCaches } from '../../http/render-cache';
import { Day, Nullable, SlugParams } from '../../http/types';
import { type MetricsService, toCsv } from './metrics.service';
import { BUCKETS } from './metrics.queries';

const Int = Type.Integer({ minimum: 0 });
const Pct = Nullable(
  Type.Number({ minimum: 0, maximum: 100, description: 'percent, one decimal; null when nothing to divide by' }),
);
const BucketOut = Type.Object({
  bucket: Day('first day of the bucket (local); the first and last are clipped to the period'),
  proposalsSubmitted: Int,
  proposalsAccepted: Int,
  proposalsRejected: Int,
  acceptanceRatePct: Pct,
  speakers: Int,
  firstTimeSpeakers: Int,
  departmentsReached: Int,
  eventsHeld: Int,
  talksGiven: Int,
  rsvps: Int,
  attended: Int,
  attendanceRatePct: Pct,
  meanFeedback: Nullable(Type.Number()),
  tasksDue: Int,
  tasksOnTimePct: Pct,
  talksWithLessonPct: Pct,
  nominations: Int,
  nominationsToProposals: Int,
  topicWishes: Int,
  wishVotes: Int,
});
const MetricsOut = Type.Object({
  community: Type.String(),
  timeZone: Type.String(),
  from: Day(),
  to: Day('exclusive'),
  bucket: Type.Enum(BUCKETS),
  buckets: Type.Array(BucketOut),
});
const Query = Type.Object(
  {
    from: Type.Optional(Day('inclusive; default: 12 months before `to`, from the start of that month')),
    to: Type.Optional(Day('exclusive; default: tomorrow')),
    bucket: Type.Optional(Type.Enum(BUCKETS, { default: 'month' })),
    format: Type.Optional(Type.Enum(['json', 'csv'] as const, { description: 'or send Accept: text/csv' })),
  },
  { additionalProperties: false },
);

export const metricsRoutes: FastifyPluginAsyncTypebox<{ metrics: MetricsService; caches: RenderCaches }> = async (
  app,
  { metrics, caches },
) => {
  // Figures are cached by the community's content version and the minute: at most a minute old
  // (RSVPs and check-ins do not raise the content version).
  const cache = caches.cache('metrics');
  app.get(
    '/communities/:slug/metrics',
    {
      schema: {
        tags: ['metrics'],
        summary: "The community's health per week, month, quarter or year (members); JSON or CSV",
        params: SlugParams,
        querystring: Query,
        response: {
          200: {
            description: 'figures per bucket',
            content: { 'application/json': { schema: MetricsOut }, 'text/csv': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (req, reply) => {
      const r = await metrics.resolve(actorOf(req), req.params.slug, req.query);
      const csv =
        req.query.format === 'csv' ||
        (req.query.format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));
      const key = r.key(csv ? 'csv' : 'json');
      const body = await cache.through(key, async () => {
        const rows = await metrics.compute(r.community.id, r.tz, r.from, r.to, r.bucket);
        return Buffer.from(
          csv
            ? toCsv(rows)
            : JSON.stringify({
                community: r.community.slug,
                timeZone: r.tz,
                from: r.from,
                to: r.to,
                bucket: r.bucket,
                buckets: rows,
              }),
        );
      });
      reply.header('vary', 'Accept');
      if (csv)
        reply.header('content-disposition', `attachment; filename="${r.community.slug}-metrics-${r.from}-${r.to}.csv"`);
      return (reply as FastifyReply)
        .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .send(body);
    },
  );
};
