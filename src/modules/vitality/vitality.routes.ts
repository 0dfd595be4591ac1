import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth';
import { SlugParams } from '../../http/types';
import { localeFor } from '../../web/i18n';
import { HealthOut, HealthSettings, healthOut } from './vitality.schemas';
import type { VitalityService } from './vitality.service';

const tags = ['health'];

export const vitalityRoutes: FastifyPluginAsyncTypebox<{ vitality: VitalityService; publicUrl: string }> = async (
  app,
  { vitality, publicUrl },
) => {
  app.get(
    '/communities/:slug/health',
    {
      schema: {
        tags,
        summary:
          "The community's health (organizers): each indicator with its value, trend, status (healthy, watch, act), the reason in words and the next step",
        params: SlugParams,
        response: { 200: HealthOut },
      },
    },
    async (req) => {
      const r = await vitality.report(actorOf(req), req.params.slug);
      return healthOut(r, localeFor(req.headers['accept-language']).m, publicUrl);
    },
  );

  app.put(
    '/communities/:slug/health/settings',
    {
      schema: {
        tags,
        summary:
          "Set the community's own thresholds (those given replace its own; omitted ones are the defaults) and turn the monthly invitation to propose on or off (organizers)",
        params: SlugParams,
        body: HealthSettings,
        response: { 200: HealthOut },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await vitality.saveSettings(actor, req.params.slug, req.body);
      const r = await vitality.report(actor, req.params.slug);
      return healthOut(r, localeFor(req.headers['accept-language']).m, publicUrl);
    },
  );
};
