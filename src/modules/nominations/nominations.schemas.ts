import { Type } from 'typebox';
import { DateTime, Email, Key, Line, Nullable, Text, Uuid } from '../../http/types';
import { NOMINATION_STATUSES } from './nomination.entity';
import type { NominationRow } from './nominations.queries';

export const Status = Type.Enum(NOMINATION_STATUSES);
export const NominationCreate = Type.Object(
  {
    email: Email,
    name: Type.Optional(Line(200, { description: "the colleague's name, if Brownbag does not know them yet" })),
    topic: Line(200),
    reason: Type.Optional(Text(4000, { description: 'why them: it goes into the encouraging mail' })),
  },
  { additionalProperties: false },
);
export const NominationAccept = Type.Object(
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
export const Decline = Type.Object({ reason: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const NominationOut = Type.Object({
  id: Uuid,
  community: Type.String(),
  topic: Type.String(),
  reason: Type.String(),
  status: Status,
  nominator: Type.Object({ id: Uuid, name: Type.String() }),
  nominee: Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }),
  proposalId: Nullable(Uuid),
  declineReason: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  createdAt: DateTime,
});
export const nominationOut = (n: NominationRow) => ({
  id: n.id,
  community: n.community,
  topic: n.topic,
  reason: n.reason,
  status: n.status,
  nominator: n.nominator,
  nominee: n.nominee,
  proposalId: n.proposal_id,
  declineReason: n.decline_reason,
  decidedAt: n.decided_at?.toISOString() ?? null,
  createdAt: n.created_at.toISOString(),
});
