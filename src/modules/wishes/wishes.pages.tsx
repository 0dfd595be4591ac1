/** Pages: the community's topic wishes (post, vote, see the closed ones) and one wish (offer to talk, close). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { IdParams, Slug } from '../../http/types';
import { FormBody, pageCtx, sendPage } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import type { WishesService } from './wishes.service';
import { WishesPage, WishPage, type WishValues } from './wishes.views';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
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
    { ...page, schema: { hide: true, params: SlugParams, body: FormBody({ title: 200, details: 4000 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const r = await d.wishes.create(actor, req.params.slug, {
          title: req.body.title ?? '',
          details: req.body.details,
        });
        return reply.redirect(`/c/${req.params.slug}/wishes#wish-${r.wish.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return list(req, reply, actor, req.params.slug, 'open', { v: req.body, problem: e.message, code: e.status });
      }
    },
  );

  app.get('/wishes/:id', { ...page, schema: { hide: true, params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return one(req, reply, actor, req.params.id);
  });

  app.post(
    '/wishes/:id/vote',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ on: 1, from: 4 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const w = await d.wishes.vote(actor, req.params.id, req.body.on !== '0');
        return reply.redirect(
          req.body.from === 'list' ? `/c/${w.community}/wishes#wish-${w.id}` : `/wishes/${w.id}`,
          303,
        );
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return one(req, reply, actor, req.params.id, e.message, e.status);
      }
    },
  );

  app.post(
    '/wishes/:id/offer',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({}) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const r = await d.wishes.offer(actor, req.params.id, {});
        return reply.redirect(`/proposals/${r.proposalId}/edit`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return one(req, reply, actor, req.params.id, e.message, e.status);
      }
    },
  );

  app.post(
    '/wishes/:id/status',
    { ...page, schema: { hide: true, params: IdParams, body: FormBody({ status: 6 }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        await d.wishes.setStatus(actor, req.params.id, req.body.status === 'open' ? 'open' : 'closed');
        return reply.redirect(`/wishes/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return one(req, reply, actor, req.params.id, e.message, e.status);
      }
    },
  );
};
