/** The organizers' announcements page: destinations, what each takes, its recent deliveries. */
import { choices, control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { HAPPENINGS, type DestinationKind } from './announcement.entity';
import { DestinationCreate } from './announcements.schemas';
import type { DeliveryRow, DestinationRow } from './announcements.queries';

export interface DestinationValues {
  kind?: string;
  name?: string;
  url?: string;
}

export function AnnouncementsPage(p: {
  ctx: PageCtx;
  slug: string;
  destinations: { d: DestinationRow; deliveries: DeliveryRow[] }[];
  v?: DestinationValues;
  problem?: string | null;
  secret?: string | null;
}) {
  const { ctx } = p;
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.announcements}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.announcements}</h1>
      <p class="muted">{m.announcementsHint}</p>
      {p.secret ? (
        <div class="card stack">
          <label for="secret">{m.webhookSecret}</label>
          <input id="secret" type="text" readonly value={p.secret} class="copy" />
        </div>
      ) : null}
      {p.destinations.length ? (
        p.destinations.map(({ d, deliveries }) => (
          <section class="card" aria-labelledby={`dest-${d.id}`}>
            <h2 id={`dest-${d.id}`}>
              {d.name} <span class="badge">{m.destinationKind[d.kind]}</span>{' '}
              {d.paused_at ? <span class="badge">{m.paused}</span> : null}
            </h2>
            <p class="muted">
              {d.url_hint} · {d.happenings.map((h) => m.happening[h] ?? h).join(', ')}
            </p>
            <p class="actions">
              <PostForm ctx={ctx} action={`/destinations/${d.id}/test`} class="inline">
                <button type="submit" class="secondary small" aria-label={`${m.sendTest}: ${d.name}`}>
                  {m.sendTest}
                </button>
              </PostForm>
              <PostForm ctx={ctx} action={`/destinations/${d.id}/pause`} class="inline">
                <input type="hidden" name="paused" value={d.paused_at ? 'false' : 'true'} />
                <button
                  type="submit"
                  class="secondary small"
                  aria-label={`${d.paused_at ? m.resume : m.pause}: ${d.name}`}
                >
                  {d.paused_at ? m.resume : m.pause}
                </button>
              </PostForm>
            </p>
            {deliveries.length ? (
              <table class="cards">
                <caption class="visually-hidden">{m.deliveriesOf({ name: d.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.happeningCol}</th>
                    <th scope="col">{m.statusCol}</th>
                    <th scope="col">{m.attemptsCol}</th>
                    <th scope="col">
                      <span class="visually-hidden">{m.actionsCol}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((x) => (
                    <tr>
                      <td>{String((x.payload as { title?: string }).title ?? x.happening)}</td>
                      <td data-label={m.statusCol}>
                        {m.deliveryStatus[x.status] ?? x.status}
                        {x.last_error ? <span class="muted"> — {x.last_error}</span> : null}
                      </td>
                      <td data-label={m.attemptsCol}>{x.attempts}</td>
                      <td>
                        {x.status !== 'pending' ? (
                          <PostForm ctx={ctx} action={`/deliveries/${x.id}/redeliver`} class="inline">
                            <button
                              type="submit"
                              class="link"
                              aria-label={`${m.redeliver}: ${String((x.payload as { title?: string }).title ?? x.happening)}`}
                            >
                              {m.redeliver}
                            </button>
                          </PostForm>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="empty">{m.noDeliveries}</p>
            )}
          </section>
        ))
      ) : (
        <p class="empty">{m.noDestinations}</p>
      )}
      <section class="card" aria-labelledby="connect">
        <h2 id="connect">{m.connectChat}</h2>
        <Problem detail={p.problem} />
        <PostForm ctx={ctx} action={`/c/${p.slug}/announcements`} class="stack">
          <div class="row">
            <div>
              <label for="dest-kind">{m.destinationKindLabel}</label>
              <select id="dest-kind" {...control(DestinationCreate, 'kind')}>
                {(choices(DestinationCreate, 'kind') as DestinationKind[]).map((k) => (
                  <option value={k} selected={p.v?.kind === k}>
                    {m.destinationKind[k]}
                  </option>
                ))}
              </select>
            </div>
            <div class="grow">
              <label for="dest-name">{m.destinationName}</label>
              <input id="dest-name" {...control(DestinationCreate, 'name')} value={p.v?.name ?? ''} />
            </div>
          </div>
          <div>
            <label for="dest-url">{m.webhookUrl}</label>
            <input id="dest-url" {...control(DestinationCreate, 'url')} type="url" value={p.v?.url ?? ''} />
          </div>
          <fieldset>
            <legend>{m.whatToAnnounce}</legend>
            {HAPPENINGS.map((h) => (
              <label class="check">
                <input type="checkbox" name="happenings" value={h} checked /> {m.happening[h]}
              </label>
            ))}
          </fieldset>
          <button type="submit">{m.connect}</button>
        </PostForm>
      </section>
    </Page>
  );
}
