/** The talk page's feedback: the rating form for those the policy lets rate, the summary for speakers and organizers. */
import { control, range } from '../../web/form';
import { num, when } from '../../web/i18n';
import { PostForm, Problem, type PageCtx } from '../../web/render';
import type { FeedbackService } from './feedback.service';
import { FeedbackPut } from './feedback.schemas';

export type FeedbackState = NonNullable<Awaited<ReturnType<FeedbackService['forPage']>>>;

export function FeedbackSection(p: {
  ctx: PageCtx;
  id: string;
  tz: string;
  f: FeedbackState;
  problem?: string | null;
  /** what was typed, when the form is shown again after a refusal */
  typed?: { rating?: string; comment?: string };
}) {
  const { ctx, f } = p;
  const t = ctx.l.m.talkFeedback;
  const rating = p.typed?.rating ?? (f.mine ? String(f.mine.rating) : '');
  return (
    <>
      {f.mayGive ? (
        <section class="card" id="feedback" aria-labelledby="feedback-title">
          <h2 id="feedback-title">{t.title}</h2>
          {!f.over ? (
            <p class="muted">{t.notYet}</p>
          ) : (
            <>
              {f.mine ? (
                <p role="status">{t.given({ rating: f.mine.rating, at: when(ctx.l, f.mine.updated_at, p.tz) })}</p>
              ) : null}
              <Problem detail={p.problem} />
              <PostForm ctx={ctx} action={`/talks/${p.id}/feedback`} class="stack">
                <fieldset class="score">
                  <legend>{t.rating}</legend>
                  {range(FeedbackPut, 'rating').map((n) => (
                    <label class="check">
                      <input
                        type="radio"
                        {...control(FeedbackPut, 'rating')}
                        value={String(n)}
                        checked={rating === String(n)}
                      />{' '}
                      {n}
                    </label>
                  ))}
                </fieldset>
                <div>
                  <label for="feedback-comment">{t.comment}</label>
                  <textarea id="feedback-comment" {...control(FeedbackPut, 'comment')} rows={3}>
                    {p.typed?.comment ?? f.mine?.comment ?? ''}
                  </textarea>
                </div>
                <p class="muted">{t.anonymous}</p>
                <button type="submit">{f.mine ? t.change : t.send}</button>
              </PostForm>
            </>
          )}
        </section>
      ) : null}
      {f.summary ? <FeedbackSummary ctx={ctx} s={f.summary} /> : null}
    </>
  );
}

/** Count, mean, how the ratings spread, and the comments — without names, as the API shows them. */
export function FeedbackSummary({ ctx, s }: { ctx: PageCtx; s: NonNullable<FeedbackState['summary']> }) {
  const t = ctx.l.m.talkFeedback;
  return (
    <section aria-labelledby="feedback-summary">
      <h2 id="feedback-summary">{t.summaryTitle}</h2>
      {s.count ? (
        <>
          <p>{t.summary({ n: s.count, mean: num(ctx.l, s.mean ?? 0, 1) })}</p>
          <ul class="list distribution" aria-label={t.spread}>
            {['5', '4', '3', '2', '1'].map((k) => (
              <li>{t.stars({ stars: Number(k), n: s.distribution[k] ?? 0 })}</li>
            ))}
          </ul>
          {s.comments.length ? (
            <>
              <h3>{t.comments}</h3>
              <ul class="list">
                {s.comments.map((c) => (
                  <li>
                    <span class="badge">{c.rating}</span> <span class="prose">{c.comment}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p class="muted">{t.withoutNames}</p>
        </>
      ) : (
        <p class="empty">{t.none}</p>
      )}
    </section>
  );
}
