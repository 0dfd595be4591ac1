/** The proposal pages' markup: propose, the community's proposals, one proposal, the review queue. */
import type { CallView } from '../cfp/cfp.queries';
import type { TaskRow } from '../tasks/tasks.queries';
import type { ReviewRow } from '../reviews/reviews.queries';
import type { LessonView } from '../lessons/lessons.queries';
import type { VNode } from 'preact';
import { can } from '../../core/policy';
import { choices, control, range } from '../../web/form';
import { languageName, num, span, when } from '../../web/i18n';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import { RetrospectivePut } from '../lessons/lessons.schemas';
import { ReviewPut } from '../reviews/reviews.schemas';
import type { ProposalView, TalkRow } from './proposals.queries';
import { DECISION_STATES, DecideMany, ProposalCreate, ProposalPatch, proposalOut } from './proposals.schemas';
import type { ProposalState } from './state-machine';

export type ProposalFormValues = Partial<Record<(typeof PROPOSE_FIELDS)[number], string>>;

/** The propose form's fields: the API's ProposalCreate but `speaker` (organizers file for others by the API). */
export const PROPOSE_FIELDS = [
  'callId',
  'title',
  'abstract',
  'format',
  'track',
  'level',
  'language',
  'notes',
  'coSpeakers',
  'submit',
] as const;

