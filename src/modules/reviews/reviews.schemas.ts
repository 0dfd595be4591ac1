import { Type } from 'typebox';
import { DateTime, Text, Uuid } from '../../http/types';
import type { ReviewRow } from './reviews.queries';

export const ReviewPut = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Text(5000, { description: 'for organizers only' })),
  },
  { additionalProperties: false },
);

export const ReviewOut = Type.Object({
  proposalId: Uuid,
  reviewer: Type.Object({ id: Uuid, name: Type.String() }),
  score: Type.Integer(),
  comment: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const reviewOut = (r: ReviewRow) => ({
  proposalId: r.proposal_id,
  reviewer: { id: r.reviewer_id, name: r.reviewer_name },
  score: r.score,
  comment: r.comment,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
