import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IdParams } from '../../http/types';
import type { ReviewsService } from './reviews.service';
import { ReviewOut, ReviewPut, reviewOut } from './reviews.schemas';

const tags = ['reviews'];

export const reviewsRoutes: FastifyPluginAsyncTypebox<{ reviews: ReviewsService }> = async (app, { reviews }) => {
  app.put(
    '/proposals/:id/reviews/me',
    {
      schema: {
        tags,
        summary: 'Create or replace your review (reviewers and organizers; never your own proposal)',
        params: IdParams,
        body: ReviewPut,
        response: { 200: ReviewOut, 201: ReviewOut },
      },
    },
    async (req, reply) => {
      const { review, created } = await reviews.upsert(actorOf(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(reviewOut(review));
    },
  );

  app.get(
    '/proposals/:id/reviews/me',
    { schema: { tags, summary: 'Your review of a proposal', params: IdParams, response: { 200: ReviewOut } } },
    async (req) => reviewOut(await reviews.mine(actorOf(req), req.params.id)),
  );

  app.get(
    '/proposals/:id/reviews',
    {
      schema: {
        tags,
        summary: 'All reviews of a proposal (organizers; never its speakers)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ReviewOut) }) },
      },
    },
    async (req) => ({ items: (await reviews.list(actorOf(req), req.params.id)).map(reviewOut) }),
  );
};
