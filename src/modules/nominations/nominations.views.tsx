/** Nomination pages' markup: nominate a colleague, answer a nomination, mine received and sent. */
import { control } from '../../web/form';
import { Decline, NominationCreate } from './nominations.schemas';
import { Page, PostForm, Problem, type PageCtx } from '../../web/render';
import type { NominationRow } from './nominations.queries';

export interface NominateValues {
  email?: string;
  name?: string;
  topic?: string;
  reason?: string;
}

export function NominateForm({ ctx, slug, v }: { ctx: PageCtx; slug: string; v?: NominateValues }) {
  const m = ctx.l.m;
  return (
    <PostForm ctx={ctx} action={`/c/${slug}/nominate`} class="stack">
      <p class="muted">{m.nominateHint}</p>
      <div class="row">
        <div>
          <label for="nominee-email">{m.colleagueEmail}</label>
          <input id="nominee-email" type="email" {...control(NominationCreate, 'email')} value={v?.email ?? ''} />
        </div>
        <div>
          <label for="nominee-name">{m.colleagueName}</label>
          <input id="nominee-name" {...control(NominationCreate, 'name')} value={v?.name ?? ''} />
        </div>
      </div>
      <div>
        <label for="topic">{m.topic}</label>
        <input id="topic" {...control(NominationCreate, 'topic')} value={v?.topic ?? ''} />
      </div>
      <div>
        <label for="reason">{m.why}</label>
        <textarea id="reason" {...control(NominationCreate, 'reason')} rows={3}>
          {v?.reason ?? ''}
        </textarea>
      </div>
      <button type="submit">{m.sendNomination}</button>
    </PostForm>
  );
}

export function NominatePage(p: {
  ctx: PageCtx;
  slug: string;
  v?: NominateValues;
  problem?: string | null;
  notice?: string | null;
}) {
  const m = p.ctx.l.m;
  return (
    <Page ctx={p.ctx} title={m.nominate}>
      <p class="muted">
        <a href={`/c/${p.slug}`}>{p.slug}</a>
      </p>
      <h1>{m.nominate}</h1>
      <Problem detail={p.problem} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <div class="card">
        <NominateForm ctx={p.ctx} slug={p.slug} v={p.v} />
      </div>
    </Page>
  );
}

export function NominationPage({ ctx, n, problem }: { ctx: PageCtx; n: NominationRow; problem?: string | null }) {
  const m = ctx.l.m;
  const mine = ctx.who?.id === n.nominee.id;
  return (
    <Page ctx={ctx} title={n.topic}>
      <p class="muted">
        <a href={`/c/${n.community}`}>{n.community}</a> · {m.nominatedBy({ name: n.nominator.name })}
      </p>
      <h1>{n.topic}</h1>
      <p>
        <span class="badge">{m.nominationStatus[n.status]}</span>
      </p>
      <Problem detail={problem} />
      {n.reason ? <p class="prose">{n.reason}</p> : null}
      {n.proposal_id ? (
        <p>
          <a href={`/proposals/${n.proposal_id}`}>{m.myProposals}</a>
        </p>
      ) : null}
      {mine && n.status === 'open' ? (
        <div class="card stack">
          <PostForm ctx={ctx} action={`/nominations/${n.id}/accept`}>
            <button type="submit">{m.acceptNomination}</button>
          </PostForm>
          <PostForm ctx={ctx} action={`/nominations/${n.id}/decline`} class="stack">
            <div>
              <label for="decline-reason">{m.declineReason}</label>
              <textarea id="decline-reason" {...control(Decline, 'reason')} rows={2}></textarea>
            </div>
            <button type="submit" class="secondary">
              {m.declineNomination}
            </button>
          </PostForm>
        </div>
      ) : null}
    </Page>
  );
}

export function NominationsPage({
  ctx,
  received,
  sent,
}: {
  ctx: PageCtx;
  received: NominationRow[];
  sent: NominationRow[];
}) {
  const m = ctx.l.m;
  const list = (rows: NominationRow[], who: (n: NominationRow) => string) =>
    rows.length ? (
      <ul class="list">
        {rows.map((n) => (
          <li>
            <a href={`/nominations/${n.id}`}>{n.topic}</a>{' '}
            <span class="muted">
              — {who(n)} · {n.community}
            </span>{' '}
            <span class="badge">{m.nominationStatus[n.status]}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p class="empty">{m.noNominations}</p>
    );
  return (
    <Page ctx={ctx} title={m.nominations}>
      <h1>{m.nominations}</h1>
      <h2>{m.received}</h2>
      {list(received, (n) => n.nominator.name)}
      <h2>{m.sent}</h2>
      {list(sent, (n) => n.nominee.name)}
    </Page>
  );
}
