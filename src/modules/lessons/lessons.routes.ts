import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { Day, IdParams, SlugParams } from '../../http/types';
import { Page, PageQuery, pageSize } from '../../http/pagination';
import { LessonListItem, LessonOut, LessonPut, RetrospectivePut, lessonOut } from './lessons.schemas';
import type { LessonsService } from './lessons.service';

const tags = ['lessons'];
const Markdown = { description: 'CommonMark', content: { 'text/markdown': { schema: { type: 'string' } } } };

export const lessonsRoutes: FastifyPluginAsyncTypebox<{ lessons: LessonsService }> = async (app, { lessons }) => {
  app.get(
    '/proposals/:id/lesson',
    {
      schema: {
        tags,
        summary:
          "A talk's lesson: published for everyone, a draft for its speakers and organizers; the retrospective as the community decides",
        params: IdParams,
        response: { 200: LessonOut },
      },
    },
    async (req, reply) => {
      const v = await lessons.get(actorOf(req), req.params.id);
      setEtag(reply, v.row?.version ?? 0);
      return lessonOut(v);
    },
  );

  app.put(
    '/proposals/:id/lesson',
    {
      schema: {
        tags,
        summary: "Write the talk's lesson (its speakers, once the talk is over); draft or published; honours If-Match",
        params: IdParams,
        headers: IfMatchHeader,
        body: LessonPut,
        response: { 200: LessonOut, 201: LessonOut },
      },
    },
    async (req, reply) => {
      const { view, created } = await lessons.write(
        actorOf(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match']),
      );
      setEtag(reply, view.row?.version ?? 0);
      return reply.code(created ? 201 : 200).send(lessonOut(view));
    },
  );

  app.put(
    '/proposals/:id/lesson/retrospective',
    {
      schema: {
        tags,
        summary:
          "The organizers' retrospective of a talk (organizers, once it is over); an empty text removes it; honours If-Match",
        params: IdParams,
        headers: IfMatchHeader,
        body: RetrospectivePut,
        response: { 200: LessonOut },
      },
    },
    async (req, reply) => {
      const v = await lessons.retrospective(
        actorOf(req),
        req.params.id,
        req.body.text,
        expectedVersion(req.headers['if-match']),
      );
      setEtag(reply, v.row?.version ?? 0);
      return lessonOut(v);
    },
  );

  app.get(
    '/communities/:slug/lessons',
    {
      schema: {
        tags,
        summary: "A community's published lessons, the most recent talk first",
        params: SlugParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(LessonListItem) },
      },
    },
    async (req) => lessons.list(actorOf(req), req.params.slug, pageSize(req.query), req.query.cursor),
  );

  app.get(
    '/communities/:slug/lessons.md',
    {
      schema: {
        tags,
        summary:
          "A period's published lessons as one Markdown document (talks given from `from` up to, not including, `to`)",
        params: SlugParams,
        querystring: Type.Object({ from: Day(), to: Day('YYYY-MM-DD, exclusive') }, { additionalProperties: false }),
        response: { 200: Markdown },
      },
    },
    async (req, reply) => {
      const md = await lessons.markdown(actorOf(req), req.params.slug, req.query.from, req.query.to);
      return reply
        .type('text/markdown; charset=utf-8')
        .header(
          'content-disposition',
          `inline; filename="${req.params.slug}-lessons-${req.query.from}-${req.query.to}.md"`,
        )
        .send(md);
    },
  );
};
