/** Pages: the community's topic wishes (post, vote, see the closed ones) and one wish (offer to talk, close). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { IdParams, Slug } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import { WishCreate, WishPatch } from './wishes.schemas';
import type { WishesService } from './wishes.service';
import { WishesPage, WishPage, type WishValues } from './wishes.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
/** The vote button's form (the API votes with PUT/DELETE …/vote): on or off, and where it was pressed. */
const VoteForm = Type.Object({ on: Type.Optional(Type.Boolean()), from: Type.Optional(Type.Enum(['list', 'wish'])) });
const StatusQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'closed'] as const)) });

export const wishesPages: FastifyPluginAsyncTypebox<{
  wishes: WishesService;
  communities: CommunitiesService;
}> = async (app, d) => {
  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    status: 'open' | 'closed',
    more: { v?: WishValues; problem?: string; code?: number } = {},
  ) => {
    const wishes = await d.wishes.list(actor, slug, status, 100);
    return sendPage(
      reply,
      <WishesPage
        ctx={pageCtx(req)}
        slug={slug}
        status={status}
        wishes={wishes.items}
        v={more.v}
        problem={more.problem}
      />,
      more.code,
    );
  };
  const one = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    problem?: string,
    code?: number,
  ) => {
    const w = await d.wishes.get(actor, id);
    const a = await d.communities.access(actor, w.community);
    return sendPage(
      reply,
      <WishPage ctx={pageCtx(req)} w={w} organizer={a.role === 'organizer'} problem={problem} />,
      code,
    );
  };

  /** An action on one wish: refused, the wish again with why. */
  const onWish = (req: FastifyRequest, reply: FastifyReply, actor: Actor, run: () => Promise<unknown>) =>
    formAction(reply, run, (r) =>
      one(req, reply, actor, (req.params as { id: string }).id, refusalText(pageCtx(req).l, r), r.status),
    );

  app.get(
    '/c/:slug/wishes',
    { ...page, schema: { hide: true, params: SlugParams, querystring: StatusQuery } },
    async (req, reply) => {
      const actor = actorOf(req);
      return list(req, reply, actor, req.params.slug, req.query.status ?? 'open');
    },
  );

  app.post(
    '/c/:slug/wishes',
    { config: { page: true, form: WishCreate }, schema: { hide: true, params: SlugParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return formAction(
        reply,
        async () => {
          const r = await d.wishes.create(actor, req.params.slug, readForm(WishCreate, req.body));
          return reply.redirect(`/c/${req.params.slug}/wishes#wish-${r.wish.id}`, 303);
        },
        (r) =>
          list(req, reply, actor, req.params.slug, 'open', {
            v: req.body as WishValues,
            problem: refusalText(pageCtx(req).l, r),
            code: r.status,
          }),
      );
    },
  );

  app.get('/wishes/:id', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return one(req, reply, actor, req.params.id);
  });

  app.post(
    '/wishes/:id/vote',
    { config: { page: true, form: VoteForm }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return onWish(req, reply, actor, async () => {
        const b = readForm(VoteForm, req.body);
        const w = await d.wishes.vote(actor, req.params.id, b.on ?? true);
        return reply.redirect(b.from === 'list' ? `/c/${w.community}/wishes#wish-${w.id}` : `/wishes/${w.id}`, 303);
      });
    },
  );

  app.post(
    '/wishes/:id/offer',
    { config: { page: true, form: null }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return onWish(req, reply, actor, async () => {
        const r = await d.wishes.offer(actor, req.params.id, {});
        return reply.redirect(`/proposals/${r.proposalId}/edit`, 303);
      });
    },
  );

  app.post(
    '/wishes/:id/status',
    { config: { page: true, form: WishPatch }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      return onWish(req, reply, actor, async () => {
        await d.wishes.setStatus(actor, req.params.id, readForm(WishPatch, req.body).status);
        return reply.redirect(`/wishes/${req.params.id}`, 303);
      });
    },
  );
};
