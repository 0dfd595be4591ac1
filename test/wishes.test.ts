/** Topic wishes over HTTP: posting, one vote per person (also under concurrency), order, offers that start drafts and tell the wisher. */
import t from 'tap';
import { community } from './helper';
import { mailWorld } from './mail-helper';

t.test('topic wishes', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;

  t.test('post, vote once, withdraw; the same title is a vote for the first', async (t) => {
    const w = await req('POST', '/v1/communities/guild/wishes', {
      token: c.member.token,
      body: { title: 'Property-based testing', details: 'How to start with fast-check' },
    });
    t.equal(w.status, 201);
    t.match(w.body, {
      title: 'Property-based testing',
      votes: 1,
      voted: true,
      status: 'open',
      author: { name: 'Max Member' },
    });
    const again = await req('POST', '/v1/communities/guild/wishes', {
      token: c.speaker.token,
      body: { title: '  property-based   TESTING ' },
    });
    t.equal(again.status, 200, 'the same wish, not a second one');
    t.equal(again.body.id, w.body.id);
    t.equal(again.body.votes, 2);
    const id = w.body.id as string;
    t.equal(
      (await req('PUT', `/v1/wishes/${id}/vote`, { token: c.speaker.token })).body.votes,
      2,
      'voting again changes nothing',
    );
    const gone = await req('DELETE', `/v1/wishes/${id}/vote`, { token: c.speaker.token });
    t.match(gone.body, { votes: 1, voted: false });
    t.equal(
      (await req('DELETE', `/v1/wishes/${id}/vote`, { token: c.speaker.token })).body.votes,
      1,
      'and withdrawing twice',
    );
    const seen = await req('GET', `/v1/wishes/${id}`, { token: c.reviewer.token });
    t.match(seen.body, { votes: 1, voted: false, details: 'How to start with fast-check' });
  });

  t.test('concurrent votes count one per person', async (t) => {
    const w = await req('POST', '/v1/communities/guild/wishes', { token: org, body: { title: 'Incident reviews' } });
    const voters = [];
    for (let i = 0; i < 12; i++) {
      const p = await ctx.person(`voter${i}@guild.example`);
      await req('POST', '/v1/communities/guild/members', { token: ctx.admin.token, body: { email: p.email } });
      voters.push(p);
    }
    const answers = await Promise.all(
      voters.flatMap((p) => [1, 2, 3].map(() => req('PUT', `/v1/wishes/${w.body.id}/vote`, { token: p.token }))),
    );
    t.same([...new Set(answers.map((a) => a.status))], [200], 'every vote answered');
    const after = await req('GET', `/v1/wishes/${w.body.id}`, { token: org });
    t.equal(after.body.votes, 13, 'the author and twelve voters, each once');
    const [{ n }] = await ctx.ds.query('SELECT count(*)::int AS n FROM topic_wish_vote WHERE wish_id = $1', [
      w.body.id,
    ]);
    t.equal(n, 13, 'the database agrees');
  });

  t.test('the list: most votes first, then the longest waiting; pages', async (t) => {
    const s = await community(ctx, 'order');
    const mk = async (title: string) =>
      (await req('POST', '/v1/communities/order/wishes', { token: s.member.token, body: { title } })).body.id as string;
    const a = await mk('A');
    const b = await mk('B');
    const cc = await mk('C');
    await req('PUT', `/v1/wishes/${cc}/vote`, { token: s.speaker.token });
    const list = await req('GET', '/v1/communities/order/wishes', { token: s.reviewer.token });
    t.same(
      list.body.items.map((w: { id: string }) => w.id),
      [cc, a, b],
      'C has two votes; A and B one each, A is older',
    );
    const first = await req('GET', '/v1/communities/order/wishes?limit=2', { token: s.reviewer.token });
    t.equal(first.body.items.length, 2);
    const rest = await req('GET', `/v1/communities/order/wishes?limit=2&cursor=${first.body.nextCursor}`, {
      token: s.reviewer.token,
    });
    t.same(
      rest.body.items.map((w: { id: string }) => w.id),
      [b],
    );
    t.equal(rest.body.nextCursor, null);
    t.equal((await req('GET', '/v1/communities/order/wishes?cursor=bm9wZQ', { token: s.member.token })).status, 400);
  });

  t.test('offer to talk: a draft proposal, once; the wisher is told', async (t) => {
    const w = await req('POST', '/v1/communities/guild/wishes', {
      token: c.member.token,
      body: { title: 'Feature flags' },
    });
    const offer = await req('POST', `/v1/wishes/${w.body.id}/offers`, { token: c.speaker.token });
    t.equal(offer.status, 201);
    const p = await req('GET', `/v1/proposals/${offer.body.proposalId}`, { token: c.speaker.token });
    t.match(p.body, { title: 'Feature flags', state: 'draft', format: { key: 'talk' } });
    t.match(offer.body.wish.offers, [{ name: 'Sam Speaker', proposalId: offer.body.proposalId }]);
    const twice = await req('POST', `/v1/wishes/${w.body.id}/offers`, { token: c.speaker.token, body: {} });
    t.equal(twice.status, 200, 'offering again returns the same draft');
    t.equal(twice.body.proposalId, offer.body.proposalId);
    const other = await req('GET', `/v1/wishes/${w.body.id}`, { token: c.member.token });
    t.same(
      other.body.offers.map((o: { proposalId: string | null }) => o.proposalId),
      [null],
      "others do not see the draft's id",
    );
    t.equal((await req('GET', `/v1/proposals/${offer.body.proposalId}`, { token: c.member.token })).status, 404);
    const [mail] = await sink.waitFor(
      (r) => r.to.includes(c.member.email) && /could talk about "Feature flags"/.test(r.mail.subject ?? ''),
    );
    t.match(mail.mail.text, /\/sign-in\/link\?token=/, 'a link that signs the wisher in…');
    const [link] = await ctx.ds.query(
      `SELECT next_path FROM sign_in_link WHERE email = $1 AND next_path LIKE '/wishes/%' ORDER BY created_at DESC LIMIT 1`,
      [c.member.email],
    );
    t.equal(link?.next_path, `/wishes/${w.body.id}`, '…on the way to the wish');
    // The author offering on their own wish is not told about it.
    const own = await req('POST', `/v1/wishes/${w.body.id}/offers`, { token: c.member.token });
    t.equal(own.status, 201);
    const [{ n }] = await ctx.ds.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [
      `wish-offer:${w.body.id}:${c.member.id}`,
    ]);
    t.equal(n, 0);
    const bad = await req('POST', `/v1/wishes/${w.body.id}/offers`, {
      token: c.reviewer.token,
      body: { format: 'keynote' },
    });
    t.equal(bad.status, 422, 'an unknown format');
    t.equal(
      (await req('GET', `/v1/wishes/${w.body.id}`, { token: org })).body.offers.length,
      2,
      'and no offer was kept',
    );
  });

  t.test('closing: its author or an organizer; a closed wish takes no votes or offers', async (t) => {
    const w = await req('POST', '/v1/communities/guild/wishes', { token: c.member.token, body: { title: 'GraphQL' } });
    const id = w.body.id as string;
    t.equal(
      (await req('PATCH', `/v1/wishes/${id}`, { token: c.speaker.token, body: { status: 'closed' } })).status,
      403,
    );
    const closed = await req('PATCH', `/v1/wishes/${id}`, { token: c.member.token, body: { status: 'closed' } });
    t.match(closed.body, { status: 'closed', votes: 1 });
    t.ok(closed.body.closedAt);
    const vote = await req('PUT', `/v1/wishes/${id}/vote`, { token: c.speaker.token });
    t.match(vote, { status: 409, body: { code: 'wish-closed' } });
    t.equal((await req('POST', `/v1/wishes/${id}/offers`, { token: c.speaker.token })).status, 409);
    t.equal(
      (await req('DELETE', `/v1/wishes/${id}/vote`, { token: c.member.token })).body.votes,
      0,
      'a vote can still be withdrawn',
    );
    const open = await req('GET', '/v1/communities/guild/wishes', { token: c.member.token });
    t.notOk(
      open.body.items.some((x: { id: string }) => x.id === id),
      'not among the open ones',
    );
    const shut = await req('GET', '/v1/communities/guild/wishes?status=closed', { token: c.member.token });
    t.ok(shut.body.items.some((x: { id: string }) => x.id === id));
    const again = await req('POST', '/v1/communities/guild/wishes', {
      token: c.speaker.token,
      body: { title: 'GraphQL' },
    });
    t.equal(again.status, 201, 'wishing for a closed topic starts a new wish');
    t.equal((await req('PATCH', `/v1/wishes/${id}`, { token: org, body: { status: 'open' } })).body.status, 'open');
  });

  t.test('no call to put a draft in', async (t) => {
    await community(ctx, 'nocall');
    const admin = ctx.admin.token;
    const [{ id }] = await ctx.ds.query(
      `SELECT cfp.id FROM call_for_proposals cfp JOIN community c ON c.id = cfp.community_id WHERE c.slug = 'nocall'`,
    );
    await ctx.ds.query('DELETE FROM call_for_proposals WHERE id = $1', [id]);
    const w = await req('POST', '/v1/communities/nocall/wishes', { token: admin, body: { title: 'Kotlin' } });
    const r = await req('POST', `/v1/wishes/${w.body.id}/offers`, { token: admin });
    t.match(r, { status: 409, body: { code: 'no-call' } });
  });

  t.test('bad input and strangers: clear 4xx, nothing changes', async (t) => {
    const outsider = await ctx.person('out@else.example');
    const w = await req('POST', '/v1/communities/guild/wishes', { token: c.member.token, body: { title: 'Rust' } });
    const before = await ctx.ds.query('SELECT count(*)::int AS n FROM topic_wish');
    const cases: [string, string, unknown, number, string?][] = [
      ['POST', '/v1/communities/guild/wishes', { title: '' }, 400, c.member.token],
      ['POST', '/v1/communities/guild/wishes', { title: 'x'.repeat(201) }, 400, c.member.token],
      ['POST', '/v1/communities/guild/wishes', { title: 'Line\nbreak' }, 400, c.member.token],
      ['POST', '/v1/communities/guild/wishes', { title: 'Extra', votes: 99 }, 400, c.member.token],
      ['POST', '/v1/communities/guild/wishes', { title: 'Mine' }, 403, outsider.token],
      ['POST', '/v1/communities/nope/wishes', { title: 'Mine' }, 404, c.member.token],
      ['GET', '/v1/communities/guild/wishes', undefined, 403, outsider.token],
      ['GET', '/v1/communities/guild/wishes?status=gone', undefined, 400, c.member.token],
      ['GET', `/v1/wishes/${w.body.id}`, undefined, 404, outsider.token],
      ['PUT', `/v1/wishes/${w.body.id}/vote`, undefined, 404, outsider.token],
      ['POST', `/v1/wishes/${w.body.id}/offers`, undefined, 404, outsider.token],
      ['GET', '/v1/wishes/not-a-uuid', undefined, 400, c.member.token],
      ['PUT', '/v1/wishes/00000000-0000-4000-8000-000000000000/vote', undefined, 404, c.member.token],
      ['PATCH', `/v1/wishes/${w.body.id}`, { status: 'deleted' }, 400, c.member.token],
      ['GET', '/v1/communities/guild/wishes', undefined, 401, undefined],
    ];
    for (const [method, url, body, status, token] of cases) {
      const r = await req(method, url, { token, body });
      t.equal(r.status, status, `${method} ${url} ${JSON.stringify(body ?? '')}`);
      t.match(r.headers['content-type'], /application\/problem\+json/);
    }
    t.same(await ctx.ds.query('SELECT count(*)::int AS n FROM topic_wish'), before, 'no wish was made');
  });
});
