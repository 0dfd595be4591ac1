/**
 * The organizers' task board, compact: open tasks grouped by talk (or by when they are due), each on
 * one line with its assignee and "Mark done"; what is done or skipped is folded away under each group.
 * Overdue and "after the talk" are the query's words (db/fragments.ts), not decided here.
 */
import { day, when } from '../../web/i18n';
import { Page, PostForm, type PageCtx } from '../../web/render';
import type { TaskRow } from './tasks.queries';

export type Grouping = 'talk' | 'due';
const DUE_GROUPS = ['overdue', 'week', 'later', 'undated', 'afterTalk'] as const;
const WEEK = 7 * 86400_000;

/** Which due group an open task is in. */
const dueGroup = (t: TaskRow, now: number) =>
  t.after_talk
    ? 'afterTalk'
    : t.overdue
      ? 'overdue'
      : !t.due_at
        ? 'undated'
        : t.due_at.getTime() < now + WEEK
          ? 'week'
          : 'later';

interface Group {
  key: string;
  title: string;
  href?: string;
  sub?: string;
  open: TaskRow[];
  closed: TaskRow[];
}

function groups(ctx: PageCtx, items: TaskRow[], by: Grouping): Group[] {
  const b = ctx.l.m.board;
  const now = Date.now();
  if (by === 'due') {
    const out: Group[] = DUE_GROUPS.map((k) => ({ key: k, title: b.dueGroup[k], open: [], closed: [] }));
    for (const t of items) if (t.status === 'open') out.find((g) => g.key === dueGroup(t, now))!.open.push(t);
    const closed = items.filter((t) => t.status !== 'open');
    return [
      ...out.filter((g) => g.open.length),
      ...(closed.length ? [{ key: 'closed', title: '', open: [], closed }] : []),
    ];
  }
  const byTalk = new Map<string, Group>();
  for (const t of items) {
    let g = byTalk.get(t.proposal_id);
    if (!g) {
      g = {
        key: t.proposal_id,
        title: t.proposal_title,
        href: `/proposals/${t.proposal_id}`,
        sub: t.talk_starts_at ? b.talkAt({ at: day(ctx.l, t.talk_starts_at, t.time_zone ?? 'UTC') }) : undefined,
        open: [],
        closed: [],
      };
      byTalk.set(t.proposal_id, g);
    }
    (t.status === 'open' ? g.open : g.closed).push(t);
  }
  // Talks with something open first (the rows come soonest due first), finished ones after.
  const all = [...byTalk.values()];
  return [...all.filter((g) => g.open.length), ...all.filter((g) => !g.open.length)];
}

export function TaskBoard({
  ctx,
  slug,
  items,
  overdue,
  by,
  organizers,
  empty = [],
}: {
  ctx: PageCtx;
  slug: string;
  items: TaskRow[];
  overdue: boolean;
  by: Grouping;
  organizers: { id: string; name: string }[];
  /** series occurrences within two weeks with an empty agenda */
  empty?: { id: string; title: string; starts_at: Date }[];
}) {
  const m = ctx.l.m;
  const b = m.board;
  return (
    <Page ctx={ctx} title={m.taskBoard}>
      <p class="muted">
        <a href={`/c/${slug}`}>{slug}</a>
      </p>
      <h1>{m.taskBoard}</h1>
      {empty.length ? (
        <div class="card" role="note">
          <p>
            <strong>{m.emptySoon}</strong>
          </p>
          <ul class="list">
            {empty.map((e) => (
              <li>
                <a href={`/events/${e.id}`}>{e.title}</a>{' '}
                <span class="muted">{e.starts_at.toISOString().slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" class="row filters">
        <div>
          <label for="group-by">{b.groupBy}</label>
          <select id="group-by" name="group">
            <option value="talk" selected={by === 'talk'}>
              {b.byTalk}
            </option>
            <option value="due" selected={by === 'due'}>
              {b.byDue}
            </option>
          </select>
        </div>
        <div>
          <label class="check">
            <input type="checkbox" name="overdue" value="true" checked={overdue} /> {m.onlyOverdue}
          </label>
        </div>
        <div>
          <button type="submit" class="secondary">
            {m.filterState}
          </button>
        </div>
      </form>
      <p class="muted">{b.afterTalkHint}</p>
      {items.length ? (
        groups(ctx, items, by).map((g) => (
          <section class="task-group" aria-label={g.title || b.closed({ n: g.closed.length })}>
            {g.title ? (
              <h2>
                {g.href ? <a href={g.href}>{g.title}</a> : g.title}{' '}
                <span class="muted small-text">
                  {g.sub ? `${g.sub} · ` : ''}
                  {b.openCount({ n: g.open.length })}
                </span>
              </h2>
            ) : null}
            {g.open.length ? (
              <ul class="tasks board">
                {g.open.map((t) => (
                  <Line ctx={ctx} slug={slug} t={t} organizers={organizers} talk={by === 'due'} />
                ))}
              </ul>
            ) : null}
            {g.closed.length ? (
              <details class="closed">
                <summary>{b.closed({ n: g.closed.length })}</summary>
                <ul class="tasks board">
                  {g.closed.map((t) => (
                    <li>
                      <span class="done">{t.title}</span>
                      {by === 'due' ? <a href={`/proposals/${t.proposal_id}`}>{t.proposal_title}</a> : null}
                      <span class="badge">{m.taskStatus[t.status] ?? t.status}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        ))
      ) : (
        <p class="empty">{m.noTasks}</p>
      )}
    </Page>
  );
}

function Line(p: {
  ctx: PageCtx;
  slug: string;
  t: TaskRow;
  organizers: { id: string; name: string }[];
  talk: boolean;
}) {
  const { ctx, t } = p;
  const m = ctx.l.m;
  return (
    <li class={t.overdue ? 'overdue' : ''}>
      <span>
        {t.title}
        {t.due_at ? (
          <span class="muted small-text" title={when(ctx.l, t.due_at, t.time_zone ?? 'UTC')}>
            {' '}
            · {m.due({ when: day(ctx.l, t.due_at, t.time_zone ?? 'UTC') })}{' '}
          </span>
        ) : null}
        {t.overdue ? <span class="badge state-rejected">{m.overdue}</span> : null}
        {t.after_talk ? <span class="badge">{m.board.afterTalk}</span> : null}
        {p.talk ? (
          <>
            <br />
            <a href={`/proposals/${t.proposal_id}`} class="small-text">
              {t.proposal_title}
            </a>
          </>
        ) : null}
      </span>
      <PostForm ctx={ctx} action={`/tasks/${t.id}/assign`} class="assign">
        <input type="hidden" name="version" value={String(t.version)} />
        <label for={`assignee-${t.id}`} class="visually-hidden">
          {m.board.assigneeOf({ title: t.title })}
        </label>
        <select id={`assignee-${t.id}`} name="assigneeId">
          <option value="">{m.unassigned}</option>
          {t.assignee_id && !p.organizers.some((o) => o.id === t.assignee_id) ? (
            <option value={t.assignee_id} selected>
              {t.assignee_name}
            </option>
          ) : null}
          {p.organizers.map((o) => (
            <option value={o.id} selected={o.id === t.assignee_id}>
              {o.name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary small">
          {m.reassign}
        </button>
      </PostForm>
      <PostForm ctx={ctx} action={`/tasks/${t.id}/done`} class="inline">
        <input type="hidden" name="version" value={String(t.version)} />
        <input type="hidden" name="back" value={`/c/${p.slug}/tasks`} />
        <button type="submit" class="secondary small">
          {m.markDone}
        </button>
      </PostForm>
    </li>
  );
}
