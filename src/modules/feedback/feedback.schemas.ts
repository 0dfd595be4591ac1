import { Type } from 'typebox';
import { Text } from '../../http/types';

/** One person's rating of a talk (PUT /v1/proposals/{id}/feedback/me, and the talk page's form). */
export const FeedbackPut = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Text(5000)) },
  { additionalProperties: false },
);
