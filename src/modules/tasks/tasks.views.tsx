/** The organizers' task board: every task of the community, late first; mark done in place. */
import { when } from '../../web/i18n';
import { Page, PostForm, type PageCtx } from '../../web/render';
import type { TaskRow } from './tasks.queries';

export function TaskBoard({
  ctx,
  slug,
  items,
  overdue,
  organizers,
  empty = [],
}: {
  ctx: PageCtx;
  slug: string;
  items: TaskRow[];
  overdue: boolean;
  organizers: { id: string; name: string }[];
  /** series occurrences within two weeks with an empty agenda */
  empty?: { id: string; title: string; starts_at: Date }[];
}) {
  const m = ctx.l.m;
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
        <label class="check">
          <input type="checkbox" name="overdue" value="true" checked={overdue} /> {m.onlyOverdue}
        </label>
        <button type="submit" class="secondary">
          {m.filterState}
        </button>
      </form>
      <p class="muted">{m.lateFirst}</p>
      {items.length ? (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">{m.checklist}</th>
              <th scope="col">{m.talk}</th>
              <th scope="col">{m.assignee}</th>
              <th scope="col">{m.state}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr class={t.overdue ? 'overdue' : ''}>
                <td>
                  {t.title}
                  {t.due_at ? (
                    <>
                      <br />
                      <span class="muted">{m.due(when(ctx.l, t.due_at, t.time_zone ?? 'UTC'))}</span>
                    </>
                  ) : null}
                  {t.overdue ? <span class="badge state-rejected">{m.overdue}</span> : null}
                </td>
                <td data-label={m.talk}>
                  <a href={`/proposals/${t.proposal_id}`}>{t.proposal_title}</a>
                </td>
                <td>
                  <PostForm ctx={ctx} action={`/tasks/${t.id}/assign`} class="assign">
                    <input type="hidden" name="version" value={String(t.version)} />
                    <label for={`assignee-${t.id}`} class="visually-hidden">
                      {m.assignee}
                    </label>
                    <select id={`assignee-${t.id}`} name="assigneeId">
                      <option value="">{m.unassigned}</option>
                      {t.assignee_id && !organizers.some((o) => o.id === t.assignee_id) ? (
                        <option value={t.assignee_id} selected>
                          {t.assignee_name}
                        </option>
                      ) : null}
                      {organizers.map((o) => (
                        <option value={o.id} selected={o.id === t.assignee_id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary small">
                      {m.reassign}
                    </button>
                  </PostForm>
                </td>
                <td>
                  {t.status === 'open' ? (
                    <PostForm ctx={ctx} action={`/tasks/${t.id}/done`} class="inline">
                      <input type="hidden" name="version" value={String(t.version)} />
                      <input type="hidden" name="back" value={`/c/${slug}/tasks`} />
                      <button type="submit" class="secondary small">
                        {m.markDone}
                      </button>
                    </PostForm>
                  ) : (
                    <span class="badge">{m.taskStatus[t.status] ?? t.status}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{m.noTasks}</p>
      )}
    </Page>
  );
}
