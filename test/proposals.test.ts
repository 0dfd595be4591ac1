import t from 'tap';
import { community, setup, submitted, type Community, type Ctx } from './helper';
import { PROPOSAL_STATES, TRANSITIONS, movesFrom, type ProposalState } from '../src/modules/proposals/state-machine';

/** How to reach each state from a fresh submission: [actor role, target] steps. */
const PATHS: Record<ProposalState, ['speaker' | 'organizer', ProposalState][]> = {
  draft: [],
  submitted: [],
  waitlisted: [['organizer', 'waitlisted']],
  accepted: [['organizer', 'accepted']],
  rejected: [['organizer', 'rejected']],
  confirmed: [
    ['organizer', 'accepted'],
    ['speaker', 'confirmed'],
  ],
  withdrawn: [['speaker', 'withdrawn']],
  canceled: [
    ['organizer', 'accepted'],
    ['organizer', 'canceled'],
  ],
};

async function inState(ctx: Ctx, c: Community, state: ProposalState): Promise<string> {
  let id: string;
  if (state === 'draft') {
    const res = await ctx.req('POST', `/v1/communities/${c.slug}/proposals`, {
      token: c.speaker.token,
      body: { callId: c.callId, title: 'Draft talk', format: 'talk' },
    });
    id = res.body.id;
  } else {
    id = await submitted(ctx, c, `A ${state} talk`);
  }
  for (const [who, to] of PATHS[state]) {
    const res = await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c[who].token, body: { to } });
    if (res.status !== 200) throw new Error(`${to}: ${res.text}`);
  }
  return id;
}

