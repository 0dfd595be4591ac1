/**
 * The .ics routes. Calendar clients send no Authorization header: a public community's event and
 * community feeds are readable without one; an internal community's (the default) need a signed-in
 * reader or a personal feed URL, whose secret, revocable token stands in for the person.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ConditionalHeaders as Conditional, NotModified, sendConditional } from '../http/conditional';
import { IdParams, Slug, SlugParams } from '../http/types';
import type { Feed, FeedsService } from './feeds.service';
import { preferredEncoding } from '../http/encoding';

const tags = ['calendars'];
const Token = Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });
/** What a shared cache may keep: a signed-in reader's copy is theirs alone. */
const cacheFor = (req: FastifyRequest) => (req.actor ? 'private, max-age=60' : 'public, max-age=60');
/** A conditional request: a calendar client polling; answered from validators kept in memory. */
const poll = (req: FastifyRequest) => !!(req.headers['if-none-match'] || req.headers['if-modified-since']);
const Ics = { description: 'RFC 5545 iCalendar', content: { 'text/calendar': { schema: { type: 'string' } } } };

/**
 * A feed, compressed when the client accepts it (each encoding is its own representation, with its
 * own ETag), or 304 when the client has it.
 */
async function sendFeed(req: FastifyRequest, reply: FastifyReply, feed: Feed, cacheControl: string) {
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${feed.filename}"`)
    .header('vary', 'Accept-Encoding');
  const etag = encoding ? `${feed.etag.slice(0, -1)}.${encoding}"` : feed.etag;
  return sendConditional(req, reply, { etag, lastModified: feed.lastModified, cacheControl }, async () => {
    const body = await feed.load(encoding);
    if (encoding) reply.header('content-encoding', encoding);
    return body;
  });
}

export const calendarRoutes: FastifyPluginAsyncTypebox<{ feeds: FeedsService }> = async (app, { feeds }) => {
  app.get(
    '/events/:id/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'One published event and its talks, as iCalendar',
        params: IdParams,
        headers: Conditional,
        response: { 200: Ics, 304: NotModified },
      },
    },
    async (req, reply) => sendFeed(req, reply, await feeds.event(req.params.id, !!req.actor, poll(req)), cacheFor(req)),
  );

  app.get(
    '/events/:id/event.ics',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'One event as a file to add to a calendar (drafts for organizers; internal events when signed in)',
        params: IdParams,
        response: { 200: Ics },
      },
    },
    async (req, reply) => {
      const one = await feeds.oneEvent(req.actor ?? null, req.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${one.filename}"`)
        .header('cache-control', 'private, no-cache')
        .send(one.body);
    },
  );

  app.get(
    '/communities/:slug/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: "A community's published and canceled events (talks=true adds each talk)",
        params: SlugParams,
        headers: Conditional,
        querystring: Type.Object(
          { talks: Type.Optional(Type.Boolean({ default: false })) },
          { additionalProperties: false },
        ),
        response: { 200: Ics, 304: NotModified },
      },
    },
    async (req, reply) =>
      sendFeed(
        req,
        reply,
        await feeds.community(req.params.slug, req.query.talks ?? false, !!req.actor, undefined, poll(req)),
        cacheFor(req),
      ),
  );

  app.get(
    '/feeds/:token/communities/:slug/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary:
          "A community's calendar through your personal feed URL (how calendar clients read an internal community)",
        params: Type.Object({ token: Token, slug: Slug }),
        headers: Conditional,
        querystring: Type.Object(
          { talks: Type.Optional(Type.Boolean({ default: false })) },
          { additionalProperties: false },
        ),
        response: { 200: Ics, 304: NotModified },
      },
    },
    async (req, reply) =>
      sendFeed(
        req,
        reply,
        await feeds.community(req.params.slug, req.query.talks ?? false, !!req.actor, req.params.token, poll(req)),
        'private, max-age=60',
      ),
  );

  app.get(
    '/feeds/:token/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'A personal feed: events you are going to and the talks you give',
        headers: Conditional,
        params: Type.Object({ token: Token }),
        response: { 200: Ics, 304: NotModified },
      },
    },
    async (req, reply) => sendFeed(req, reply, await feeds.personal(req.params.token), 'private, max-age=60'),
  );
};
