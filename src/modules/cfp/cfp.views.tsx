/** How pages say a call's window and choose among open calls. */
import { clock, day } from '../../web/i18n';
import { Page, type PageCtx } from '../../web/render';
import { isOpen } from './call.entity';
import type { CallView } from './cfp.queries';
import { lastOpenMinute } from './window';

/** "Open until Mar 1, 2027, 23:59 (Europe/Helsinki)", "Opens …" for a call not open yet, or "Open, no deadline". */
export function callWindow(ctx: PageCtx, c: CallView, tz: string): string {
  const t = ctx.l.m.calls;
  const at = (d: Date) => `${day(ctx.l, d, tz)}, ${clock(ctx.l, d, tz)}`;
  if (c.call.opensAt.getTime() > Date.now()) return t.opens({ at: at(c.call.opensAt), zone: tz });
  if (!c.call.closesAt) return t.rolling;
  if (!isOpen(c.call)) return t.closed;
  return t.openUntil({ at: at(lastOpenMinute(c.call.closesAt, tz)), zone: tz });
}

/** Several calls are open: the speaker chooses the one their talk is for. */
export function ChooseCall(p: { ctx: PageCtx; slug: string; tz: string; calls: CallView[] }) {
  const m = p.ctx.l.m;
  return (
    <Page ctx={p.ctx} title={m.proposeTalk}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.calls.chooseTitle}</h1>
      <p class="muted">{m.calls.chooseHint}</p>
      <ul class="calls">
        {p.calls.map((c) => (
          <li class="card">
            <h2>{c.call.title}</h2>
            <p class="muted">{callWindow(p.ctx, c, p.tz)}</p>
            {c.call.description ? <p class="prose">{c.call.description}</p> : null}
            <p>
              {m.calls.formatsAre({ list: c.formats.map((f) => `${f.name} (${f.durationMinutes} min)`).join(', ') })}
            </p>
            <a
              class="button"
              href={`/c/${p.slug}/propose?call=${c.call.id}`}
              aria-label={m.calls.proposeTo({ title: c.call.title })}
            >
              {m.calls.choose}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
