/** The organizing team's page: roles and who holds them; organizers name roles and hand them over. */
import { formAction, refusalText } from '../../web/action';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../core/actor';
import { can } from '../../core/policy';
import { IdParams, Slug } from '../../http/types';
import { control, FormFields, readForm } from '../../web/form';
import { Page, PostForm, Problem, pageCtx, sendPage, type PageCtx } from '../../web/render';
import { actorOf } from '../../http/auth';
import type { CommunitiesService } from '../communities/communities.service';
import type { RoleRow } from './team.queries';
import { RoleCreate, RoleHolder } from './team.schemas';
import type { TeamService } from './team.service';

const page = { config: { page: true } } as const;
const SlugParams = Type.Object({ slug: Slug });
const ROLE_FIELDS = ['name', 'description', 'holderId'] as const;
type Organizer = { id: string; name: string };

function TeamPage(p: {
  ctx: PageCtx;
  slug: string;
  roles: RoleRow[];
  organizers: Organizer[] | null;
  problem?: string | null;
  notice?: string | null;
}) {
  const { ctx } = p;
  const m = ctx.l.m;
  const who = (sel: string | null, id: string, name: string) => (
    <select id={id} name={name}>
      <option value="">{m.nobody}</option>
      {(p.organizers ?? []).map((o) => (
        <option value={o.id} selected={sel === o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
  return (
    <Page ctx={ctx} title={m.team}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.team}</h1>
      <p class="muted">{m.teamHint}</p>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.roles.length ? (
        <ul class="list">
          {p.roles.map((r) => (
            <li>
              <strong>{r.name}</strong> — {r.holder ? r.holder.name : m.nobody}{' '}
              <a href={`/c/${p.slug}/tasks?role=${r.key}`} class="muted">
                {m.roleTasks({ n: r.open_tasks })}
              </a>
              {r.description ? <div class="muted">{r.description}</div> : null}
              {p.organizers ? (
                <PostForm ctx={ctx} action={`/team-roles/${r.id}/holder`} class="row">
                  <div>
                    <label for={`holder-${r.id}`}>{m.handOverTo({ role: r.name })}</label>
                    {who(r.holder?.id ?? null, `holder-${r.id}`, 'personId')}
                  </div>
                  <div>
                    <button type="submit" class="secondary" aria-label={`${m.handOver}: ${r.name}`}>
                      {m.handOver}
                    </button>
                  </div>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noRoles}</p>
      )}
      {p.organizers ? (
        <section class="card" aria-labelledby="new-role">
          <h2 id="new-role">{m.newRole}</h2>
          <PostForm ctx={ctx} action={`/c/${p.slug}/team`} class="stack">
            <div class="row">
              <div>
                <label for="role-name">{m.roleName}</label>
                <input id="role-name" {...control(RoleCreate, 'name')} />
              </div>
              <div>
                <label for="role-holder">{m.roleHolder}</label>
                {who(null, 'role-holder', 'holderId')}
              </div>
            </div>
            <div>
              <label for="role-description">{m.roleDescription}</label>
              <input id="role-description" {...control(RoleCreate, 'description')} />
            </div>
            <button type="submit">{m.addRole}</button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}

/** A role's key from its name: "Community ambassador" → community-ambassador. */
const keyOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

export const teamPages: FastifyPluginAsyncTypebox<{ team: TeamService; communities: CommunitiesService }> = async (
  app,
  d,
) => {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    slug: string,
    more: { problem?: string; notice?: string; code?: number } = {},
  ) => {
    const [roles, a] = await Promise.all([d.team.list(actor, slug), d.communities.access(actor, slug)]);
    const organizers = can(a, 'team.manage')
      ? (await d.communities.members(actor, slug, 500)).items
          .filter((x) => x.role === 'organizer')
          .map((x) => ({ id: x.person.id, name: x.person.name }))
      : null;
    return sendPage(
      reply,
      <TeamPage ctx={pageCtx(req)} slug={slug} roles={roles} organizers={organizers} {...more} />,
      more.code,
    );
  };

  app.get('/c/:slug/team', { ...page, schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const actor = actorOf(req);
    return show(req, reply, actor, req.params.slug);
  });

  app.post(
    '/c/:slug/team',
    {
      config: { page: true, form: RoleCreate, formFields: ROLE_FIELDS },
      schema: { hide: true, params: SlugParams, body: FormFields },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      return formAction(
        reply,
        async () => {
          // The key is made from the name; a name that gives none is refused as the API refuses the key.
          const name = typeof b.name === 'string' ? b.name.trim() : undefined;
          const key = keyOf(name ?? '');
          const description = typeof b.description === 'string' ? b.description.trim() : undefined;
          await d.team.create(actor, req.params.slug, readForm(RoleCreate, { ...b, key, name, description }));
          return reply.redirect(`/c/${req.params.slug}/team`, 303);
        },
        async (r) => {
          const e = { message: refusalText(pageCtx(req).l, r), status: r.status };
          return show(req, reply, actor, req.params.slug, { problem: e.message, code: e.status });
        },
      );
    },
  );

  app.post(
    '/team-roles/:id/holder',
    { config: { page: true, form: RoleHolder }, schema: { hide: true, params: IdParams, body: FormFields } },
    async (req, reply) => {
      const actor = actorOf(req);
      // No one chosen is null: the role is free.
      const r = await d.team.handOver(actor, req.params.id, readForm(RoleHolder, req.body).personId);
      return show(req, reply, actor, r.role.community, {
        notice: pageCtx(req).l.m.handedOver({ role: r.role.name, n: r.moved }),
      });
    },
  );
};