t.test('proposals', async (t) => {
  const ctx = await setup(t);
  const { req, admin } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');

  t.test('create: draft or submitted, with co-speakers', async (t) => {
    const res = await req('POST', '/v1/communities/guild/proposals', {
      token: c.speaker.token,
      body: {
        callId: c.callId,
        title: 'Zero-downtime migrations',
        abstract: 'How we did it.',
        format: 'talk',
        track: 'backend',
        level: 'advanced',
        notes: 'Needs a projector',
        coSpeakers: ['Co.Speaker@Example.com', c.speaker.email],
      },
    });
    t.equal(res.status, 201);
    t.match(res.body, {
      state: 'draft',
      format: { key: 'talk', durationMinutes: 30 },
      track: { key: 'backend' },
      level: 'advanced',
      notes: 'Needs a projector',
      blind: false,
      actions: ['submitted'],
    });
    t.same(
      res.body.speakers.map((s: { email: string; primary: boolean }) => [s.email, s.primary]),
      [[c.speaker.email, true]],
      'naming yourself is no co-speaker',
    );
    t.same(
      res.body.invited.map((s: { email: string }) => s.email),
      ['co.speaker@example.com'],
      'the co-speaker is asked first',
    );
    t.equal(res.headers.location, `/v1/proposals/${res.body.id}`);
    t.match(res.headers.etag, /^"v1"$/);
    const history = await req('GET', `/v1/proposals/${res.body.id}/history`, { token: c.speaker.token });
    t.match(history.body.items, [{ from: null, to: 'draft', actor: { id: c.speaker.id } }]);
    const outsider = await ctx.person('outsider@example.com');
    const joined = await req('POST', '/v1/communities/guild/proposals', {
      token: outsider.token,
      body: { callId: c.callId, title: 'From outside', format: 'lightning', submit: true },
    });
    t.equal(joined.status, 201, 'anyone may propose');
    t.equal(
      (await req('GET', '/v1/communities/guild', { token: outsider.token })).body.myRole,
      'member',
      'and becomes a member',
    );
  });

  t.test('refusals change nothing', async (t) => {
    const count = async () => (await ctx.ds.query('SELECT count(*)::int AS n FROM proposal'))[0].n;
    const before = await count();
    const base = { callId: c.callId, title: 'T', format: 'talk' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, format: 'keynote' }, 422, 'unknown-format'],
      [{ ...base, track: 'frontend' }, 422, 'unknown-track'],
      [{ ...base, callId: other.callId }, 422, 'unknown-call'],
      [{ ...base, level: 'guru' }, 400, 'validation'],
      [{ ...base, title: '' }, 400, 'validation'],
      [{ ...base, coSpeakers: ['nope'] }, 400, 'validation'],
      [{ ...base, speaker: { email: 'someone@example.com' } }, 403, 'forbidden'],
      [{ ...base, abstract: 'x'.repeat(10001) }, 400, 'validation'],
    ];
    for (const [body, status, code] of cases) {
      const res = await req('POST', '/v1/communities/guild/proposals', { token: c.speaker.token, body });
      t.equal(res.status, status, code);
      t.equal(res.body.code, code);
    }
    t.equal((await req('POST', '/v1/communities/guild/proposals', { body: base })).status, 401);
    t.equal((await req('POST', '/v1/communities/nope/proposals', { token: c.speaker.token, body: base })).status, 404);
    t.equal(await count(), before);
  });

  t.test('the CFP window', async (t) => {
    const closed = await community(ctx, 'closed', { callOpen: false });
    const body = { callId: closed.callId, title: 'Too early', format: 'talk', submit: true };
    const res = await req('POST', '/v1/communities/closed/proposals', { token: closed.speaker.token, body });
    t.equal(res.status, 422);
    t.match(res.body, { type: '/problems/cfp-closed', code: 'cfp-closed', opensAt: '2099-01-01T00:00:00.000Z' });
    const draft = await req('POST', '/v1/communities/closed/proposals', {
      token: closed.speaker.token,
      body: { ...body, submit: false },
    });
    t.equal(draft.status, 201, 'drafts are fine any time');
    const sub = await req('POST', `/v1/proposals/${draft.body.id}/transitions`, {
      token: closed.speaker.token,
      body: { to: 'submitted' },
    });
    t.equal(sub.body.code, 'cfp-closed');
    const onBehalf = await req('POST', '/v1/communities/closed/proposals', {
      token: closed.organizer.token,
      body: { ...body, speaker: { email: closed.speaker.email } },
    });
    t.equal(onBehalf.status, 201, "organizers may add on a speaker's behalf");
    t.equal(onBehalf.body.state, 'submitted');
    t.equal(onBehalf.body.speakers[0].email, closed.speaker.email);
    t.equal(
      (await req('GET', `/v1/proposals/${onBehalf.body.id}`, { token: closed.speaker.token })).status,
      200,
      'the speaker sees it',
    );
  });

  t.test('every allowed move', async (t) => {
    for (const from of PROPOSAL_STATES) {
      for (const { to, by } of movesFrom(from)) {
        const id = await inState(ctx, c, from);
        const who = by === 'author' ? c.speaker : c.organizer;
        const res = await req('POST', `/v1/proposals/${id}/transitions`, {
          token: who.token,
          body: { to, reason: 'because' },
        });
        t.equal(res.status, 200, `${from} → ${to} by ${by}`);
        t.equal(res.body.state, to);
        const h = await req('GET', `/v1/proposals/${id}/history`, { token: c.speaker.token });
        t.match(h.body.items.at(-1), { from, to, reason: 'because', actor: { id: who.id } }, 'recorded');
        if (by === 'organizer') {
          const wrong = await req('POST', `/v1/proposals/${await inState(ctx, c, from)}/transitions`, {
            token: c.speaker.token,
            body: { to },
          });
          t.equal(wrong.status, 403, `speaker may not ${from} → ${to}`);
        } else {
          const wrong = await req('POST', `/v1/proposals/${await inState(ctx, c, from)}/transitions`, {
            token: c.organizer.token,
            body: { to },
          });
          t.equal(
            wrong.status,
            from === 'draft' ? 404 : 403,
            `organizer may not ${from} → ${to}${from === 'draft' ? ' (nor see the draft)' : ''}`,
          );
        }
      }
    }
  });

  t.test('every other move is a 409 listing the allowed ones', async (t) => {
    for (const from of PROPOSAL_STATES) {
      const id = await inState(ctx, c, from);
      for (const to of PROPOSAL_STATES) {
        if (TRANSITIONS[from][to]) continue;
        const res = await req('POST', `/v1/proposals/${id}/transitions`, { token: c.speaker.token, body: { to } });
        t.equal(res.status, 409, `${from} → ${to}`);
        t.equal(res.body.code, 'invalid-transition');
        t.same(res.body.allowed, movesFrom(from));
      }
      t.equal((await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token })).body.state, from, 'unchanged');
    }
    t.equal(
      (
        await req('POST', `/v1/proposals/${await inState(ctx, c, 'submitted')}/transitions`, {
          token: c.speaker.token,
          body: { to: 'published' },
        })
      ).status,
      400,
    );
  });

  t.test('editing with If-Match', async (t) => {
    const id = await submitted(ctx, c, 'Editable');
    const read = await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token });
    const etag = read.headers.etag as string;
    const [a, b] = await Promise.all([
      req('PATCH', `/v1/proposals/${id}`, {
        token: c.speaker.token,
        headers: { 'if-match': etag },
        body: { title: 'Edit A' },
      }),
      req('PATCH', `/v1/proposals/${id}`, {
        token: c.speaker.token,
        headers: { 'if-match': etag },
        body: { title: 'Edit B' },
      }),
    ]);
    t.same([a.status, b.status].sort(), [200, 412], 'exactly one concurrent edit wins');
    const winner = a.status === 200 ? a : b;
    t.equal((await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token })).body.title, winner.body.title);
    t.equal(
      (
        await req('PATCH', `/v1/proposals/${id}`, {
          token: c.speaker.token,
          headers: { 'if-match': 'W/"v1"' },
          body: { title: 'x' },
        })
      ).status,
      412,
      'weak tags never match',
    );
    const edit = await req('PATCH', `/v1/proposals/${id}`, {
      token: c.speaker.token,
      body: { format: 'lightning', track: null, coSpeakers: ['pair@example.com'], abstract: 'New.' },
    });
    t.match(edit.body, { format: { key: 'lightning' }, track: null, abstract: 'New.' });
    t.equal(edit.body.speakers.length, 1);
    t.equal(edit.body.invited.length, 1);
    const pair = await ctx.person('pair@example.com');
    t.equal(
      (await req('PATCH', `/v1/proposals/${id}`, { token: pair.token, body: { title: 'Not yet' } })).status,
      403,
      'asked is not yet a speaker',
    );
    t.equal((await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: pair.token })).status, 200);
    t.equal(
      (await req('PATCH', `/v1/proposals/${id}`, { token: pair.token, body: { title: 'Co-speakers edit too' } }))
        .status,
      200,
    );
    t.equal(
      (await req('PATCH', `/v1/proposals/${id}`, { token: c.organizer.token, body: { title: 'x' } })).status,
      403,
      'organizers do not edit content',
    );
    t.equal(
      (await req('PATCH', `/v1/proposals/${id}`, { token: c.speaker.token, body: { format: 'nope' } })).body.code,
      'unknown-format',
    );
    await req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
    const locked = await req('PATCH', `/v1/proposals/${id}`, { token: c.speaker.token, body: { title: 'Late edit' } });
    t.equal(locked.status, 409);
    t.equal(locked.body.code, 'not-editable');
    const stale = await req('POST', `/v1/proposals/${id}/transitions`, {
      token: c.speaker.token,
      headers: { 'if-match': etag },
      body: { to: 'confirmed' },
    });
    t.equal(stale.status, 412, 'transitions honour If-Match too');
  });

  t.test('who sees what', async (t) => {
    const s = await community(ctx, 'seen');
    const draft = (
      await req('POST', '/v1/communities/seen/proposals', {
        token: s.speaker.token,
        body: { callId: s.callId, title: 'Secret draft', format: 'talk' },
      })
    ).body.id;
    const sub = await submitted(ctx, s, 'Visible talk');
    const gone = await submitted(ctx, s, 'Withdrawn talk');
    await req('POST', `/v1/proposals/${gone}/transitions`, { token: s.speaker.token, body: { to: 'withdrawn' } });
    const visible = async (token: string) =>
      (await req('GET', '/v1/communities/seen/proposals', { token })).body.items
        .map((p: { id: string }) => p.id)
        .sort();
    t.same(await visible(s.speaker.token), [draft, sub, gone].sort(), 'speaker: all their own');
    t.same(await visible(s.organizer.token), [sub, gone].sort(), 'organizer: everything but drafts');
    t.same(await visible(admin.token), [sub, gone].sort(), 'admin: as an organizer');
    t.same(await visible(s.reviewer.token), [sub], 'reviewer: submitted ones');
    t.same(await visible(s.member.token), [], 'member: only their own');
    t.same(await visible(other.organizer.token), [], "another community's organizer: nothing");
    t.equal((await req('GET', '/v1/communities/seen/proposals')).status, 401);
    const status = async (token: string, id: string) => (await req('GET', `/v1/proposals/${id}`, { token })).status;
    t.equal(await status(s.organizer.token, draft), 404, 'drafts are private');
    t.equal(await status(s.reviewer.token, gone), 404);
    t.equal(await status(s.member.token, sub), 404);
    t.equal(await status(other.organizer.token, sub), 404);
    t.equal(await status(s.reviewer.token, sub), 200);
    const asReviewer = await req('GET', `/v1/proposals/${sub}`, { token: s.reviewer.token });
    t.notOk('notes' in asReviewer.body, 'notes are for organizers');
    t.notOk('meanScore' in asReviewer.body, 'review figures are for organizers');
    t.equal(
      (await req('GET', '/v1/communities/seen/proposals?sort=-meanScore', { token: s.reviewer.token })).status,
      403,
      'only organizers sort by score',
    );
  });

  t.test('filters and pagination', async (t) => {
    const f = await community(ctx, 'filters');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await submitted(ctx, f, `Talk number ${i}${i === 3 ? ' about Kubernetes_100%' : ''}`));
    await req('POST', `/v1/communities/filters/proposals`, {
      token: f.member.token,
      body: { callId: f.callId, title: 'Lightning by member', format: 'lightning', submit: true },
    });
    await req('POST', `/v1/proposals/${ids[0]}/transitions`, { token: f.organizer.token, body: { to: 'accepted' } });
    const list = (q: string) => req('GET', `/v1/communities/filters/proposals?${q}`, { token: f.organizer.token });
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const res = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    t.equal(seen.length, 8, 'every proposal once');
    t.equal(new Set(seen).size, 8);
    t.same(
      (await list('state=accepted')).body.items.map((p: { id: string }) => p.id),
      [ids[0]],
    );
    t.equal((await list('state=accepted&state=submitted')).body.items.length, 8);
    t.equal((await list('format=lightning')).body.items.length, 1);
    t.equal((await list('track=backend')).body.items.length, 7);
    t.equal((await list(`speaker=${f.member.email}`)).body.items.length, 1);
    t.equal((await list(`speaker=${f.member.id}`)).body.items.length, 1);
    t.equal((await list('q=kubernetes_100%25')).body.items.length, 1, 'LIKE wildcards are literal');
    t.equal((await list('q=%27%3B%20DROP%20TABLE%20proposal%3B--')).body.items.length, 0, 'hostile text is just text');
    t.equal((await list(`callId=${f.callId}`)).body.items.length, 8);
    t.equal((await list('q=a%00b')).status, 400, 'NUL in a search');
    t.equal((await list(`speaker=a%00b`)).status, 400, 'NUL as a speaker');
    t.equal((await list('sort=createdAt&cursor=WyJub3QgYSBkYXRlIiwieCJd')).status, 400, 'a forged cursor');
    t.equal((await list('state=bogus')).status, 400);
    t.equal((await list('limit=0')).status, 400);
    t.equal((await list('limit=1000')).status, 400);
    t.equal((await list('cursor=WzEsMl0')).body.code, 'bad-cursor');
    t.equal((await list('sort=title')).status, 400);
    const oldest = await list('sort=createdAt&limit=1');
    t.equal(oldest.body.items[0].id, ids[0]);
  });
});

