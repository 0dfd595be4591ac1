import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { DateTime, IdParams, Nullable } from '../../http/types';
import type { FeedbackService } from './feedback.service';
import type { FeedbackRow } from './feedback.queries';
import { FeedbackPut } from './feedback.schemas';

const tags = ['feedback'];
const FeedbackOut = Type.Object({
  rating: Type.Integer(),
  comment: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const SummaryOut = Type.Object({
  count: Type.Integer(),
  mean: Nullable(Type.Number()),
  distribution: Type.Record(Type.String(), Type.Integer()),
  comments: Type.Array(Type.Object({ rating: Type.Integer(), comment: Type.String(), at: DateTime }), {
    description: 'without names',
  }),
});
const out = (r: FeedbackRow) => ({
  rating: r.rating,
  comment: r.comment,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const feedbackRoutes: FastifyPluginAsyncTypebox<{ feedback: FeedbackService }> = async (app, { feedback }) => {
  app.put(
    '/proposals/:id/feedback/me',
    {
      schema: {
        tags,
        summary: 'Rate a talk you attended, 1–5, once it is over (editable)',
        params: IdParams,
        body: FeedbackPut,
        response: { 200: FeedbackOut, 201: FeedbackOut },
      },
    },
    async (req, reply) => {
      const { row, created } = await feedback.give(actorOf(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(out(row));
    },
  );

  app.get(
    '/proposals/:id/feedback/me',
    { schema: { tags, summary: 'Your feedback on a talk', params: IdParams, response: { 200: FeedbackOut } } },
    async (req) => out(await feedback.mine(actorOf(req), req.params.id)),
  );

  app.get(
    '/proposals/:id/feedback',
    {
      schema: {
        tags,
        summary: "A talk's feedback: figures and comments without names (its speakers and organizers)",
        params: IdParams,
        response: { 200: SummaryOut },
      },
    },
    async (req) => feedback.summary(actorOf(req), req.params.id),
  );
};
