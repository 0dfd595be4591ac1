/** Pages: the organizers' community-health page (with its settings form) and the invitee's "not now" / "never ask again". */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { Slug, Uuid } from '../../http/types';
import { FormBody, pageCtx, sendPage, signedIn } from '../../web/render';
import { THRESHOLDS, type ThresholdKey } from './rules';
import { SPEAK_UP_ANSWERS } from './vitality.entity';
import type { VitalityService } from './vitality.service';
import { HealthPage, SpeakUpPage } from './vitality.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
const AnswerParams = Type.Object({ id: Uuid, answer: Type.Enum(SPEAK_UP_ANSWERS) });
const KEYS = Object.keys(THRESHOLDS) as ThresholdKey[];
const SettingsForm = FormBody({
  ...(Object.fromEntries(KEYS.map((k) => [k, 6])) as Record<ThresholdKey, number>),
  speakUp: 3,
  speakUpShown: 1,
});

export const vitalityPages: FastifyPluginAsyncTypebox<{ vitality: VitalityService }> = async (app, d) => {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    more: { problem?: string; code?: number; saved?: boolean } = {},
  ) => {
    const r = await d.vitality.report(actor, slug);
    return sendPage(
      reply,
      <HealthPage ctx={pageCtx(req)} r={r} problem={more.problem} saved={more.saved} />,
      more.code,
    );
  };

  app.get(
    '/c/:slug/health',
    {
      ...page,
      schema: { hide: true, params: SlugParams, querystring: Type.Object({ saved: Type.Optional(Type.String()) }) },
    },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      return show(req, reply, actor, req.params.slug, { saved: req.query.saved === '1' });
    },
  );

  app.post(
    '/c/:slug/health',
    { ...page, schema: { hide: true, params: SlugParams, body: SettingsForm } },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      const body = req.body as Record<string, string | undefined>;
      // A form sends every threshold; a blank or non-number field is refused by the service's range check.
      const thresholds = Object.fromEntries(
        KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]!.trim() === '' ? NaN : Number(body[k])]),
      );
      try {
        await d.vitality.saveSettings(actor, req.params.slug, {
          thresholds,
          ...(body.speakUpShown ? { speakUp: body.speakUp === 'on' } : {}),
        });
        return reply.redirect(`/c/${req.params.slug}/health?saved=1`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return show(req, reply, actor, req.params.slug, { problem: e.message, code: e.status });
      }
    },
  );

  app.get('/speak-up/:id/:answer', { ...page, schema: { hide: true, params: AnswerParams } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    const inv = await d.vitality.invitation(actor, req.params.id);
    return sendPage(reply, <SpeakUpPage ctx={pageCtx(req)} inv={inv} asking={req.params.answer} />);
  });

  app.post(
    '/speak-up/:id/:answer',
    { ...page, schema: { hide: true, params: AnswerParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = signedIn(req, reply);
      if (!actor) return reply;
      const inv = await d.vitality.answer(actor, req.params.id, req.params.answer);
      return sendPage(reply, <SpeakUpPage ctx={pageCtx(req)} inv={inv} asking={req.params.answer} done />);
    },
  );
};
