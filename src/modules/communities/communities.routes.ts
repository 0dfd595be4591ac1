import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth';
import { IfMatchHeader, expectedVersion, setEtag } from '../../http/etag';
import { Page, pageSize } from '../../http/pagination';
import { NoContent, SlugParams } from '../../http/types';
import type { CommunitiesService } from './communities.service';
import {
  CommunityCreate,
  CommunityOut,
  CommunityPatch,
  ListQuery,
  MemberAdd,
  MemberOut,
  MemberParams,
  RolePatch,
  communityOut as communityView,
  memberOut,
} from './communities.schemas';

const tags = ['communities'];

export const communitiesRoutes: FastifyPluginAsyncTypebox<{
  communities: CommunitiesService;
  publicUrl: string;
}> = async (app, { communities, publicUrl }) => {
  const communityOut = communityView(publicUrl);
  app.post(
    '/communities',
    {
      schema: {
        tags,
        summary: 'Create a community (admin); the creator becomes its organizer',
        body: CommunityCreate,
        response: { 201: CommunityOut },
      },
    },
    async (req, reply) => {
      const a = await communities.create(actorOf(req), req.body);
      setEtag(reply, a.community.version);
      return reply.code(201).send(communityOut(a));
    },
  );

  app.get(
    '/communities',
    { schema: { tags, summary: 'List communities', querystring: ListQuery, response: { 200: Page(CommunityOut) } } },
    async (req) => {
      const page = await communities.list(actorOf(req), pageSize(req.query), req.query.cursor);
      return { items: page.items.map(communityOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/communities/:slug',
    { schema: { tags, summary: 'Read a community', params: SlugParams, response: { 200: CommunityOut } } },
    async (req, reply) => {
      const a = await communities.access(actorOf(req), req.params.slug);
      setEtag(reply, a.community.version);
      return communityOut(a);
    },
  );

  app.patch(
    '/communities/:slug',
    {
      schema: {
        tags,
        summary: 'Change a community (organizer); honours If-Match',
        params: SlugParams,
        headers: IfMatchHeader,
        body: CommunityPatch,
        response: { 200: CommunityOut },
      },
    },
    async (req, reply) => {
      const a = await communities.update(
        actorOf(req),
        req.params.slug,
        req.body,
        expectedVersion(req.headers['if-match']),
      );
      setEtag(reply, a.community.version);
      return communityOut(a);
    },
  );

  app.get(
    '/communities/:slug/members',
    {
      schema: {
        tags,
        summary: 'Members and their roles (members only)',
        params: SlugParams,
        querystring: ListQuery,
        response: { 200: Page(MemberOut) },
      },
    },
    async (req) => {
      const page = await communities.members(actorOf(req), req.params.slug, pageSize(req.query), req.query.cursor);
      return { items: page.items.map(memberOut), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/communities/:slug/members',
    {
      schema: {
        tags,
        summary: 'Add someone by e-mail with a role (organizer)',
        params: SlugParams,
        body: MemberAdd,
        response: { 201: MemberOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        memberOut(
          await communities.addMember(actorOf(req), req.params.slug, {
            ...req.body,
            role: req.body.role ?? 'member',
          }),
        ),
      ),
  );

  app.put(
    '/communities/:slug/members/me',
    {
      schema: {
        tags,
        summary: 'Join as a member (idempotent)',
        params: SlugParams,
        response: { 200: MemberOut, 201: MemberOut },
      },
    },
    async (req, reply) => {
      const { row, created } = await communities.join(actorOf(req), req.params.slug);
      return reply.code(created ? 201 : 200).send(memberOut(row));
    },
  );

  app.patch(
    '/communities/:slug/members/:personId',
    {
      schema: {
        tags,
        summary: "Change a member's role (organizer)",
        params: MemberParams,
        body: RolePatch,
        response: { 200: MemberOut },
      },
    },
    async (req) =>
      memberOut(await communities.setRole(actorOf(req), req.params.slug, req.params.personId, req.body.role)),
  );

  app.delete(
    '/communities/:slug/members/:personId',
    {
      schema: {
        tags,
        summary: 'Remove a member (organizer) or leave (yourself)',
        params: MemberParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await communities.removeMember(actorOf(req), req.params.slug, req.params.personId);
      return reply.code(204).send(null);
    },
  );
};
