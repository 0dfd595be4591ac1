import { Type } from 'typebox';
import { DateTime, Key, Line, Nullable, Text, Uuid } from '../../http/types';
import { WISH_STATUSES } from './wish.entity';
import type { WishRow } from './wishes.queries';

export const WishStatus = Type.Enum(WISH_STATUSES);
export const WishCreate = Type.Object(
  {
    title: Line(200, { description: 'the topic; the same title as an open wish is a vote for that one' }),
    details: Type.Optional(Text(4000, { description: 'what you would like to learn, and why' })),
  },
  { additionalProperties: false },
);
export const WishPatch = Type.Object({ status: WishStatus }, { additionalProperties: false });
export const OfferCreate = Type.Object(
  {
    callId: Type.Optional(Uuid),
    format: Type.Optional(Key),
    track: Type.Optional(Nullable(Key)),
  },
  {
    additionalProperties: false,
    description: 'defaults: the community\'s open (else latest) call, its "talk" format (else its first)',
  },
);
export const WishOut = Type.Object({
  id: Uuid,
  community: Type.String(),
  title: Type.String(),
  details: Type.String(),
  status: WishStatus,
  votes: Type.Integer({ minimum: 0 }),
  voted: Type.Boolean({ description: 'whether you voted for it' }),
  author: Type.Object({ id: Uuid, name: Type.String() }),
  offers: Type.Array(
    Type.Object({
      personId: Uuid,
      name: Type.String(),
      proposalId: Nullable(Uuid),
      at: DateTime,
    }),
    { description: 'who offered to talk about it; proposalId only for your own offer (drafts are private)' },
  ),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
});
export const OfferOut = Type.Object({
  proposalId: Uuid,
  wish: WishOut,
});

export const wishOut = (w: WishRow, viewerId: string) => ({
  id: w.id,
  community: w.community,
  title: w.title,
  details: w.details,
  status: w.status,
  votes: w.votes,
  voted: w.voted,
  author: w.author,
  offers: w.offers.map((o) => ({
    personId: o.personId,
    name: o.name,
    proposalId: o.personId === viewerId ? o.proposalId : null,
    at: new Date(o.at).toISOString(),
  })),
  closedAt: w.closed_at?.toISOString() ?? null,
  createdAt: w.created_at.toISOString(),
});
