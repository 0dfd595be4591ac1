import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('reviews', async (t) => {
  const ctx = await setup(t, { poolSize: 25 });
  const { req, admin } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');
  const id = await submitted(ctx, c);

  t.test('upsert: one per reviewer, 201 then 200', async (t) => {
    const first = await req('PUT', `/v1/proposals/${id}/reviews/me`, {
      token: c.reviewer.token,
      body: { score: 4, comment: 'Solid' },
    });
    t.equal(first.status, 201);
    t.match(first.body, { proposalId: id, score: 4, comment: 'Solid', reviewer: { id: c.reviewer.id } });
    const again = await req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 2 } });
    t.equal(again.status, 200);
    t.equal(again.body.score, 2);
    t.equal((await req('GET', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token })).body.score, 2);
    t.equal(
      (await req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.organizer.token, body: { score: 5 } })).status,
      201,
      'organizers review too',
    );
    const p = await req('GET', `/v1/proposals/${id}`, { token: c.organizer.token });
    t.match(p.body, { reviewCount: 2, meanScore: 3.5 });
    t.equal((await req('GET', `/v1/proposals/${id}`, { token: c.reviewer.token })).body.myScore, 2);
  });

  t.test('who may review and read reviews', async (t) => {
    const put = (token: string | undefined, body: object = { score: 3 }) =>
      req('PUT', `/v1/proposals/${id}/reviews/me`, { token, body });
    t.equal((await put(undefined)).status, 401);
    t.equal((await put(c.member.token)).status, 404, 'members do not see submitted proposals');
    t.equal((await put(other.organizer.token)).status, 404);
    const own = await put(c.speaker.token);
    t.equal(own.status, 403);
    const mine = await submitted(ctx, c, 'Reviewer speaks', c.reviewer);
    const self = await req('PUT', `/v1/proposals/${mine}/reviews/me`, { token: c.reviewer.token, body: { score: 5 } });
    t.equal(self.status, 403);
    t.equal(self.body.code, 'own-proposal');
    for (const score of [0, 6, 3.5, '4'])
      t.equal((await put(c.reviewer.token, { score })).status, 400, `score ${score}`);
    t.equal((await put(c.reviewer.token, { score: 3, rating: 1 })).status, 400);
    t.equal(
      (await req('GET', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token })).body.score,
      2,
      'refusals changed nothing',
    );
    const list = await req('GET', `/v1/proposals/${id}/reviews`, { token: c.organizer.token });
    t.equal(list.body.items.length, 2);
    t.equal((await req('GET', `/v1/proposals/${id}/reviews`, { token: admin.token })).status, 200);
    t.equal(
      (await req('GET', `/v1/proposals/${id}/reviews`, { token: c.reviewer.token })).status,
      403,
      'reviewers see only their own',
    );
    t.equal(
      (await req('GET', `/v1/proposals/${id}/reviews`, { token: c.speaker.token })).status,
      403,
      'speakers never see reviews',
    );
    t.equal((await req('GET', `/v1/proposals/${id}/reviews/me`, { token: c.speaker.token })).status, 404);
    const speakerView = await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token });
    t.notOk('reviewCount' in speakerView.body || 'meanScore' in speakerView.body, 'no figures for the speaker');
    // an organizer who is a speaker of the proposal does not see its reviews either
    const orgTalk = await submitted(ctx, c, 'Organizer speaks', c.organizer);
    await req('PUT', `/v1/proposals/${orgTalk}/reviews/me`, { token: c.reviewer.token, body: { score: 1 } });
    t.equal((await req('GET', `/v1/proposals/${orgTalk}/reviews`, { token: c.organizer.token })).status, 403);
    t.notOk('meanScore' in (await req('GET', `/v1/proposals/${orgTalk}`, { token: c.organizer.token })).body);
  });

  t.test('only submitted and waitlisted proposals take reviews', async (t) => {
    const p = await submitted(ctx, c, 'Decided');
    await req('POST', `/v1/proposals/${p}/transitions`, { token: c.organizer.token, body: { to: 'waitlisted' } });
    t.equal(
      (await req('PUT', `/v1/proposals/${p}/reviews/me`, { token: c.reviewer.token, body: { score: 3 } })).status,
      201,
    );
    await req('POST', `/v1/proposals/${p}/transitions`, { token: c.organizer.token, body: { to: 'rejected' } });
    const late = await req('PUT', `/v1/proposals/${p}/reviews/me`, { token: c.reviewer.token, body: { score: 3 } });
    t.equal(late.status, 409);
    t.equal(late.body.code, 'not-reviewable');
  });

  t.test('20 concurrent reviews by one reviewer → one review', async (t) => {
    const p = await submitted(ctx, c, 'Hot topic');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        req('PUT', `/v1/proposals/${p}/reviews/me`, { token: c.reviewer.token, body: { score: (i % 5) + 1 } }),
      ),
    );
    t.same(results.map((r) => r.status).filter((s) => s === 201).length, 1, 'one created');
    t.ok(
      results.every((r) => r.status === 200 || r.status === 201),
      'the rest updated it',
    );
    const rows = await ctx.ds.query('SELECT count(*)::int AS n FROM review WHERE proposal_id = $1', [p]);
    t.equal(rows[0].n, 1);
    const prop = await ctx.ds.query('SELECT review_count FROM proposal WHERE id = $1', [p]);
    t.equal(prop[0].review_count, 1, 'count kept exact');
  });

  t.test('organizers sort by mean score and review count', async (t) => {
    const s = await community(ctx, 'sorted');
    const reviewers = await Promise.all([1, 2, 3].map((i) => ctx.person(`r${i}@sorted.example`)));
    for (const r of reviewers)
      await req('POST', '/v1/communities/sorted/members', {
        token: s.organizer.token,
        body: { email: r.email, role: 'reviewer' },
      });
    const scores: Record<string, number[]> = { Low: [1, 2], High: [5, 5, 4], Mid: [3], None: [] };
    const ids: Record<string, string> = {};
    for (const [title, ss] of Object.entries(scores)) {
      ids[title] = await submitted(ctx, s, title);
      for (const [i, score] of ss.entries())
        await req('PUT', `/v1/proposals/${ids[title]}/reviews/me`, { token: reviewers[i].token, body: { score } });
    }
    const titles = async (q: string) =>
      (await req('GET', `/v1/communities/sorted/proposals?${q}`, { token: s.organizer.token })).body.items.map(
        (p: { title: string }) => p.title,
      );
    t.same(await titles('sort=-meanScore'), ['High', 'Mid', 'Low', 'None']);
    t.same(await titles('sort=meanScore'), ['None', 'Low', 'Mid', 'High']);
    t.same(await titles('sort=-reviewCount'), ['High', 'Low', 'Mid', 'None']);
    const page1 = await req('GET', '/v1/communities/sorted/proposals?sort=-meanScore&limit=2', {
      token: s.organizer.token,
    });
    const page2 = await req(
      'GET',
      `/v1/communities/sorted/proposals?sort=-meanScore&limit=2&cursor=${page1.body.nextCursor}`,
      { token: s.organizer.token },
    );
    t.same(
      page2.body.items.map((p: { title: string }) => p.title),
      ['Low', 'None'],
      'keyset pagination by score',
    );
    const high = page1.body.items[0];
    t.match(high, { reviewCount: 3, meanScore: 14 / 3 });
  });
});
