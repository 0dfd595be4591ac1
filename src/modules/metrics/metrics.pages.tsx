/** The community's figures as charts, for its members; the CSV is the API's own (/v1/…/metrics?format=csv). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Slug } from '../../http/types';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { MetricsService } from './metrics.service';
import { FiguresPage } from './metrics.views';

export const metricsPages: FastifyPluginAsyncTypebox<{ metrics: MetricsService }> = async (app, d) => {
  app.get(
    '/c/:slug/figures',
    { config: { page: true }, schema: { hide: true, params: Type.Object({ slug: Slug }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await d.metrics.resolve(actor, req.params.slug, {});
      const rows = await d.metrics.compute(r.community.id, r.tz, r.from, r.to, r.bucket);
      return sendPage(
        reply,
        <FiguresPage
          ctx={pageCtx(req)}
          slug={req.params.slug}
          rows={rows}
          csvUrl={`/v1/communities/${req.params.slug}/metrics?format=csv&from=${r.from}&to=${r.to}`}
        />,
      );
    },
  );
};
