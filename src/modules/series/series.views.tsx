/** Series pages' markup: a community's series (and a form to start one), one series with its occurrences. */
import { span, type Messages } from '../../web/i18n';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { hhmm } from './cadence';
import type { SeriesRow } from './series.queries';
import type { SeriesView } from './series.service';
import type { PlannedOccurrence } from './backlog';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const EVERY = ['weekly', 'biweekly', 'monthly-1', 'monthly-2', 'monthly-3', 'monthly-last'] as const;

const CADENCE = /^FREQ=(WEEKLY|MONTHLY)(;INTERVAL=2)?;BYDAY=(1|2|3|-1)?(MO|TU|WE|TH|FR|SA|SU)$/;
const MONTHLY: Record<string, string> = { '1': 'monthly1', '2': 'monthly2', '3': 'monthly3', '-1': 'monthlyLast' };

/**
 * The cadence in the reader's words when it is one the form makes (series.pages.tsx cadenceOf:
 * "every second week on Thursday"); any other RRULE as it was written.
 */
export function cadenceText(m: Messages, rrule: string): string {
  const c = CADENCE.exec(rrule);
  if (!c) return rrule;
  const [, freq, twice, nth, day] = c;
  const every = freq === 'WEEKLY' ? (nth ? null : twice ? 'biweekly' : 'weekly') : twice ? null : MONTHLY[nth ?? ''];
  if (!every) return rrule;
  return m.composed.cadence({ every, day: m.weekdays[WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number])] });
}

export interface SeriesValues {
  title?: string;
  every?: string;
  weekday?: string;
  rrule?: string;
  startsOn?: string;
  startTime?: string;
  durationMinutes?: string;
  onlineUrl?: string;
  formatMix?: string;
}

