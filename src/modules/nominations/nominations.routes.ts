import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { Page, PageQuery } from '../../http/pagination';
import { DateTime, Email, IdParams, Key, Line, Nullable, SlugParams, Text, Uuid } from '../../http/types';
import { NOMINATION_STATUSES } from './nomination.entity';
import type { NominationRow, NominationsService } from './nominations.service';

const tags = ['nominations'];
const Status = Type.Enum(NOMINATION_STATUSES);
const NominationCreate = Type.Object(
  {
    email: Email,
    name: Type.Optional(Line(200, { description: "the colleague's name, if Brownbag does not know them yet" })),
    topic: Line(200),
    reason: Type.Optional(Text(4000, { description: 'why them: it goes into the encouraging mail' })),
  },
  { additionalProperties: false },
);
const Accept = Type.Object(
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
const Decline = Type.Object({ reason: Type.Optional(Text(2000)) }, { additionalProperties: false });
const NominationOut = Type.Object({
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
const out = (n: NominationRow) => ({
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

export const nominationsRoutes: FastifyPluginAsyncTypebox<{ nominations: NominationsService }> = async (
  app,
  { nominations },
) => {
  // accept and decline work without a body too (both fields are optional)
  const emptyBody = async (req: { body: unknown }) => {
    if (req.body === undefined || req.body === null) req.body = {};
  };
  app.post(
    '/communities/:slug/nominations',
    {
      schema: {
        tags,
        summary: `Nominate a colleague to speak about a topic (members; a few a day); they get an encouraging mail`,
        params: SlugParams,
        body: NominationCreate,
        response: { 201: NominationOut },
      },
    },
    async (req, reply) => reply.code(201).send(out(await nominations.create(actorOf(req), req.params.slug, req.body))),
  );

  app.get(
    '/communities/:slug/nominations',
    {
      schema: {
        tags,
        summary: "The community's nominations, newest first (organizers); open ones unless status says otherwise",
        params: SlugParams,
        querystring: Type.Object({ status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(NominationOut) },
      },
    },
    async (req) => {
      const p = await nominations.forCommunity(
        actorOf(req),
        req.params.slug,
        req.query.status ?? 'open',
        req.query.limit ?? 50,
        req.query.cursor,
      );
      return { items: p.items.map(out), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/me/nominations',
    {
      schema: {
        tags,
        summary: 'Nominations I received (or, with direction=sent, made), newest first',
        querystring: Type.Object(
          {
            direction: Type.Optional(Type.Enum(['received', 'sent'] as const)),
            status: Type.Optional(Status),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(NominationOut) },
      },
    },
    async (req) => {
      const p = await nominations.mine(
        actorOf(req),
        req.query.direction ?? 'received',
        req.query.status,
        req.query.limit ?? 50,
        req.query.cursor,
      );
      return { items: p.items.map(out), nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/nominations/:id',
    {
      schema: {
        tags,
        summary: 'One nomination (its nominee, its nominator, organizers)',
        params: IdParams,
        response: { 200: NominationOut },
      },
    },
    async (req) => out(await nominations.get(actorOf(req), req.params.id)),
  );

  app.post(
    '/nominations/:id/accept',
    {
      preValidation: emptyBody,
      schema: {
        tags,
        summary: 'Accept (the nominee): a draft proposal titled with the topic, crediting the nominator',
        params: IdParams,
        body: Accept,
        response: { 200: NominationOut },
      },
    },
    async (req) => out(await nominations.accept(actorOf(req), req.params.id, req.body ?? {})),
  );

  app.post(
    '/nominations/:id/decline',
    {
      preValidation: emptyBody,
      schema: {
        tags,
        summary: 'Decline (the nominee); the nominator is told kindly',
        params: IdParams,
        body: Decline,
        response: { 200: NominationOut },
      },
    },
    async (req) => out(await nominations.decline(actorOf(req), req.params.id, req.body?.reason)),
  );
};
