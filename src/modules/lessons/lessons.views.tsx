/** Lesson pages' markup: "what did you learn?" for the speakers, and the lessons library with search. */
import { unesc } from '../../core/html';
import { day } from '../../web/i18n';
import { control } from '../../web/form';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { LessonPut } from './lessons.schemas';

export interface LessonFormValues {
  takeaways?: string;
  wentWell?: string;
  toChange?: string;
  notes?: string;
}

export function LessonForm(p: {
  ctx: PageCtx;
  id: string;
  title: string;
  v: LessonFormValues;
  problem?: string | null;
  version?: number;
}) {
  const m = p.ctx.l.m;
  return (
    <Page ctx={p.ctx} title={m.lesson}>
      <p class="muted">
        <a href={`/proposals/${p.id}`}>{p.title}</a>
      </p>
      <h1>{m.lesson}</h1>
      <Problem detail={p.problem} />
      <PostForm ctx={p.ctx} action={`/proposals/${p.id}/lesson`} class="stack card">
        {p.version ? <input type="hidden" name="version" value={String(p.version)} /> : null}
        <div>
          <label for="takeaways">{m.takeaways}</label>
          <textarea id="takeaways" {...control(LessonPut, 'takeaways')} rows={4}>
            {p.v.takeaways ?? ''}
          </textarea>
        </div>
        <div>
          <label for="wentWell">{m.wentWell}</label>
          <textarea id="wentWell" {...control(LessonPut, 'wentWell')} rows={3}>
            {p.v.wentWell ?? ''}
          </textarea>
        </div>
        <div>
          <label for="toChange">{m.toChange}</label>
          <textarea id="toChange" {...control(LessonPut, 'toChange')} rows={3}>
            {p.v.toChange ?? ''}
          </textarea>
        </div>
        <div class="actions">
          <button type="submit" name="status" value="published">
            {m.publish}
          </button>
          <button type="submit" name="status" value="draft" class="secondary">
            {m.saveDraft}
          </button>
        </div>
      </PostForm>
    </Page>
  );
}

export interface Hit {
  proposalId: string;
  title: string;
  community: { slug: string; name: string };
  startsAt: string | null;
  speakers: string[];
  hasLesson: boolean;
  snippet: string;
}

/** A search snippet: esc()'d text with <mark> around the words found, rendered as elements again. */
function Snippet({ html }: { html: string }) {
  return (
    <p class="snippet">
      {html
        .split(/(<mark>.*?<\/mark>)/)
        .map((part) => (part.startsWith('<mark>') ? <mark>{unesc(part.slice(6, -7))}</mark> : unesc(part)))}
    </p>
  );
}

export function LibraryPage({ ctx, q, hits }: { ctx: PageCtx; q: string; hits: Hit[] | null }) {
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.lessons}>
      <h1>{m.lessons}</h1>
      <form method="get" action="/lessons" class="row" role="search">
        <div class="grow">
          <label for="q">{m.searchLessons}</label>
          <input id="q" name="q" type="search" value={q} maxLength={300} />
        </div>
        <button type="submit">{m.search}</button>
      </form>
      {hits === null ? null : hits.length ? (
        <ul class="list hits">
          {hits.map((h) => (
            <li>
              <a href={`/talks/${h.proposalId}`}>{h.title}</a>
              <span class="muted">
                {' '}
                — {h.speakers.join(', ')} · {h.community.name}
                {h.startsAt ? ` · ${day(ctx.l, new Date(h.startsAt), 'UTC')}` : ''}
              </span>
              <Snippet html={h.snippet} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{m.noHits}</p>
      )}
    </Page>
  );
}
