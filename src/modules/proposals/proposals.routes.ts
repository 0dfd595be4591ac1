import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { Page } from '../../http/pagination';
import { sendCachedJson, type RenderCaches } from '../../http/render-cache';
import { IdParams, NoContent, SlugParams } from '../../http/types';
import type { ProposalsService } from './proposals.service';
import {
  HistoryOut,
  ListQuery,
  ProposalCreate,
  ProposalOut,
  ProposalPatch,
  TransitionBody,
  proposalOut,
  DecideMany,
} from './proposals.schemas';

const tags = ['proposals'];

export const proposalsRoutes: FastifyPluginAsyncTypebox<{ proposals: ProposalsService; caches: RenderCaches }> = async (
  app,
  { proposals, caches },
) => {
  /** Rendered list pages; ProposalsService.listStamp says what they depend on. */
  const listPages = caches.cache('proposal-lists');

  app.post(
    '/communities/:slug/proposals',
    {
      schema: {
        tags,
        summary: 'Propose a talk: a draft, or submitted at once (`submit: true`, while the call is open)',
        params: SlugParams,
        body: ProposalCreate,
        response: { 201: ProposalOut },
      },
    },
    async (req, reply) => {
      const v = await proposals.create(actorOf(req), req.params.slug, req.body);
      setEtag(reply, v.row.version);
      return reply.code(201).header('location', `/v1/proposals/${v.row.id}`).send(proposalOut(v));
    },
  );

  app.get(
    '/communities/:slug/proposals',
    {
      schema: {
        tags,
        summary: 'Proposals you may see: your own; all (organizers); submitted ones (reviewers)',
        params: SlugParams,
        querystring: ListQuery,
        response: { 200: Page(ProposalOut) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { access, stamp } = await proposals.listStamp(actor, req.params.slug);
      return sendCachedJson(reply as FastifyReply, listPages, `${stamp} ${req.url}`, async () => {
        const { limit = 50, ...filters } = req.query;
        const page = await proposals.list(actor, req.params.slug, { ...filters, limit }, access);
        return { items: page.items.map(proposalOut), nextCursor: page.nextCursor };
      });
    },
  );

  app.get(
    '/proposals/:id',
    { schema: { tags, summary: 'Read a proposal', params: IdParams, response: { 200: ProposalOut } } },
    async (req, reply) => {
      const v = await proposals.get(actorOf(req), req.params.id);
      setEtag(reply, v.row.version);
      return proposalOut(v);
    },
  );

  app.patch(
    '/proposals/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or submitted proposal (speakers); honours If-Match',
        params: IdParams,
        headers: IfMatchHeader,
        body: ProposalPatch,
        response: { 200: ProposalOut },
      },
    },
    async (req, reply) => {
      const v = await proposals.update(actorOf(req), req.params.id, req.body, expectedVersion(req.headers['if-match']));
      setEtag(reply, v.row.version);
      return proposalOut(v);
    },
  );

  app.post(
    '/proposals/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a proposal: submit, accept, waitlist, reject, confirm, withdraw, cancel',
        params: IdParams,
        headers: IfMatchHeader,
        body: TransitionBody,
        response: { 200: ProposalOut },
      },
    },
    async (req, reply) => {
      const v = await proposals.transition(
        actorOf(req),
        req.params.id,
        req.body.to,
        req.body.reason,
        expectedVersion(req.headers['if-match']),
        req.body.notify ?? true,
      );
      setEtag(reply, v.row.version);
      return proposalOut(v);
    },
  );

  app.post(
    '/proposals/:id/invitation/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation to co-present: you become a speaker of the proposal',
        params: IdParams,
        response: { 200: ProposalOut },
      },
    },
    async (req, reply) => {
      const v = (await proposals.answerInvitation(actorOf(req), req.params.id, true))!;
      setEtag(reply, v.row.version);
      return proposalOut(v);
    },
  );

  app.post(
    '/proposals/:id/invitation/decline',
    {
      schema: {
        tags,
        summary: 'Decline an invitation to co-present (whoever asked is told)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await proposals.answerInvitation(actorOf(req), req.params.id, false);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/communities/:slug/decisions',
    {
      schema: {
        tags,
        summary: 'One decision for several proposals at once (organizer); all move or none',
        params: SlugParams,
        body: DecideMany,
        response: { 200: Type.Object({ items: Type.Array(ProposalOut) }) },
      },
    },
    async (req) => ({ items: (await proposals.decideMany(actorOf(req), req.params.slug, req.body)).map(proposalOut) }),
  );

  app.post(
    '/communities/:slug/decisions/send',
    {
      schema: {
        tags,
        summary: 'Send the decision mails organizers staged (transitions with notify: false), as one batch',
        params: SlugParams,
        response: { 200: Type.Object({ sent: Type.Integer() }) },
      },
    },
    async (req) => ({ sent: await proposals.sendStagedDecisions(actorOf(req), req.params.slug) }),
  );

  app.get(
    '/proposals/:id/history',
    {
      schema: {
        tags,
        summary: 'Every move of a proposal: who, when, from, to',
        params: IdParams,
        response: { 200: HistoryOut },
      },
    },
    async (req) => ({ items: await proposals.history(actorOf(req), req.params.id) }),
  );
};
