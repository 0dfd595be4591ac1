/**
 * The community in figures: bar charts drawn as SVG on the server (no chart library, no script;
 * each chart has a text table beside it for screen readers), and the CSV download.
 */
import { num } from '../../web/i18n';
import { Page, type PageCtx } from '../../web/render';
import type { Figures } from './metrics.service';

function Bars({
  title,
  values,
  labels,
  unit = '',
}: {
  title: string;
  values: (number | null)[];
  labels: string[];
  unit?: string;
}) {
  const w = 640;
  const h = 160;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const bw = w / Math.max(1, values.length);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 -14 ${w} ${h + 34}`} role="img" aria-label={title} width="100%">
        {values.map((v, i) => {
          const bh = ((v ?? 0) / max) * h;
          return (
            <g>
              <rect x={i * bw + 2} y={h - bh} width={Math.max(1, bw - 4)} height={bh} fill="#8a4b14" />
              {v ? (
                <text
                  x={i * bw + bw / 2}
                  y={Math.max(10, h - bh - 4)}
                  text-anchor="middle"
                  font-size="11"
                  fill="#1d2433"
                >
                  {String(v)}
                </text>
              ) : null}
              {values.length <= 16 ? (
                <text x={i * bw + bw / 2} y={h + 14} text-anchor="middle" font-size="10" fill="#545d6e">
                  {labels[i]}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table class="visually-hidden">
        <tbody>
          {values.map((v, i) => (
            <tr>
              <th scope="row">{labels[i]}</th>
              <td>{v === null ? '—' : `${v}${unit}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function FiguresPage({
  ctx,
  slug,
  rows,
  csvUrl,
}: {
  ctx: PageCtx;
  slug: string;
  rows: Figures[];
  csvUrl: string;
}) {
  const m = ctx.l.m;
  const labels = rows.map((r) => r.bucket.slice(0, 7));
  return (
    <Page ctx={ctx} title={m.figures}>
      <p class="muted">
        <a href={`/c/${slug}`}>{slug}</a>
      </p>
      <h1>{m.figures}</h1>
      <p>
        <a class="button secondary" href={csvUrl} hx-boost="false" download>
          {m.downloadCsv}
        </a>
      </p>
      {rows.length ? (
        <>
          <Bars title={m.chartAttendance} values={rows.map((r) => r.attended)} labels={labels} />
          <Bars title={m.chartFirstTimers} values={rows.map((r) => r.firstTimeSpeakers)} labels={labels} />
          <Bars title={m.chartOnTime} values={rows.map((r) => r.tasksOnTimePct)} labels={labels} unit=" %" />
          <Bars title={m.chartWishVotes} values={rows.map((r) => r.wishVotes)} labels={labels} />
          <p class="muted">
            {m.speakers}:{' '}
            {num(
              ctx.l,
              rows.reduce((s, r) => s + r.speakers, 0),
            )}{' '}
            · {m.wishes}:{' '}
            {num(
              ctx.l,
              rows.reduce((s, r) => s + r.topicWishes, 0),
            )}
          </p>
        </>
      ) : (
        <p class="empty">{m.noFigures}</p>
      )}
    </Page>
  );
}
