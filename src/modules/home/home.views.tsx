/** The home page's markup: what is next for the reader, block by block, every item a link to its page. */
import type { ComponentChildren } from 'preact';
import type { Access } from '../communities/access';
import { StateBadge } from '../proposals/proposals.views';
import { day, span } from '../../web/i18n';
import { Page, PostForm, type PageCtx } from '../../web/render';
import type { Home } from './home.service';

const Block = (p: { id: string; title: string; children: ComponentChildren }) => (
  <section class="home-block" aria-labelledby={p.id}>
    <h2 id={p.id}>{p.title}</h2>
    {p.children}
  </section>
);

export function HomePage({ ctx, home, communities }: { ctx: PageCtx; home: Home; communities: Access[] }) {
  const m = ctx.l.m;
  const h = m.homeNext;
  return (
    <Page ctx={ctx} title={m.homeTitle}>
      <h1>{m.hello({ name: ctx.who?.name ?? '' })}</h1>
      <p class="muted">
        {m.signedInWith} <strong>{ctx.who?.email}</strong>.
      </p>
      {home.invitations.length ? (
        <Block id="home-invitations" title={h.invitations}>
          <ul class="home-list">
            {home.invitations.map((i) => (
              <li>
                <a href={i.kind === 'co-speaker' ? `/proposals/${i.id}` : `/nominations/${i.id}`}>
                  {i.kind === 'co-speaker'
                    ? h.coSpeaker({ by: i.by, title: i.title })
                    : h.nomination({ by: i.by, title: i.title })}
                </a>
                <span class="muted">{i.community}</span>
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
      <Block id="home-proposals" title={h.proposals}>
        {home.proposals.length ? (
          <ul class="home-list">
            {home.proposals.map((p) => (
              <li>
                <a href={`/proposals/${p.id}`} dir="auto">
                  {p.title}
                </a>
                <span class="muted">
                  <StateBadge ctx={ctx} state={p.state} /> {p.community}
                  {p.talk_at ? ` · ${h.onAgenda({ when: day(ctx.l, p.talk_at, p.time_zone ?? 'UTC') })}` : ''}
                </span>
                {p.next ? (
                  <a
                    class="button small"
                    href={p.next === 'edit' ? `/proposals/${p.id}/edit` : `/proposals/${p.id}`}
                    aria-label={h.nextFor({ step: h.next[p.next], title: p.title })}
                  >
                    {h.next[p.next]}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{h.proposalsEmpty}</p>
        )}
      </Block>
      <Block id="home-tasks" title={h.tasks}>
        {home.tasks.length ? (
          <ul class="home-list">
            {home.tasks.map((t) => (
              <li class={t.overdue ? 'overdue' : undefined}>
                <a href={`/proposals/${t.proposal_id}`}>{t.title}</a>
                <span class="muted">
                  {h.forTalk({ title: t.proposal_title })} ·{' '}
                  {t.due_at ? h.dueOn({ when: day(ctx.l, t.due_at, t.time_zone ?? 'UTC') }) : h.undated}
                  {t.overdue ? <strong class="bad"> · {h.overdue}</strong> : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{h.tasksEmpty}</p>
        )}
      </Block>
      <Block id="home-events" title={h.events}>
        {home.events.length ? (
          <ul class="home-list">
            {home.events.map((e) => (
              <li>
                <a href={`/events/${e.id}`}>{e.title}</a>
                <span class="muted">
                  {span(ctx.l, e.starts_at, e.ends_at, e.time_zone)} · {e.community}
                </span>
                <span class={e.rsvp === 'going' ? 'good' : 'muted'}>{h.rsvp[e.rsvp ?? 'none']}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{h.eventsEmpty}</p>
        )}
      </Block>
      <Block id="home-calls" title={h.calls}>
        {home.calls.length ? (
          <ul class="home-list">
            {home.calls.map((c) => (
              <li>
                <a href={`/c/${c.slug}/propose`}>{h.propose({ call: c.title })}</a>
                <span class="muted">
                  {c.community} ·{' '}
                  {c.closes_at ? h.openUntil({ when: day(ctx.l, c.closes_at, c.time_zone) }) : h.noDeadline}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{h.callsEmpty}</p>
        )}
      </Block>
      <Block id="home-communities" title={m.myCommunities}>
        {communities.length ? (
          <ul class="home-list">
            {communities.map((a) => (
              <li>
                <a href={`/c/${a.community.slug}`}>{a.community.name}</a>
                <span class="muted">{m.role[a.role ?? 'none']}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{m.noCommunities}</p>
        )}
      </Block>
      {home.joinable.length ? (
        <Block id="home-join" title={h.join}>
          <ul class="home-list">
            {home.joinable.map((c) => (
              <li>
                <a href={`/c/${c.slug}`}>{c.name}</a>
                {c.description ? <span class="muted">{c.description}</span> : null}
                <PostForm ctx={ctx} action={`/c/${c.slug}/join`}>
                  <button type="submit" class="small secondary" aria-label={h.joinButton({ name: c.name })}>
                    {h.joinShort}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
    </Page>
  );
}
