/** Pages: a community's announcement destinations (organizers): connect, test, pause or resume, redeliver. */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { BadRequest } from '../../core/errors';
import { IdParams, Slug } from '../../http/types';
import { FormBody, pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import { DESTINATION_KINDS, HAPPENINGS, type DestinationKind, type Happening } from './announcement.entity';
import type { AnnouncementsService } from './announcements.service';
import { AnnouncementsPage, type DestinationValues } from './announcements.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
const ConnectBody = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  // one checkbox sends a string, several an array
  happenings: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]),
  ),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

export const announcementsPages: FastifyPluginAsyncTypebox<{ announcements: AnnouncementsService }> = async (
  app,
  d,
) => {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    more: { v?: DestinationValues; problem?: string; secret?: string | null; code?: number } = {},
  ) => {
    const all = await d.announcements.list(actor, slug);
    const destinations = await Promise.all(
      all.map(async (x) => ({ d: x, deliveries: await d.announcements.deliveries(actor, x.id, 10) })),
    );
    return sendPage(
      reply,
      <AnnouncementsPage
        ctx={pageCtx(req)}
        slug={slug}
        destinations={destinations}
        v={more.v}
        problem={more.problem}
        secret={more.secret}
      />,
      more.code,
    );
  };
  /** Runs an action on a destination, then shows its community's page again. */
  // A refusal here (not an organizer, no such destination) is the error page every page route shows.
  const act = async (_req: FastifyRequest, reply: FastifyReply, _actor: Actor, slug: () => Promise<string>) =>
    reply.redirect(`/c/${await slug()}/announcements`, 303);

  app.get('/c/:slug/announcements', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return show(req, reply, actor, req.params.slug);
  });

  app.post(
    '/c/:slug/announcements',
    { ...page, schema: { hide: true, params: SlugParams, body: ConnectBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const happenings = ([] as string[]).concat(b.happenings ?? []);
      return formAction(
        reply,
        async () => {
          if (!DESTINATION_KINDS.includes(b.kind as DestinationKind))
            throw new BadRequest(
              'bad-kind',
              'Choose where to post: Slack, Teams, Mattermost, Google Chat or a webhook.',
            );
          if (!happenings.length || happenings.some((h) => !HAPPENINGS.includes(h as Happening)))
            throw new BadRequest('bad-happenings', 'Choose at least one thing to announce.');
          if (!b.name?.trim()) throw new BadRequest('bad-name', 'Give the destination a name, e.g. #guild.');
          const r = await d.announcements.create(actor, req.params.slug, {
            kind: b.kind as DestinationKind,
            name: b.name,
            url: (b.url ?? '').trim(),
            happenings: happenings as Happening[],
          });
          return show(req, reply, actor, req.params.slug, { secret: r.secret });
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          return show(req, reply, actor, req.params.slug, { v: b, problem: e.message, code: e.status });
        },
      );
    },
  );

  app.post(
    '/destinations/:id/test',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      return act(req, reply, actor, async () => {
        await d.announcements.test(actor, req.params.id);
        return (await d.announcements.get(actor, req.params.id)).community;
      });
    },
  );

  app.post(
    '/destinations/:id/pause',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ paused: 5 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      return act(
        req,
        reply,
        actor,
        async () =>
          (await d.announcements.update(actor, req.params.id, { paused: req.body.paused !== 'false' })).community,
      );
    },
  );

  app.post(
    '/deliveries/:id/redeliver',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      return act(req, reply, actor, async () => {
        const x = await d.announcements.redeliver(actor, req.params.id);
        return (await d.announcements.get(actor, x.destination_id)).community;
      });
    },
  );
};