export function ProposeForm(p: {
  ctx: PageCtx;
  slug: string;
  calls: CallView[];
  v: ProposalFormValues;
  problem?: string | null;
  action: string;
  editing?: boolean;
}) {
  const m = p.ctx.l.m;
  const call = p.calls.find((c) => c.call.id === p.v.callId) ?? p.calls[0];
  // The controls' limits and choices are the API's (ProposalCreate), so browser and server agree.
  const S = p.editing ? ProposalPatch : ProposalCreate;
  return (
    <Page ctx={p.ctx} title={p.editing ? m.edit : m.proposeTalk}>
      <h1>{p.editing ? m.edit : m.proposeTalk}</h1>
      {!p.editing && call ? (
        <p class="muted">
          {m.calls.forCall({ title: call.call.title })}
          {p.calls.length > 1 ? (
            <>
              {' · '}
              <a href={`/c/${p.slug}/propose`}>{m.calls.otherCall}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <Problem detail={p.problem} />
      <PostForm ctx={p.ctx} action={p.action} class="stack card">
        {!p.editing ? <input type="hidden" name="callId" value={call?.call.id} /> : null}
        <div>
          <label for="title">{m.title}</label>
          <input id="title" {...control(ProposalCreate, 'title')} value={p.v.title ?? ''} />
        </div>
        <div>
          <label for="abstract">{m.abstract}</label>
          <textarea id="abstract" {...control(S, 'abstract')} rows={6}>
            {p.v.abstract ?? ''}
          </textarea>
        </div>
        <div class="row">
          <div>
            <label for="format">{m.format}</label>
            <select id="format" {...control(S, 'format')}>
              {call?.formats.map((f) => (
                <option value={f.key} selected={f.key === p.v.format}>
                  {m.composed.withMinutes({ name: f.name, minutes: f.durationMinutes })}
                </option>
              ))}
            </select>
          </div>
          {call?.tracks.length ? (
            <div>
              <label for="track">{m.track}</label>
              <select id="track" {...control(S, 'track')}>
                <option value="">{m.noTrack}</option>
                {call.tracks.map((t) => (
                  <option value={t.key} selected={t.key === p.v.track}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label for="level">{m.level}</label>
            <select id="level" {...control(S, 'level')}>
              {choices(S, 'level').map((l) => (
                <option value={l} selected={l === (p.v.level ?? 'intermediate')}>
                  {m.levelName[l]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="language">{m.language}</label>
            <select id="language" {...control(S, 'language')}>
              {choices(S, 'language').map((l) => (
                <option value={l} selected={l === (p.v.language ?? 'en')}>
                  {languageName(p.ctx.l, l)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <label for="coSpeakers">{m.coSpeakers}</label>
          <textarea id="coSpeakers" {...control(S, 'coSpeakers')} rows={2}>
            {p.v.coSpeakers ?? ''}
          </textarea>
        </div>
        <div>
          <label for="notes">{m.notes}</label>
          <textarea id="notes" {...control(S, 'notes')} rows={3}>
            {p.v.notes ?? ''}
          </textarea>
        </div>
        <div class="actions">
          {p.editing ? (
            <button type="submit">{m.save}</button>
          ) : (
            <>
              <button type="submit" name="submit" value="true">
                {m.submit}
              </button>
              <button type="submit" name="submit" value="false" class="secondary">
                {m.saveDraft}
              </button>
            </>
          )}
        </div>
      </PostForm>
    </Page>
  );
}

export function StateBadge({ ctx, state }: { ctx: PageCtx; state: ProposalState }) {
  return <span class={`badge state-${state}`}>{ctx.l.m.stateName[state]}</span>;
}

export function ProposalsTable(p: {
  ctx: PageCtx;
  slug: string;
  items: ProposalView[];
  organizer: boolean;
  state?: string;
  sort?: string;
  notice?: string | null;
  problem?: string | null;
}) {
  const m = p.ctx.l.m;
  return (
    <Page ctx={p.ctx} title={p.organizer ? m.proposals : m.myProposals}>
      <h1>{p.organizer ? m.proposals : m.myProposals}</h1>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      {p.organizer ? (
        <>
          <form method="get" class="row filters">
            <div>
              <label for="state">{m.filterState}</label>
              <select id="state" name="state">
                <option value="">{m.allStates}</option>
                {Object.keys(m.stateName).map((s) => (
                  <option value={s} selected={s === p.state}>
                    {m.stateName[s]}
                  </option>
                ))}
              </select>
            </div>
            <label class="check">
              <input type="checkbox" name="sort" value="-meanScore" checked={p.sort === '-meanScore'} /> {m.sortByScore}
            </label>
            <button type="submit" class="secondary">
              {m.filterState}
            </button>
          </form>
          <p class="muted">{m.stagedHint}</p>
          <PostForm ctx={p.ctx} action={`/c/${p.slug}/decisions`}>
            <button type="submit">{m.sendDecisions}</button>
          </PostForm>
        </>
      ) : null}
      {p.items.length && p.organizer ? (
        <PostForm ctx={p.ctx} action={`/c/${p.slug}/decide`} class="stack">
          <Table {...p} />
          <div class="row">
            <div>
              <label for="decide-to">{m.eventAdmin.decision}</label>
              <select id="decide-to" {...control(DecideMany, 'to')}>
                {choices(DecideMany, 'to').map((s) => (
                  <option value={s}>{m.stateName[s]}</option>
                ))}
              </select>
            </div>
            <div class="grow">
              <label for="decide-reason">{m.eventAdmin.decideReason}</label>
              <input id="decide-reason" {...control(DecideMany, 'reason')} />
            </div>
            <button type="submit">{m.eventAdmin.decide}</button>
          </div>
        </PostForm>
      ) : p.items.length ? (
        <Table {...p} />
      ) : (
        <p class="empty">{m.noProposals}</p>
      )}
    </Page>
  );
}

/** The list; for organizers each proposal that can be decided has a checkbox. */
function Table(p: { ctx: PageCtx; items: ProposalView[]; organizer: boolean }) {
  const m = p.ctx.l.m;
  const decidable = (v: ProposalView) =>
    p.organizer && proposalOut(v).actions.some((a) => (DECISION_STATES as readonly string[]).includes(a));
  return (
    <table class="cards">
      <thead>
        <tr>
          <th scope="col">{m.title}</th>
          <th scope="col">{m.state}</th>
          {p.organizer ? <th scope="col">{m.meanScore}</th> : null}
          {p.organizer ? <th scope="col">{m.reviews}</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.items.map((v) => (
          <tr>
            <td>
              {decidable(v) ? (
                <input
                  type="checkbox"
                  class="pick"
                  name="proposalIds"
                  value={v.row.id}
                  aria-label={m.eventAdmin.select({ title: v.row.title })}
                />
              ) : null}
              <a href={`/proposals/${v.row.id}`}>{v.row.title}</a>
            </td>
            <td data-label={m.state}>
              <StateBadge ctx={p.ctx} state={v.row.state} />
            </td>
            {p.organizer ? (
              <td data-label={m.meanScore}>
                {figures(v).meanScore != null ? num(p.ctx.l, figures(v).meanScore!, 1) : '—'}
              </td>
            ) : null}
            {p.organizer ? (
              <td data-label={m.reviews}>
                {figures(v).reviewCount != null ? num(p.ctx.l, figures(v).reviewCount!) : '—'}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ProposalPageProps {
  ctx: PageCtx;
  v: ProposalView;
  tz: string;
  history: { from: ProposalState | null; to: ProposalState; at: string; actor: { name: string } | null }[];
  tasks: (TaskRow & { mayTick: boolean })[] | null;
  myReview: ReviewRow | null;
  problem?: string | null;
  lessonOpen: boolean;
  lesson: LessonView | null;
  feedback: { count: number; mean: number | null; comments: { rating: number; comment: string }[] } | null;
  mayRetro: boolean;
}

/** Review figures as the API shows them to this reader (none on their own proposal). */
const figures = (v: ProposalView) => proposalOut(v);

export function ProposalPage(p: ProposalPageProps) {
  const { ctx, v } = p;
  const m = ctx.l.m;
  const r = v.row;
  // What the API says this reader may do with it, nothing more (proposalOut, by sight).
  const o = proposalOut(v);
  const label: Partial<Record<ProposalState, string>> = {
    submitted: m.submit,
    confirmed: m.confirm,
    withdrawn: m.withdraw,
    accepted: m.accept,
    waitlisted: m.waitlist,
    rejected: m.reject,
  };
  // Cancelling a talk is done from the agenda's side (the API), not from a button here.
  const moves = o.actions.filter((to) => label[to]);
  const mayEdit = can(v.sight.subject, 'proposal.edit-now');
  return (
    <Page ctx={ctx} title={r.title}>
      <p class="muted">
        <a href={`/c/${r.slug}`}>{r.slug}</a> ·{' '}
        {m.composed.withMinutes({ name: r.format_name, minutes: r.duration_minutes })}
        {r.track_name ? ` · ${r.track_name}` : ''} · {languageName(ctx.l, o.language)}
      </p>
      <h1 dir="auto">{r.title}</h1>
      <p>
        <StateBadge ctx={ctx} state={r.state} />
      </p>
      <Problem detail={p.problem} />
      <section aria-label={m.speakers}>
        <h2>{m.speakers}</h2>
        {v.speakers ? (
          <ul class="list">
            {v.speakers.map((s) => (
              <li>
                {s.name}
                {s.department ? <span class="muted"> · {s.department}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{m.speakersHidden}</p>
        )}
        {v.invited?.length ? (
          <p class="muted">
            {m.invitedSpeakers}: {v.invited.map((s) => s.name).join(', ')}
          </p>
        ) : null}
      </section>
      {r.invited_me ? (
        <section class="card" aria-label={m.invitationTitle}>
          <h2>{m.invitationTitle}</h2>
          <p>{m.invitationSay}</p>
          <div class="actions">
            <PostForm ctx={ctx} action={`/proposals/${r.id}/invitation/accept`}>
              <button type="submit">{m.invitationAccept}</button>
            </PostForm>
            <PostForm ctx={ctx} action={`/proposals/${r.id}/invitation/decline`}>
              <button type="submit" class="secondary">
                {m.invitationDecline}
              </button>
            </PostForm>
          </div>
        </section>
      ) : null}
      {r.abstract ? (
        <section>
          <h2>{m.abstract}</h2>
          <p class="prose">{r.abstract}</p>
        </section>
      ) : null}
      {moves.length || mayEdit || p.lessonOpen ? (
        <div class="actions">
          {mayEdit ? (
            <a class="button secondary" href={`/proposals/${r.id}/edit`}>
              {m.edit}
            </a>
          ) : null}
          {moves.map((to) => (
            <PostForm ctx={ctx} action={`/proposals/${r.id}/move`}>
              <input type="hidden" name="to" value={to} />
              <input type="hidden" name="version" value={String(r.version)} />
              <button type="submit" class={to === 'withdrawn' || to === 'rejected' ? 'secondary' : ''}>
                {label[to] ?? to}
              </button>
            </PostForm>
          ))}
          {p.lessonOpen ? (
            <a class="button" href={`/proposals/${r.id}/lesson`}>
              {m.lesson}
            </a>
          ) : null}
        </div>
      ) : null}
      {can(v.sight.subject, 'proposal.review-now') ? <ReviewForm ctx={ctx} id={r.id} review={p.myReview} /> : null}
      {p.lesson?.row?.status === 'published' && p.lesson.seesSummary ? (
        <section class="card">
          <h2>{m.whatWeLearned}</h2>
          <ul class="list">
            {p.lesson.row.takeaways.map((k) => (
              <li>{k}</li>
            ))}
          </ul>
          {p.lesson.row.went_well ? <p class="prose">{p.lesson.row.went_well}</p> : null}
          {p.lesson.row.to_change ? <p class="prose">{p.lesson.row.to_change}</p> : null}
        </section>
      ) : null}
      {p.feedback ? (
        <section>
          <h2>{m.feedbackComments}</h2>
          {p.feedback.count ? (
            <>
              <p>{m.feedbackSummary({ n: p.feedback.count, mean: num(ctx.l, p.feedback.mean ?? 0, 1) })}</p>
              <ul class="list">
                {p.feedback.comments.map((c) => (
                  <li>
                    <span class="badge">{c.rating}</span> {c.comment}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="empty">{m.noFeedback}</p>
          )}
        </section>
      ) : null}
      {p.lesson?.row?.retrospective && p.lesson.seesRetrospective && !p.mayRetro ? (
        <section>
          <h2>{m.retrospective}</h2>
          <p class="prose">{p.lesson.row.retrospective}</p>
        </section>
      ) : null}
      {p.mayRetro ? (
        <section class="card">
          <h2>{m.retrospective}</h2>
          <PostForm ctx={ctx} action={`/proposals/${r.id}/retrospective`} class="stack">
            <label for="retro" class="visually-hidden">
              {m.retrospective}
            </label>
            <textarea id="retro" {...control(RetrospectivePut, 'text')} rows={4}>
              {p.lesson?.row?.retrospective ?? ''}
            </textarea>
            <button type="submit" class="secondary">
              {m.saveRetrospective}
            </button>
          </PostForm>
        </section>
      ) : null}
      {p.tasks ? <Checklist ctx={ctx} tasks={p.tasks} /> : null}
      <section>
        <h2>{m.history}</h2>
        <ol class="list">
          {p.history.map((h) => (
            <li>
              {h.from ? (
                <>
                  {m.stateName[h.from]} <span class="arrow">→</span>{' '}
                </>
              ) : (
                ''
              )}
              {m.stateName[h.to]} <span class="muted">{when(ctx.l, new Date(h.at), p.tz)}</span>
              {h.actor ? <span class="muted"> {m.by({ who: h.actor.name })}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

export function ReviewForm({
  ctx,
  id,
  review,
  next,
}: {
  ctx: PageCtx;
  id: string;
  review: ReviewRow | null;
  next?: string;
}) {
  const m = ctx.l.m;
  return (
    <section class="card">
      <h2>{m.review}</h2>
      <PostForm ctx={ctx} action={`/proposals/${id}/review`} class="stack">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <fieldset class="score">
          <legend>{m.score}</legend>
          {range(ReviewPut, 'score').map((n) => (
            <label class="check">
              <input type="radio" {...control(ReviewPut, 'score')} value={String(n)} checked={review?.score === n} />{' '}
              {n}
            </label>
          ))}
        </fieldset>
        <div>
          <label for="comment">{m.comment}</label>
          <textarea id="comment" {...control(ReviewPut, 'comment')} rows={4}>
            {review?.comment ?? ''}
          </textarea>
        </div>
        <button type="submit">{m.saveReview}</button>
      </PostForm>
    </section>
  );
}

function Checklist({ ctx, tasks }: { ctx: PageCtx; tasks: (TaskRow & { mayTick: boolean })[] }) {
  const m = ctx.l.m;
  return (
    <section>
      <h2>{m.checklist}</h2>
      <ul class="list tasks">
        {tasks.map((t) => (
          <li class={t.overdue ? 'overdue' : ''}>
            <span class={t.status === 'done' ? 'done' : ''}>{t.title}</span>{' '}
            {t.due_at ? (
              <span class="muted">{m.due({ when: when(ctx.l, t.due_at, t.time_zone ?? 'UTC') })}</span>
            ) : null}
            {t.overdue ? <span class="badge state-rejected">{m.overdue}</span> : null}
            {t.status === 'open' && t.mayTick ? (
              <PostForm ctx={ctx} action={`/tasks/${t.id}/done`} class="inline">
                <input type="hidden" name="version" value={String(t.version)} />
                <button type="submit" class="secondary small">
                  {m.markDone}
                </button>
              </PostForm>
            ) : t.status !== 'open' ? (
              <span class="badge">{m.taskStatus[t.status] ?? t.status}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReviewQueue(p: { ctx: PageCtx; slug: string; v: ProposalView | null; left: number }) {
  const m = p.ctx.l.m;
  return (
    <Page ctx={p.ctx} title={m.reviewQueue}>
      <h1>{m.reviewQueue}</h1>
      {p.v ? (
        <>
          <p class="muted">{m.toReview({ n: p.left })}</p>
          <article class="card">
            <h2 dir="auto">{p.v.row.title}</h2>
            <p class="muted">
              {p.v.row.format_name}
              {p.v.row.track_name ? ` · ${p.v.row.track_name}` : ''}
            </p>
            {p.v.speakers ? (
              <p>
                {m.speakers}: {p.v.speakers.map((s) => s.name).join(', ')}
              </p>
            ) : (
              <p class="muted">{m.speakersHidden}</p>
            )}
            <p class="prose">{p.v.row.abstract}</p>
          </article>
          <ReviewForm ctx={p.ctx} id={p.v.row.id} review={null} next={`/c/${p.slug}/review`} />
        </>
      ) : (
        <p class="empty">{m.queueEmpty}</p>
      )}
    </Page>
  );
}

export function TalkPage({ ctx, t, feedback }: { ctx: PageCtx; t: TalkRow; feedback?: VNode | null }) {
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={t.title}>
      <p class="muted">
        <a href={`/c/${t.slug}`}>{t.community_name}</a>
        {t.event_id ? (
          <>
            {' · '}
            <a href={`/events/${t.event_id}`}>{t.event_title}</a>
          </>
        ) : null}
        {` · ${t.format_name}`}
      </p>
      <h1 dir="auto">{t.title}</h1>
      <p>{t.speakers.join(', ')}</p>
      {t.starts_at && t.ends_at ? (
        <p class="muted">{span(ctx.l, t.starts_at, t.ends_at, t.time_zone ?? 'UTC')}</p>
      ) : null}
      {t.abstract ? <p class="prose">{t.abstract}</p> : null}
      {t.lesson ? (
        <section class="card">
          <h2>{m.whatWeLearned}</h2>
          <ul class="list">
            {t.lesson.takeaways.map((k) => (
              <li>{k}</li>
            ))}
          </ul>
          {t.lesson.went_well ? <p class="prose">{t.lesson.went_well}</p> : null}
          {t.lesson.to_change ? <p class="prose">{t.lesson.to_change}</p> : null}
          {t.lesson.resources.length ? (
            <ul class="list">
              {t.lesson.resources.map((r) => (
                <li>
                  <a href={r.url} rel="noopener noreferrer">
                    {r.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {feedback}
    </Page>
  );
}
