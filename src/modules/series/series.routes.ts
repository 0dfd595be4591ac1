import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, Uuid } from '../../http/types';
import { actorOf } from '../../http/auth';
import { IdParams, SlugParams } from '../../http/types';
import type { SeriesService } from './series.service';
import {
  CadenceChange,
  EndBody,
  PlanConfirm,
  SeriesCreate,
  SeriesListOut,
  SeriesOut,
  SeriesPatch,
  SeriesPublish,
  SkipBody,
  SkipParams,
  seriesListItem,
  seriesOut,
} from './series.schemas';

const tags = ['series'];

export const seriesRoutes: FastifyPluginAsyncTypebox<{ series: SeriesService }> = async (app, { series }) => {
  app.post(
    '/communities/:slug/series',
    {
      schema: {
        tags,
        summary: 'Start a meetup series with a cadence (organizers); its next occurrences become events at once',
        params: SlugParams,
        body: SeriesCreate,
        response: { 201: SeriesOut },
      },
    },
    async (req, reply) => reply.code(201).send(seriesOut(await series.create(actorOf(req), req.params.slug, req.body))),
  );

  app.get(
    '/communities/:slug/series',
    {
      schema: {
        tags,
        summary: "The community's series (members), oldest first",
        params: SlugParams,
        response: { 200: SeriesListOut },
      },
    },
    async (req) => ({ items: (await series.list(actorOf(req), req.params.slug)).map(seriesListItem) }),
  );

  app.get(
    '/series/:id',
    {
      schema: {
        tags,
        summary: 'A series: its cadence, skips, events from today on, and the next dates (members)',
        params: IdParams,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/series/:id',
    {
      schema: {
        tags,
        summary: 'Change what occurrences made from now on are (organizers)',
        params: IdParams,
        body: SeriesPatch,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.update(actorOf(req), req.params.id, req.body)),
  );

  app.put(
    '/series/:id/cadence',
    {
      schema: {
        tags,
        summary:
          'Change the cadence from a date on (organizers): occurrences follow (moved, removed or canceled, with invitations), except those moved by hand',
        params: IdParams,
        body: CadenceChange,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.setCadence(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/series/:id/skips',
    {
      schema: {
        tags,
        summary: 'Skip one occurrence (a holiday): a draft is removed, a published one canceled; the others stay',
        params: IdParams,
        body: SkipBody,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.skip(actorOf(req), req.params.id, req.body.on)),
  );

  app.delete(
    '/series/:id/skips/:on',
    {
      schema: {
        tags,
        summary: 'Take a skip back: the occurrence is made again',
        params: SkipParams,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.unskip(actorOf(req), req.params.id, req.params.on)),
  );

  app.post(
    '/series/:id/end',
    {
      schema: {
        tags,
        summary: 'End the series after a date (organizers): later occurrences are removed or canceled',
        params: IdParams,
        body: EndBody,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await series.end(actorOf(req), req.params.id, req.body.after)),
  );

  app.get(
    '/series/:id/backlog-plan',
    {
      schema: {
        tags,
        summary:
          'What the backlog could fill (organizers): for each upcoming occurrence with free time, accepted talks (longest accepted first) that fit and whose speakers are free',
        params: IdParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => ({ occurrences: (await series.backlogPlan(actorOf(req), req.params.id)).map(plannedOut) }),
  );

  app.post(
    '/series/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish upcoming draft occurrences (organizers): the ones named, or all of them',
        params: IdParams,
        body: SeriesPublish,
        response: { 200: Type.Object({ published: Type.Array(Uuid) }) },
      },
    },
    async (req) => ({ published: await series.publish(actorOf(req), req.params.id, req.body.eventIds) }),
  );

  app.post(
    '/series/:id/backlog-plan/confirm',
    {
      schema: {
        tags,
        summary:
          "Place what the plan proposes for one occurrence (organizers): one action, the agenda's checks and invitations",
        params: IdParams,
        body: PlanConfirm,
        response: {
          200: Type.Object({
            placed: Type.Array(Uuid),
            skipped: Type.Array(Type.Object({ proposalId: Uuid, reason: Type.String() })),
          }),
        },
      },
    },
    async (req) => series.confirmPlan(actorOf(req), req.params.id, req.body.eventId),
  );
};

const PlanOut = Type.Object({
  occurrences: Type.Array(
    Type.Object({
      eventId: Uuid,
      on: Type.String(),
      freeMinutes: Type.Integer(),
      proposed: Type.Array(
        Type.Object({
          proposalId: Uuid,
          title: Type.String(),
          startsAt: DateTime,
          endsAt: DateTime,
          speakers: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
        }),
      ),
    }),
  ),
});
const plannedOut = (o: import('./backlog').PlannedOccurrence) => ({
  eventId: o.eventId,
  on: o.on,
  freeMinutes: o.freeMinutes,
  proposed: o.proposed.map((p) => ({
    proposalId: p.proposalId,
    title: p.title,
    startsAt: p.start.toISOString(),
    endsAt: p.end.toISOString(),
    speakers: p.speakers,
  })),
});