/** The cadence fields: a common rhythm and a weekday, or an RRULE for anything else. */
function CadenceFields({ ctx, v, id }: { ctx: PageCtx; v?: SeriesValues; id: string }) {
  const m = ctx.l.m;
  return (
    <>
      <div class="row">
        <div>
          <label for={`${id}-every`}>{m.seriesEvery}</label>
          <select id={`${id}-every`} name="every">
            {EVERY.map((e) => (
              <option value={e} selected={v?.every === e}>
                {m.seriesRhythm[e]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={`${id}-weekday`}>{m.seriesWeekday}</label>
          <select id={`${id}-weekday`} name="weekday">
            {WEEKDAYS.map((d, i) => (
              <option value={d} selected={(v?.weekday ?? 'TH') === d}>
                {m.weekdays[i]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={`${id}-time`}>{m.seriesStartTime}</label>
          <input id={`${id}-time`} name="startTime" type="time" required value={v?.startTime ?? '12:00'} />
        </div>
        <div>
          <label for={`${id}-minutes`}>{m.seriesMinutes}</label>
          <input
            id={`${id}-minutes`}
            name="durationMinutes"
            type="number"
            min={5}
            max={1440}
            required
            value={v?.durationMinutes ?? '60'}
          />
        </div>
      </div>
      <div>
        <label for={`${id}-rrule`}>{m.seriesRrule}</label>
        <input
          id={`${id}-rrule`}
          name="rrule"
          maxLength={500}
          value={v?.rrule ?? ''}
          placeholder="FREQ=MONTHLY;BYDAY=1TU"
        />
      </div>
    </>
  );
}

export function SeriesListPage(p: {
  ctx: PageCtx;
  slug: string;
  series: SeriesRow[];
  organizer: boolean;
  v?: SeriesValues;
  problem?: string | null;
}) {
  const { ctx } = p;
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.series}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.series}</h1>
      {p.series.length ? (
        <ul class="list">
          {p.series.map((s) => (
            <li>
              <a href={`/series/${s.id}`}>{s.title}</a>{' '}
              <span class="muted">
                — {s.rules.length ? cadenceText(m, s.rules[s.rules.length - 1].rrule) : ''}
                {s.ends_on ? ` · ${m.seriesEnded({ on: s.ends_on })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noSeries}</p>
      )}
      {p.organizer ? (
        <section aria-labelledby="new-series" class="card">
          <h2 id="new-series">{m.newSeries}</h2>
          <Problem detail={p.problem} />
          <PostForm ctx={ctx} action={`/c/${p.slug}/series`} class="stack">
            <div>
              <label for="series-title">{m.title}</label>
              <input id="series-title" name="title" required maxLength={200} value={p.v?.title ?? ''} />
            </div>
            <CadenceFields ctx={ctx} v={p.v} id="new" />
            <div class="row">
              <div>
                <label for="series-starts">{m.seriesStartsOn}</label>
                <input id="series-starts" name="startsOn" type="date" required value={p.v?.startsOn ?? ''} />
              </div>
              <div class="grow">
                <label for="series-online">{m.onlineUrl}</label>
                <input id="series-online" name="onlineUrl" type="url" maxLength={2000} value={p.v?.onlineUrl ?? ''} />
              </div>
            </div>
            <div>
              <label for="series-mix">{m.seriesMix}</label>
              <input
                id="series-mix"
                name="formatMix"
                maxLength={200}
                value={p.v?.formatMix ?? ''}
                placeholder="talk: 2, lightning: 3"
              />
            </div>
            <button type="submit">{m.startSeries}</button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}

export function SeriesPage({
  ctx,
  view,
  organizer,
  problem,
  notice,
  plan = [],
}: {
  ctx: PageCtx;
  view: SeriesView;
  organizer: boolean;
  problem?: string | null;
  notice?: string | null;
  /** what the backlog could fill (organizers) */
  plan?: PlannedOccurrence[];
}) {
  const m = ctx.l.m;
  const s = view.series;
  const rule = s.rules[s.rules.length - 1];
  const made = new Map(view.occurrences.map((e) => [e.occurrence_on, e]));
  const drafts = view.next.filter((o) => made.get(o.on)?.status === 'draft').length;
  return (
    <Page ctx={ctx} title={s.title}>
      <p class="muted">
        <a href={`/c/${s.community}/series`}>
          {s.community} · {m.series}
        </a>
      </p>
      <h1>{s.title}</h1>
      <p>
        {rule
          ? m.composed.seriesWhen({
              cadence: cadenceText(m, rule.rrule),
              time: hhmm(rule.startMinute),
              minutes: rule.minutes,
              zone: s.time_zone,
            })
          : ''}
        {s.room_name ? ` · ${s.room_name}` : ''}
        {s.ends_on ? ` · ${m.seriesEnded({ on: s.ends_on })}` : ''}
        {Object.keys(s.format_mix).length
          ? ` · ${Object.entries(s.format_mix)
              .map(([k, n]) => `${n} × ${k}`)
              .join(', ')}`
          : ''}
      </p>
      <Problem detail={problem} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="coming">
        <h2 id="coming">{m.seriesComing}</h2>
        {view.next.length ? (
          <ul class="list coming">
            {view.next.map((o) => {
              const e = made.get(o.on);
              return (
                <li>
                  {e ? (
                    <a href={`/events/${e.id}`}>{span(ctx.l, e.starts_at, e.ends_at, s.time_zone)}</a>
                  ) : (
                    span(ctx.l, o.start, o.end, s.time_zone)
                  )}{' '}
                  {e ? <span class="badge">{m.eventStatus[e.status] ?? e.status}</span> : null}
                  {e && e.talks === 0 ? <span class="muted"> · {m.seriesNoTalks}</span> : null}
                  {organizer && e?.status === 'draft' ? (
                    <PostForm ctx={ctx} action={`/series/${s.id}/publish`} class="inline">
                      <input type="hidden" name="eventIds" value={e.id} />
                      <button type="submit" class="small" aria-label={m.eventAdmin.publishOn({ on: o.on })}>
                        {m.eventAdmin.publish}
                      </button>
                    </PostForm>
                  ) : null}
                  {organizer ? (
                    <PostForm ctx={ctx} action={`/series/${s.id}/skip`} class="inline">
                      <input type="hidden" name="on" value={o.on} />
                      <button type="submit" class="link" aria-label={`${m.seriesSkip}: ${o.on}`}>
                        {m.seriesSkip}
                      </button>
                    </PostForm>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="empty">{m.seriesNothingComing}</p>
        )}
        {organizer && drafts > 0 ? (
          <PostForm ctx={ctx} action={`/series/${s.id}/publish`}>
            <button type="submit">{m.eventAdmin.publishAll({ n: drafts })}</button>
          </PostForm>
        ) : null}
        {s.skips.length ? (
          <>
            <h3>{m.seriesSkipped}</h3>
            <ul class="list">
              {s.skips.map((on) => (
                <li>
                  {on}
                  {organizer ? (
                    <PostForm ctx={ctx} action={`/series/${s.id}/unskip`} class="inline">
                      <input type="hidden" name="on" value={on} />
                      <button type="submit" class="link" aria-label={`${m.seriesUnskip}: ${on}`}>
                        {m.seriesUnskip}
                      </button>
                    </PostForm>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {organizer && plan.some((o) => o.proposed.length) ? (
        <section aria-labelledby="backlog" class="card">
          <h2 id="backlog">{m.seriesFromBacklog}</h2>
          <p class="muted">{m.seriesFromBacklogHint}</p>
          <ul class="list">
            {plan
              .filter((o) => o.proposed.length)
              .map((o) => (
                <li>
                  <strong>{o.on}</strong>:{' '}
                  {o.proposed.map((p) => `${p.title} (${p.speakers.map((x) => x.name).join(', ')})`).join(' · ')}
                  <PostForm ctx={ctx} action={`/series/${s.id}/confirm`} class="inline">
                    <input type="hidden" name="eventId" value={o.eventId} />
                    <button type="submit" class="secondary small" aria-label={`${m.seriesConfirm}: ${o.on}`}>
                      {m.seriesConfirm}
                    </button>
                  </PostForm>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {organizer && !s.ends_on ? (
        <>
          <section aria-labelledby="cadence" class="card">
            <h2 id="cadence">{m.seriesChangeCadence}</h2>
            <PostForm ctx={ctx} action={`/series/${s.id}/cadence`} class="stack">
              <div>
                <label for="cadence-from">{m.seriesFrom}</label>
                <input id="cadence-from" name="from" type="date" required />
              </div>
              <CadenceFields
                ctx={ctx}
                id="change"
                v={rule ? { startTime: hhmm(rule.startMinute), durationMinutes: String(rule.minutes) } : undefined}
              />
              <button type="submit">{m.seriesChangeCadence}</button>
            </PostForm>
          </section>
          <section aria-labelledby="end" class="card">
            <h2 id="end">{m.seriesEnd}</h2>
            <PostForm ctx={ctx} action={`/series/${s.id}/end`} class="stack">
              <div>
                <label for="end-after">{m.seriesLastDay}</label>
                <input id="end-after" name="after" type="date" required />
              </div>
              <button type="submit" class="secondary">
                {m.seriesEnd}
              </button>
            </PostForm>
          </section>
        </>
      ) : null}
    </Page>
  );
}
