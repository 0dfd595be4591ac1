import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IdParams, NoContent } from '../../http/types';
import { calendarLinks } from '../../core/calendar-links';
import type { FeedToken } from './feed-token.entity';
import type { FeedTokensService } from './feed-tokens.service';
import type { PeopleService } from './people.service';
import {
  FeedTokenCreated,
  FeedTokenOut,
  MePatch,
  PeopleQuery,
  PersonCreate,
  PersonOut,
  TokenCreate,
  TokenCreated,
  TokenOut,
  personOut,
  tokenOut,
} from './people.schemas';

const tags = ['people'];

export const peopleRoutes: FastifyPluginAsyncTypebox<{
  people: PeopleService;
  feedTokens: FeedTokensService;
  publicUrl: string;
}> = async (app, { people, feedTokens, publicUrl }) => {
  const feedOut = (t: FeedToken) => tokenOut({ ...t, lastUsedAt: null });
  const feedCreated = (t: FeedToken, secret: string) => ({
    ...feedOut(t),
    token: secret,
    ...calendarLinks(publicUrl, `/v1/feeds/${secret}/calendar.ics`),
  });

  app.get(
    '/me/feed-tokens',
    {
      schema: {
        tags,
        summary: 'My calendar-feed tokens (never their secrets)',
        response: { 200: Type.Object({ items: Type.Array(FeedTokenOut) }) },
      },
    },
    async (req) => ({ items: (await feedTokens.list(actorOf(req))).map((t) => feedOut(t)) }),
  );

  app.post(
    '/me/feed-tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal calendar feed; its secret URL is shown once',
        body: TokenCreate,
        response: { 201: FeedTokenCreated },
      },
    },
    async (req, reply) => {
      const { token, secret } = await feedTokens.create(actorOf(req), req.body.name);
      return reply.code(201).send(feedCreated(token, secret));
    },
  );

  app.post(
    '/me/feed-tokens/:id/rotate',
    {
      schema: {
        tags,
        summary: 'A new secret URL for the feed; the old one stops working',
        params: IdParams,
        response: { 200: FeedTokenCreated },
      },
    },
    async (req) => {
      const { token, secret } = await feedTokens.rotate(actorOf(req), req.params.id);
      return feedCreated(token, secret);
    },
  );

  app.delete(
    '/me/feed-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a feed: its URL answers 404 from now on',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await feedTokens.revoke(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get('/me', { schema: { tags, summary: 'Who am I', response: { 200: PersonOut } } }, async (req) =>
    personOut(await people.get(actorOf(req).id), true),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Update my name, department, title, or opt out of nominations',
        body: MePatch,
        response: { 200: PersonOut },
      },
    },
    async (req) => personOut(await people.updateMe(actorOf(req), req.body), true),
  );

  app.get(
    '/me/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens (never their secrets)',
        response: { 200: Type.Object({ items: Type.Array(TokenOut) }) },
      },
    },
    async (req) => ({ items: (await people.listTokens(actorOf(req).id)).map(tokenOut) }),
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; its secret is shown once',
        body: TokenCreate,
        response: { 201: TokenCreated },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { token, secret } = await people.createToken(actor, actor.id, req.body.name);
      return reply.code(201).send({ ...tokenOut(token), token: secret });
    },
  );

  app.delete(
    '/me/tokens/:id',
    { schema: { tags, summary: 'Revoke one of my tokens', params: IdParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await people.revokeToken(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/people',
    { schema: { tags, summary: 'Create a person (admin)', body: PersonCreate, response: { 201: PersonOut } } },
    async (req, reply) => reply.code(201).send(personOut(await people.create(actorOf(req), req.body))),
  );

  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'List people, or find one by e-mail (admin)',
        querystring: PeopleQuery,
        response: { 200: Type.Object({ items: Type.Array(PersonOut) }) },
      },
    },
    async (req) => ({ items: (await people.list(actorOf(req), req.query.email)).map((p) => personOut(p)) }),
  );

  app.post(
    '/people/:id/tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token for someone (admin); it is shown once',
        params: IdParams,
        body: TokenCreate,
        response: { 201: TokenCreated },
      },
    },
    async (req, reply) => {
      const { token, secret } = await people.createToken(actorOf(req), req.params.id, req.body.name);
      return reply.code(201).send({ ...tokenOut(token), token: secret });
    },
  );
};
