/** The admin area's markup: people, communities, the job queue. */
import type { Person } from '../people/person.entity';
import type { Access } from '../communities/access';
import { CommunityCreate } from '../communities/communities.schemas';
import { control } from '../../web/form';
import { when } from '../../web/i18n';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { JOB_STATES, type JobRow, type JobState } from './jobs.queries';

type Tab = 'people' | 'communities' | 'jobs';

function AdminPage(p: { ctx: PageCtx; tab: Tab; problem?: string | null; notice?: string | null; children: unknown }) {
  const a = p.ctx.l.m.admin;
  const tabs: [Tab, string, string][] = [
    ['people', '/admin', a.people],
    ['communities', '/admin/communities', a.communities],
    ['jobs', '/admin/jobs', a.jobs],
  ];
  const title = tabs.find((t) => t[0] === p.tab)![2];
  return (
    <Page ctx={p.ctx} title={`${title} · ${a.title}`}>
      <p class="muted">{a.title}</p>
      <nav class="actions" aria-label={a.title}>
        {tabs.map(([tab, href, label]) => (
          <a
            href={href}
            class={tab === p.tab ? 'button' : 'button secondary'}
            aria-current={tab === p.tab ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <h1>{title}</h1>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.children as never}
    </Page>
  );
}

export function PeoplePage(p: { ctx: PageCtx; people: Person[]; email: string | null }) {
  const a = p.ctx.l.m.admin;
  return (
    <AdminPage ctx={p.ctx} tab="people">
      <form method="get" action="/admin" class="row filters" role="search">
        <div class="grow">
          <label for="find-email">{a.findByEmail}</label>
          <input id="find-email" name="email" type="search" maxlength={320} value={p.email ?? ''} />
        </div>
        <div>
          <button type="submit" class="secondary">
            {a.find}
          </button>
        </div>
      </form>
      {p.email ? (
        <p>
          <a href="/admin">{a.showAll}</a>
        </p>
      ) : (
        <p class="muted">{a.peopleHint}</p>
      )}
      {p.people.length ? (
        <ul class="members">
          {p.people.map((x) => (
            <li>
              <div class="who-is">
                <strong>{x.name}</strong> {x.isAdmin ? <span class="badge">{a.isAdmin}</span> : null}
                <div class="muted small-text">{x.email}</div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{a.nobodyFound}</p>
      )}
    </AdminPage>
  );
}

export function CommunitiesPage(p: {
  ctx: PageCtx;
  communities: Access[];
  mayCreate: boolean;
  problem?: string | null;
  typed?: { slug?: string; name?: string; timeZone?: string };
}) {
  const m = p.ctx.l.m;
  const a = m.admin;
  return (
    <AdminPage ctx={p.ctx} tab="communities" problem={p.problem}>
      {p.communities.length ? (
        <ul class="members">
          {p.communities.map((c) => (
            <li>
              <div class="who-is">
                <a href={`/c/${c.community.slug}`}>{c.community.name}</a>
                <div class="muted small-text">
                  /c/{c.community.slug} · {c.community.timeZone}
                </div>
              </div>
              <a href={`/c/${c.community.slug}/members`}>{m.members.title}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{a.noCommunities}</p>
      )}
      {p.mayCreate ? (
        <section class="card" aria-labelledby="new-community">
          <h2 id="new-community">{a.newCommunity}</h2>
          <p class="muted">{a.newCommunityHint}</p>
          <PostForm ctx={p.ctx} action="/admin/communities" class="stack">
            <div>
              <label for="community-name">{a.communityName}</label>
              <input id="community-name" {...control(CommunityCreate, 'name')} value={p.typed?.name ?? ''} />
            </div>
            <div class="row">
              <div>
                <label for="community-slug">{a.slug}</label>
                <input id="community-slug" {...control(CommunityCreate, 'slug')} value={p.typed?.slug ?? ''} />
              </div>
              <div>
                <label for="community-zone">{a.timeZone}</label>
                <input
                  id="community-zone"
                  {...control(CommunityCreate, 'timeZone')}
                  value={p.typed?.timeZone ?? 'UTC'}
                />
              </div>
            </div>
            <button type="submit">{a.create}</button>
          </PostForm>
        </section>
      ) : null}
    </AdminPage>
  );
}

export function JobsPage(p: {
  ctx: PageCtx;
  state: JobState;
  jobs: JobRow[];
  next: string | null;
  problem?: string | null;
  notice?: string | null;
}) {
  const a = p.ctx.l.m.admin;
  return (
    <AdminPage ctx={p.ctx} tab="jobs" problem={p.problem} notice={p.notice}>
      <p class="muted">{a.jobsHint}</p>
      <form method="get" action="/admin/jobs" class="row filters">
        <div>
          <label for="job-state">{a.jobsOf}</label>
          <select id="job-state" name="state">
            {JOB_STATES.map((s) => (
              <option value={s} selected={s === p.state}>
                {a.jobState[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" class="secondary">
            {a.show}
          </button>
        </div>
      </form>
      {p.jobs.length ? (
        <ul class="members jobs">
          {p.jobs.map((j) => {
            const failed = j.attempts >= j.max_attempts && j.locked_at === null;
            const state = j.locked_at ? 'running' : failed ? 'failed' : 'pending';
            return (
              <li>
                <div class="who-is">
                  <strong>
                    #{j.id} {j.task_identifier}
                  </strong>{' '}
                  <span class={`badge ${failed ? 'state-rejected' : ''}`}>{a.jobState[state]}</span>
                  <div class="muted small-text">
                    {a.attempts}: {a.attemptsOf({ n: j.attempts, max: j.max_attempts })} · {a.runAt}:{' '}
                    {when(p.ctx.l, j.run_at, 'UTC')}
                  </div>
                  {j.last_error ? (
                    <details>
                      <summary>{a.lastError}</summary>
                      <pre class="error-text">{j.last_error}</pre>
                    </details>
                  ) : null}
                </div>
                {!j.locked_at ? (
                  <PostForm ctx={p.ctx} action={`/admin/jobs/${j.id}/retry`} class="assign">
                    <input type="hidden" name="state" value={p.state} />
                    <button type="submit" class="secondary small" aria-label={a.retryOf({ id: j.id })}>
                      {a.retry}
                    </button>
                  </PostForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="empty">{a.noJobs}</p>
      )}
      {p.next ? (
        <p>
          <a href={`/admin/jobs?state=${p.state}&cursor=${encodeURIComponent(p.next)}`}>{a.more}</a>
        </p>
      ) : null}
    </AdminPage>
  );
}
