/**
 * A community's members page: everyone sees who is in it (member.list); organizers add people by
 * e-mail, change roles and remove members; anyone may leave. The same service calls as the API's
 * /v1/communities/{slug}/members, so its rules (the last organizer stays) answer here too.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../http/auth';
import { Slug, Uuid } from '../../http/types';
import { formAction, refusalText } from '../../web/action';
import { FormFields, readForm, type PageRefusal } from '../../web/form';
import { pageCtx, sendPage } from '../../web/render';
import type { CommunitiesService } from './communities.service';
import { MemberAdd, RolePatch } from './communities.schemas';
import { MembersPage, type MembersPageProps } from './members.views';

const SlugParams = Type.Object({ slug: Slug });
const MemberParams = Type.Object({ slug: Slug, personId: Uuid });

export const membersPages: FastifyPluginAsyncTypebox<{ communities: CommunitiesService }> = async (app, d) => {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    more: Pick<MembersPageProps, 'problem' | 'notice' | 'typed'> = {},
    status = 200,
  ) => {
    const actor = actorOf(req);
    const [a, list] = await Promise.all([d.communities.access(actor, slug), d.communities.members(actor, slug, 500)]);
    return sendPage(reply, <MembersPage ctx={pageCtx(req)} a={a} members={list.items} {...more} />, status);
  };
  /** The refusal in the catalogue's words where it has some (the last organizer), else the API's. */
  const why = (req: FastifyRequest, r: PageRefusal) => {
    const t = pageCtx(req).l.m.members;
    if (r.code === 'last-organizer') return t.lastOrganizer;
    if (r.code === 'already-member') return t.alreadyMember;
    return refusalText(pageCtx(req).l, r);
  };
  const nameOf = async (req: FastifyRequest, slug: string, personId: string) =>
    (await d.communities.members(actorOf(req), slug, 500)).items.find((r) => r.person.id === personId)?.person.name ??
    '';

  app.get('/c/:slug/members', { config: { page: true }, schema: { hide: true, params: SlugParams } }, (req, reply) =>
    show(req, reply, req.params.slug),
  );

  app.post(
    '/c/:slug/members',
    { config: { page: true, form: MemberAdd }, schema: { hide: true, params: SlugParams, body: FormFields } },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          const b = readForm(MemberAdd, req.body);
          const r = await d.communities.addMember(actorOf(req), req.params.slug, { ...b, role: b.role ?? 'member' });
          return show(req, reply, req.params.slug, { notice: pageCtx(req).l.m.members.added({ name: r.person.name }) });
        },
        (r) =>
          show(
            req,
            reply,
            req.params.slug,
            { problem: why(req, r), typed: req.body as MembersPageProps['typed'] },
            r.status,
          ),
      ),
  );

  app.post(
    '/c/:slug/members/:personId/role',
    { config: { page: true, form: RolePatch }, schema: { hide: true, params: MemberParams, body: FormFields } },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          const { role } = readForm(RolePatch, req.body);
          const r = await d.communities.setRole(actorOf(req), req.params.slug, req.params.personId, role);
          const l = pageCtx(req).l;
          return show(req, reply, req.params.slug, {
            notice: l.m.members.roleChanged({ name: r.person.name, role: l.m.role[role] }),
          });
        },
        (r) => show(req, reply, req.params.slug, { problem: why(req, r) }, r.status),
      ),
  );

  app.post(
    '/c/:slug/members/:personId/remove',
    { config: { page: true, form: null }, schema: { hide: true, params: MemberParams, body: FormFields } },
    async (req, reply) =>
      formAction(
        reply,
        async () => {
          const actor = actorOf(req);
          const name = await nameOf(req, req.params.slug, req.params.personId);
          await d.communities.removeMember(actor, req.params.slug, req.params.personId);
          // Who left is no longer a member and sees the community's own page.
          if (req.params.personId === actor.id) return reply.redirect(`/c/${req.params.slug}`, 303);
          return show(req, reply, req.params.slug, { notice: pageCtx(req).l.m.members.removed({ name }) });
        },
        (r) => show(req, reply, req.params.slug, { problem: why(req, r) }, r.status),
      ),
  );
};
