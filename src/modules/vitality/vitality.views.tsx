/** The community-health page's markup: one card per indicator, the invitation figures, the settings form. */
import { when } from '../../web/i18n';
import { control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { THRESHOLDS, type ThresholdKey } from './rules';
import { HealthSettingsForm } from './vitality.schemas';
import type { VitalityService } from './vitality.service';
import { sayReason } from './vitality.words';

type Report = Awaited<ReturnType<VitalityService['report']>>;

const BADGE = { healthy: 'state-accepted', watch: 'state-submitted', act: 'state-rejected' } as const;

export function HealthPage(p: { ctx: PageCtx; r: Report; problem?: string | null; saved?: boolean }) {
  const { ctx, r } = p;
  const m = ctx.l.m;
  const h = m.health;
  const slug = r.community.slug;
  return (
    <Page ctx={ctx} title={h.title}>
      <p class="muted">
        <a href={`/c/${slug}`}>{r.community.name}</a> · <a href={`/c/${slug}/figures`}>{m.figures}</a>
      </p>
      <h1>{h.title}</h1>
      <p class="muted">{h.hint}</p>
      {r.indicators.map((i) => (
        <section class="card" id={`indicator-${i.key}`} aria-labelledby={`h-${i.key}`}>
          <h2 id={`h-${i.key}`}>
            {h.indicator[i.key]} <span class={`badge ${BADGE[i.status]}`}>{h.status[i.status]}</span>
          </h2>
          <dl class="facts">
            <dt>{m.health.valueCol}</dt>
            <dd>{i.value === null ? h.noValue : h.unit[i.unit]({ v: i.value })}</dd>
            <dt>{h.trend}</dt>
            <dd>
              {i.trend.length
                ? i.trend.map((t) => `${t.label}: ${t.value === null ? h.noValue : t.value}`).join(' · ')
                : h.noValue}
            </dd>
          </dl>
          <p>{sayReason(m, i.reason)}</p>
          {i.actSince ? (
            <p class="muted">{h.actSince({ when: when(ctx.l, i.actSince, r.community.timeZone) })}</p>
          ) : null}
          {i.status !== 'healthy' ? (
            <p>
              <strong>{h.nextStep}:</strong> {h.step[i.step]} <a href={i.path}>{h.takeStep}</a>
            </p>
          ) : null}
        </section>
      ))}
      <section class="card" aria-labelledby="h-speak-up">
        <h2 id="h-speak-up">{h.speakUpTitle}</h2>
        <p>{r.speakUp.enabled ? h.speakUpOn : h.speakUpOff}</p>
        <p>{h.speakUpFigures({ asked: r.speakUp.asked, proposed: r.speakUp.proposed })}</p>
      </section>
      <section class="card" aria-labelledby="h-settings">
        <h2 id="h-settings">{h.settingsTitle}</h2>
        <Problem detail={p.problem} />
        {p.saved ? (
          <p class="notice" role="status">
            {h.saved}
          </p>
        ) : null}
        <PostForm ctx={ctx} action={`/c/${slug}/health`} class="stack">
          <div>
            <input type="checkbox" id="speak-up" name="speakUp" value="on" checked={r.speakUp.enabled} />{' '}
            <label for="speak-up">{h.speakUpSetting}</label>
            <input type="hidden" name="speakUpShown" value="1" />
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">{h.thresholdCol}</th>
                <th scope="col">{h.valueCol}</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(THRESHOLDS) as ThresholdKey[]).map((k) => (
                <tr>
                  <th scope="row">
                    <label for={`t-${k}`}>{h.threshold[k]}</label>
                    <br />
                    <span class="muted">
                      <code>{k}</code>, {h.defaultIs({ v: THRESHOLDS[k].default })}
                    </span>
                  </th>
                  <td>
                    <input
                      type="number"
                      id={`t-${k}`}
                      {...control(HealthSettingsForm, k)}
                      step={1}
                      value={String(r.thresholds[k])}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{h.save}</button>
        </PostForm>
      </section>
    </Page>
  );
}

export function SpeakUpPage(p: {
  ctx: PageCtx;
  inv: { id: string; community: string; slug: string; answer: string | null };
  asking: 'not-now' | 'never';
  done?: boolean;
}) {
  const { ctx, inv } = p;
  const s = ctx.l.m.speakUp;
  return (
    <Page ctx={ctx} title={s.title}>
      <h1>{s.title}</h1>
      <p>{s.askedBy({ community: inv.community })}</p>
      {p.done ? (
        <p class="notice" role="status">
          {p.asking === 'never' ? s.neverSay : s.notNowSay({ community: inv.community })}
        </p>
      ) : (
        <PostForm ctx={ctx} action={`/speak-up/${inv.id}/${p.asking}`}>
          <button type="submit">{p.asking === 'never' ? s.confirmNever : s.confirmNotNow}</button>
        </PostForm>
      )}
      <p>
        <a href={`/c/${inv.slug}/propose`}>{s.propose}</a>
      </p>
    </Page>
  );
}
