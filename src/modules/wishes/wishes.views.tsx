/** Topic wish pages' markup: the community's wishes with votes, one wish with its offers. */
import { control } from '../../web/form';
import { WishCreate } from './wishes.schemas';
import { can } from '../../core/policy';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import type { WishRow } from './wishes.queries';

export interface WishValues {
  title?: string;
  details?: string;
}

/** Vote or withdraw the vote; `from` brings the browser back to the page it was on. */
function VoteButton({ ctx, w, from }: { ctx: PageCtx; w: WishRow; from: 'list' | 'wish' }) {
  const m = ctx.l.m;
  if (w.status !== 'open' && !w.voted) return null;
  return (
    <PostForm ctx={ctx} action={`/wishes/${w.id}/vote`} class="inline">
      <input type="hidden" name="on" value={w.voted ? '0' : '1'} />
      <input type="hidden" name="from" value={from} />
      <button
        type="submit"
        class={w.voted ? 'secondary' : undefined}
        aria-pressed={w.voted ? 'true' : 'false'}
        aria-label={`${w.voted ? m.unvote : m.vote}: ${w.title}`}
      >
        {w.voted ? m.unvote : m.vote}
      </button>
    </PostForm>
  );
}

export function WishesPage(p: {
  ctx: PageCtx;
  slug: string;
  status: 'open' | 'closed';
  wishes: WishRow[];
  v?: WishValues;
  problem?: string | null;
}) {
  const { ctx } = p;
  const m = ctx.l.m;
  return (
    <Page ctx={ctx} title={m.wishes}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.wishes}</h1>
      <p class="muted">{m.wishesHint}</p>
      <Problem detail={p.problem} />
      {p.status === 'open' ? (
        <div class="card">
          <PostForm ctx={ctx} action={`/c/${p.slug}/wishes`} class="stack">
            <div>
              <label for="wish-title">{m.wishTitle}</label>
              <input id="wish-title" {...control(WishCreate, 'title')} value={p.v?.title ?? ''} />
            </div>
            <div>
              <label for="wish-details">{m.wishDetails}</label>
              <textarea id="wish-details" {...control(WishCreate, 'details')} rows={2}>
                {p.v?.details ?? ''}
              </textarea>
            </div>
            <button type="submit">{m.postWish}</button>
          </PostForm>
        </div>
      ) : null}
      <h2>{p.status === 'open' ? m.openWishes : m.closedWishes}</h2>
      {p.wishes.length ? (
        <ol class="list wishes">
          {p.wishes.map((w) => (
            <li id={`wish-${w.id}`}>
              <a href={`/wishes/${w.id}`}>{w.title}</a> <span class="badge">{m.votes({ n: w.votes })}</span>
              {w.offers.length ? <span class="muted"> · {m.offers({ n: w.offers.length })}</span> : null}
              <VoteButton ctx={ctx} w={w} from="list" />
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">{m.noWishes}</p>
      )}
      <p>
        {p.status === 'open' ? (
          <a href={`/c/${p.slug}/wishes?status=closed`}>{m.closedWishes}</a>
        ) : (
          <a href={`/c/${p.slug}/wishes`}>{m.openWishes}</a>
        )}
      </p>
    </Page>
  );
}

export function WishPage({
  ctx,
  w,
  organizer,
  problem,
}: {
  ctx: PageCtx;
  w: WishRow;
  organizer: boolean;
  problem?: string | null;
}) {
  const m = ctx.l.m;
  const mine = ctx.who?.id === w.author.id;
  const myOffer = w.offers.find((o) => o.personId === ctx.who?.id);
  const mayClose = ctx.who
    ? can({ actor: ctx.who, role: organizer ? 'organizer' : null, own: mine }, 'wish.close')
    : false;
  return (
    <Page ctx={ctx} title={w.title}>
      <p class="muted">
        <a href={`/c/${w.community}/wishes`}>
          {w.community} · {m.wishes}
        </a>{' '}
        · {m.wishedBy({ name: w.author.name })}
      </p>
      <h1>{w.title}</h1>
      <p>
        <span class="badge">{m.votes({ n: w.votes })}</span> <span class="badge">{m.wishStatus[w.status]}</span>
        <VoteButton ctx={ctx} w={w} from="wish" />
      </p>
      <Problem detail={problem} />
      {w.details ? <p class="prose">{w.details}</p> : null}
      <section aria-labelledby="offers">
        <h2 id="offers">{m.couldTalk}</h2>
        {w.offers.length ? (
          <ul class="list">
            {w.offers.map((o) => (
              <li>
                {o.name}
                {o.personId === ctx.who?.id ? (
                  <>
                    {' '}
                    — <a href={`/proposals/${o.proposalId}/edit`}>{m.yourDraft}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{m.noOffers}</p>
        )}
        {w.status === 'open' && !myOffer ? (
          <PostForm ctx={ctx} action={`/wishes/${w.id}/offer`}>
            <button type="submit">{m.offerTalk}</button>
          </PostForm>
        ) : null}
      </section>
      {mayClose ? (
        <PostForm ctx={ctx} action={`/wishes/${w.id}/status`}>
          <input type="hidden" name="status" value={w.status === 'open' ? 'closed' : 'open'} />
          <button type="submit" class="secondary">
            {w.status === 'open' ? m.closeWish : m.reopenWish}
          </button>
        </PostForm>
      ) : null}
    </Page>
  );
}
