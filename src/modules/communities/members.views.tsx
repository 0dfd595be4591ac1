/** The members page's markup: who is in the community and their role; organizers add, change and remove. */
import { can, ROLES } from '../../core/policy';
import { control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import type { Access } from './access';
import type { MemberRow } from './communities.queries';
import { MemberAdd, RolePatch } from './communities.schemas';

export interface MembersPageProps {
  ctx: PageCtx;
  a: Access;
  members: MemberRow[];
  problem?: string | null;
  notice?: string | null;
  /** the add form as it was typed, when it was refused */
  typed?: { email?: string; name?: string; role?: string };
}

export function MembersPage(p: MembersPageProps) {
  const { ctx, a } = p;
  const m = ctx.l.m;
  const t = m.members;
  const slug = a.community.slug;
  const mayAdd = can(a, 'member.add');
  const maySetRole = can(a, 'member.set-role');
  return (
    <Page ctx={ctx} title={`${t.title} · ${a.community.name}`}>
      <p class="muted">
        <a href={`/c/${slug}`}>{a.community.name}</a>
      </p>
      <h1>{t.title}</h1>
      <p class="muted">{t.hint}</p>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ul class="members">
        {p.members.map((r) => {
          const own = r.person.id === a.actor.id;
          const mayRemove = can({ ...a, own }, 'member.remove');
          return (
            <li>
              <div class="who-is">
                <strong>{r.person.name}</strong>
                {own ? <span class="muted"> ({t.you})</span> : null}
                {r.contact && r.person.email ? <div class="muted small-text">{r.person.email}</div> : null}
              </div>
              {maySetRole ? (
                <PostForm ctx={ctx} action={`/c/${slug}/members/${r.person.id}/role`} class="assign">
                  <label for={`role-${r.person.id}`} class="visually-hidden">
                    {t.roleOf({ name: r.person.name })}
                  </label>
                  <select id={`role-${r.person.id}`} {...control(RolePatch, 'role')}>
                    {ROLES.map((role) => (
                      <option value={role} selected={role === r.role}>
                        {m.role[role]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary small" aria-label={t.changeRoleOf({ name: r.person.name })}>
                    {t.changeRole}
                  </button>
                </PostForm>
              ) : (
                <span class="badge">{m.role[r.role]}</span>
              )}
              {mayRemove ? (
                <PostForm ctx={ctx} action={`/c/${slug}/members/${r.person.id}/remove`} class="assign">
                  <button
                    type="submit"
                    class="secondary small"
                    aria-label={own ? t.leave : t.removeOf({ name: r.person.name })}
                  >
                    {own ? t.leave : t.remove}
                  </button>
                </PostForm>
              ) : null}
            </li>
          );
        })}
      </ul>
      {mayAdd ? (
        <section class="card" aria-labelledby="add-member">
          <h2 id="add-member">{t.addTitle}</h2>
          <p class="muted">{t.addHint}</p>
          <PostForm ctx={ctx} action={`/c/${slug}/members`} class="row">
            <div class="grow">
              <label for="member-email">{t.addEmail}</label>
              <input id="member-email" {...control(MemberAdd, 'email')} type="email" value={p.typed?.email ?? ''} />
            </div>
            <div>
              <label for="member-name">{t.addName}</label>
              <input id="member-name" {...control(MemberAdd, 'name')} value={p.typed?.name ?? ''} />
            </div>
            <div>
              <label for="member-role">{m.members.role}</label>
              <select id="member-role" {...control(MemberAdd, 'role')}>
                {ROLES.map((role) => (
                  <option value={role} selected={role === (p.typed?.role ?? 'member')}>
                    {m.role[role]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit">{t.add}</button>
            </div>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}
