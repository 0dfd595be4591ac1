/** Pages: a community's announcement destinations (organizers): connect, test, pause or resume, redeliver. */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { IdParams, Slug } from '../../http/types';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import { DestinationCreate, DestinationPatch } from './announcements.schemas';
import type { AnnouncementsService } from './announcements.service';
import { AnnouncementsPage, type DestinationValues } from './announcements.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
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
    {
      config: { page: true, form: DestinationCreate },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
      return formAction(
        reply,
        async () => {
          // A pasted address is never meant with the spaces around it.
          const r = await d.announcements.create(
            actor,
            req.params.slug,
            readForm(DestinationCreate, { ...b, url: text('url')?.trim() }),
          );
          return show(req, reply, actor, req.params.slug, { secret: r.secret });
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          return show(req, reply, actor, req.params.slug, {
            v: { kind: text('kind'), name: text('name'), url: text('url') },
            problem: e.message,
            code: e.status,
          });
        },
      );
    },
  );

  app.post(
    '/destinations/:id/test',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
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
    {
      config: { page: true, form: DestinationPatch, formFields: ['paused'] },
      schema: { hide: true, params: IdParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return act(
        req,
        reply,
        actor,
        async () =>
          (await d.announcements.update(actor, req.params.id, readForm(DestinationPatch, req.body, ['paused'])))
            .community,
      );
    },
  );

  app.post(
    '/deliveries/:id/redeliver',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return act(req, reply, actor, async () => {
        const x = await d.announcements.redeliver(actor, req.params.id);
        return (await d.announcements.get(actor, x.destination_id)).community;
      });
    },
  );
};
