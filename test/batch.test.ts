/**
 * Submissions arriving together share their statements (src/db/batch.ts, issue #14): every caller
 * still gets exactly its own proposal, everything a submission writes is there for each, and one
 * item the database refuses does not take the others with it.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { Batcher } from '../src/db/batch';
import { insertProposals, type NewProposal } from '../src/modules/proposals/proposals.queries';
import { community, setup, type Person } from './helper';

t.test('submissions arriving together', async (t) => {
  const ctx = await setup(t);
  const a = await community(ctx, 'guild');
  const b = await community(ctx, 'other');
  const people: Person[] = [];
  for (let i = 0; i < 8; i++) people.push(await ctx.person(`writer${i}@example.com`, `Writer ${i}`));
  const { context, insert } = ctx.app.services.proposals.batches;
  const before = { context: context.counts.statements, insert: insert.counts.statements, items: insert.counts.items };

  // 40 at once: two communities, eight people, drafts and submissions, with and without a track.
  const asked = Array.from({ length: 40 }, (_, i) => ({
    c: i % 2 ? b : a,
    who: people[Math.floor(i / 2) % people.length],
    title: `Together ${i}`,
    submit: i % 3 !== 0,
    track: i % 4 === 0 ? 'backend' : undefined,
  }));
  const answers = await Promise.all(
    asked.map((x) =>
      ctx.req('POST', `/v1/communities/${x.c.slug}/proposals`, {
        token: x.who.token,
        body: { callId: x.c.callId, title: x.title, format: 'talk', submit: x.submit, track: x.track },
      }),
    ),
  );
  t.same(
    answers.map((r) => r.status),
    asked.map(() => 201),
    'every submission is accepted',
  );
  answers.forEach((r, i) => {
    const x = asked[i];
    const ok =
      r.body.title === x.title &&
      r.body.state === (x.submit ? 'submitted' : 'draft') &&
      r.body.speakers.length === 1 &&
      r.body.speakers[0].id === x.who.id &&
      (r.body.track?.key ?? null) === (x.track ?? null) &&
      r.headers.location === `/v1/proposals/${r.body.id}`;
    if (!ok) t.fail(`answer ${i} is not its own proposal: ${r.text}`);
  });
  t.equal(new Set(answers.map((r) => r.body.id)).size, 40, '40 different proposals');

  const ids = answers.map((r) => r.body.id);
  const [counts] = await ctx.ds.query(
    `SELECT (SELECT count(*) FROM proposal WHERE id = ANY($1))::int AS proposals,
            (SELECT count(*) FROM proposal_speaker WHERE proposal_id = ANY($1) AND is_primary)::int AS speakers,
            (SELECT count(*) FROM proposal_transition WHERE proposal_id = ANY($1) AND from_state IS NULL)::int AS history,
            (SELECT count(*) FROM job_outbox WHERE payload->>'proposalId' = ANY($1::text[]))::int AS receipts,
            (SELECT count(*) FROM membership WHERE person_id = ANY($2))::int AS memberships`,
    [ids, people.map((p) => p.id)],
  );
  t.same(
    counts,
    { proposals: 40, speakers: 40, history: 40, receipts: asked.filter((x) => x.submit).length, memberships: 16 },
    'each has its speaker, first history entry and (submitted) receipt; each writer joined both communities once',
  );
  for (const [i, r] of answers.entries()) {
    const again = await ctx.req('GET', `/v1/proposals/${r.body.id}`, { token: asked[i].who.token });
    if (JSON.stringify(again.body) !== JSON.stringify(r.body)) t.fail(`answer ${i} differs from a read: ${r.text}`);
  }
  t.pass('each answer is what reading the proposal afterwards gives');

  const shared = insert.counts.statements - before.insert;
  t.equal(insert.counts.items - before.items, 40, 'all 40 went through the shared insert');
  t.ok(shared < 40, `they shared statements (${shared} inserts, ${context.counts.statements - before.context} reads)`);
});

t.test('one item the database refuses', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  const [ids] = await ctx.ds.query(
    `SELECT cf.community_id, cf.id AS call_id, f.id AS format_id
       FROM call_for_proposals cf JOIN call_format f ON f.call_id = cf.id AND f.key = 'talk' WHERE cf.id = $1`,
    [c.callId],
  );
  const item = (title: string, formatId: string = ids.format_id): NewProposal => ({
    communityId: ids.community_id,
    callId: ids.call_id,
    formatId,
    trackId: null,
    title,
    abstract: '',
    level: 'beginner',
    language: 'en',
    notes: '',
    state: 'submitted',
    createdBy: c.speaker.id,
    primarySpeakerId: c.speaker.id,
    receipt: true,
  });
  const batch = new Batcher((list: NewProposal[]) => insertProposals(ctx.ds.manager, list));
  const items = [item('One'), item('Two'), item('Bad', randomUUID()), item('Four'), item('Five')];
  const results = await Promise.allSettled(items.map((x) => batch.one(x)));
  t.same(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    'only the bad one fails',
  );
  const refused = results[2] as PromiseRejectedResult;
  t.equal((refused.reason as { code?: string }).code, '23503', 'with the database’s own error (a missing format)');
  t.same(
    results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.title] : [])),
    ['One', 'Two', 'Four', 'Five'],
    'the others each get their own row',
  );
  t.same(batch.counts, { statements: 1, items: 5, retriedAlone: 5 }, 'one shared statement, then each alone');
  const [n] = await ctx.ds.query(`SELECT count(*)::int AS n FROM proposal WHERE community_id = $1`, [ids.community_id]);
  t.equal(n.n, 4, 'four proposals written, none twice');
});