t.test('co-speakers say yes first: nobody is made a speaker (and taken off reviewing) without consent', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'consent');
  const p = await req('POST', '/v1/communities/consent/proposals', {
    token: c.speaker.token,
    body: {
      callId: c.callId,
      title: 'Pairing on incidents',
      format: 'talk',
      submit: true,
      coSpeakers: [c.reviewer.email, c.organizer.email, 'stranger@example.com'],
    },
  });
  const id = p.body.id;
  t.same(
    p.body.speakers.map((s: { email: string }) => s.email),
    [c.speaker.email],
  );
  t.same(
    p.body.invited.map((s: { email: string }) => s.email),
    [c.reviewer.email, c.organizer.email, 'stranger@example.com'],
  );

  // Being asked changes nothing for the reviewer and the organizer.
  const review = await req('PUT', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token, body: { score: 5 } });
  t.equal(review.status, 201, 'the reviewer asked still reviews');
  const seen = await req('GET', `/v1/proposals/${id}`, { token: c.organizer.token });
  t.equal(seen.body.reviewCount, 1, 'the organizer asked still sees the figures');
  t.equal(seen.body.invitedYou, true);

  // The stranger (no member of the community) reads what they are asked about.
  const stranger = await ctx.person('stranger@example.com');
  const read = await req('GET', `/v1/proposals/${id}`, { token: stranger.token });
  t.equal(read.status, 200);
  t.equal(read.body.invitedYou, true);
  t.notOk('notes' in read.body, 'asked is not yet one of its speakers');
  t.equal((await req('PATCH', `/v1/proposals/${id}`, { token: stranger.token, body: { title: 'x' } })).status, 403);
  const declined = await req('POST', `/v1/proposals/${id}/invitation/decline`, { token: stranger.token });
  t.equal(declined.status, 204);
  t.equal((await req('GET', `/v1/proposals/${id}`, { token: stranger.token })).status, 404, 'declined: gone');
  t.equal((await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: stranger.token })).status, 404);
  t.equal(
    (await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: c.member.token })).status,
    404,
    'not asked, nothing to accept',
  );

  // Accepting makes a speaker, in the place asked for; the conflicts of interest apply from then on.
  const accepted = await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: c.organizer.token });
  t.equal(accepted.status, 200);
  t.same(
    accepted.body.speakers.map((s: { email: string }) => s.email),
    [c.speaker.email, c.organizer.email],
  );
  t.notOk('reviewCount' in accepted.body, 'a speaker no longer sees the figures of their own proposal');
  t.equal(accepted.body.invitedYou, false);

  // The speaker drops the reviewer from the list: the invitation is withdrawn.
  const edited = await req('PATCH', `/v1/proposals/${id}`, {
    token: c.speaker.token,
    body: { coSpeakers: [c.organizer.email] },
  });
  t.same(
    edited.body.speakers.map((s: { email: string }) => s.email),
    [c.speaker.email, c.organizer.email],
    'who accepted stays',
  );
  t.same(edited.body.invited, []);
  t.equal((await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: c.reviewer.token })).status, 404);
  const stillReviews = await req('GET', `/v1/proposals/${id}/reviews/me`, { token: c.reviewer.token });
  t.equal(stillReviews.status, 200, 'the reviewer kept their review');

  // An invitation to a proposal that was withdrawn since cannot be accepted.
  const late = await req('PATCH', `/v1/proposals/${id}`, {
    token: c.speaker.token,
    body: { coSpeakers: [c.organizer.email, c.member.email] },
  });
  t.equal(late.body.invited.length, 1);
  await req('POST', `/v1/proposals/${id}/transitions`, { token: c.speaker.token, body: { to: 'withdrawn' } });
  const closed = await req('POST', `/v1/proposals/${id}/invitation/accept`, { token: c.member.token });
  t.equal(closed.status, 409);
  t.equal(closed.body.code, 'proposal-closed');
  t.equal(
    (await req('GET', `/v1/proposals/${id}`, { token: c.speaker.token })).body.invited.length,
    1,
    'a refused accept changes nothing',
  );
});
