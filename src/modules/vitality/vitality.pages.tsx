/** Pages: the organizers' community-health page (with its settings form) and the invitee's "not now" / "never ask again". */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { Slug, Uuid } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import { SPEAK_UP_ANSWERS } from './vitality.entity';
import type { ThresholdKey } from './rules';
import { HealthSettingsForm } from './vitality.schemas';
import type { VitalityService } from './vitality.service';
import { HealthPage, SpeakUpPage } from './vitality.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
const AnswerParams = Type.Object({ id: Uuid, answer: Type.Enum(SPEAK_UP_ANSWERS) });
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
      const actor = actorOf(req);
      return show(req, reply, actor, req.params.slug, { saved: req.query.saved === '1' });
    },
  );

  app.post(
    '/c/:slug/health',
    {
      config: { page: true, form: HealthSettingsForm },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return formAction(
        reply,
        async () => {
          // An unticked box sends nothing: speakUpShown says the box was on the form.
          const shown = b.speakUpShown ? { speakUp: b.speakUp ? 'true' : 'false' } : {};
          const { speakUp, ...thresholds } = readForm(HealthSettingsForm, {
            ...b,
            speakUp: undefined,
            ...shown,
          }) as unknown as Record<ThresholdKey, number> & { speakUp?: boolean };
          await d.vitality.saveSettings(actor, req.params.slug, {
            thresholds,
            ...(speakUp === undefined ? {} : { speakUp }),
          });
          return reply.redirect(`/c/${req.params.slug}/health?saved=1`, 303);
        },
        (r) => show(req, reply, actor, req.params.slug, { problem: refusalText(pageCtx(req).l, r), code: r.status }),
      );
    },
  );

  app.get('/speak-up/:id/:answer', { ...page, schema: { hide: true, params: AnswerParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const inv = await d.vitality.invitation(actor, req.params.id);
    return sendPage(reply, <SpeakUpPage ctx={pageCtx(req)} inv={inv} asking={req.params.answer} />);
  });

  app.post(
    '/speak-up/:id/:answer',
    { config: { page: true, form: null }, schema: { hide: true, params: AnswerParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      const inv = await d.vitality.answer(actor, req.params.id, req.params.answer);
      return sendPage(reply, <SpeakUpPage ctx={pageCtx(req)} inv={inv} asking={req.params.answer} done />);
    },
  );
};
