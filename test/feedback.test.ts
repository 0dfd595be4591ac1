import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('feedback on talks', async (t) => {
  const ctx = await setup(t, { poolSize: 25 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const make = async (title: string, startsAt: string, endsAt: string) => {
    const talk = await submitted(ctx, c, title);
    await req('POST', `/v1/proposals/${talk}/transitions`, { token: org, body: { to: 'accepted' } });
    const e = await req('POST', '/v1/communities/guild/events', {
      token: org,
      body: { title: `Event for ${title}`, startsAt, endsAt },
    });
    await req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    await req('POST', `/v1/events/${e.body.id}/slots`, { token: org, body: { proposalId: talk, startsAt } });
    return { talk, eventId: e.body.id as string };
  };
  const past = await make('A past talk', '2026-01-15T10:00:00Z', '2026-01-15T11:00:00Z');
  const future = await make('A future talk', '2027-09-01T10:00:00Z', '2027-09-01T11:00:00Z');
  // attendance at a past event is recorded at the door
  for (const p of [c.member, c.reviewer])
    await req('PUT', `/v1/events/${past.eventId}/rsvps/${p.id}/check-in`, { token: org, body: { checkedIn: true } });
  await req('PUT', `/v1/events/${future.eventId}/rsvps/me`, { token: c.member.token, body: { status: 'going' } });

  t.test('attendees rate once the talk is over; once per person, editable', async (t) => {
    const first = await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, {
      token: c.member.token,
      body: { rating: 4, comment: 'Clear and useful' },
    });
    t.equal(first.status, 201);
    t.match(first.body, { rating: 4, comment: 'Clear and useful' });
    const edit = await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, {
      token: c.member.token,
      body: { rating: 5, comment: 'Thinking about it more: great' },
    });
    t.equal(edit.status, 200);
    t.equal((await req('GET', `/v1/proposals/${past.talk}/feedback/me`, { token: c.member.token })).body.rating, 5);
    await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, { token: c.reviewer.token, body: { rating: 3 } });
    const race = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        req('PUT', `/v1/proposals/${past.talk}/feedback/me`, {
          token: c.reviewer.token,
          body: { rating: (i % 5) + 1 },
        }),
      ),
    );
    t.ok(
      race.every((r) => r.status === 200),
      '20 concurrent edits all land on the one row',
    );
    const rows = await ctx.ds.query('SELECT count(*)::int AS n FROM feedback WHERE proposal_id = $1', [past.talk]);
    t.equal(rows[0].n, 2);
  });

  t.test('refusals change nothing', async (t) => {
    const before = (await ctx.ds.query('SELECT count(*)::int AS n FROM feedback'))[0].n;
    const notThere = await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, {
      token: c.organizer.token,
      body: { rating: 5 },
    });
    t.equal(notThere.status, 403);
    t.equal(notThere.body.code, 'not-an-attendee');
    const own = await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, {
      token: c.speaker.token,
      body: { rating: 5 },
    });
    t.equal(own.body.code, 'own-proposal');
    const early = await req('PUT', `/v1/proposals/${future.talk}/feedback/me`, {
      token: c.member.token,
      body: { rating: 5 },
    });
    t.equal(early.status, 409);
    t.equal(early.body.code, 'talk-not-over');
    for (const rating of [0, 6, 2.5, '4'])
      t.equal(
        (await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, { token: c.member.token, body: { rating } }))
          .status,
        400,
        `rating ${rating}`,
      );
    const draft = await req('POST', '/v1/communities/guild/proposals', {
      token: c.member.token,
      body: { callId: c.callId, title: 'Draft', format: 'talk' },
    });
    t.equal(
      (await req('PUT', `/v1/proposals/${draft.body.id}/feedback/me`, { token: c.reviewer.token, body: { rating: 3 } }))
        .status,
      404,
      'not a talk',
    );
    t.equal((await req('PUT', `/v1/proposals/${past.talk}/feedback/me`, { body: { rating: 3 } })).status, 401);
    t.equal((await ctx.ds.query('SELECT count(*)::int AS n FROM feedback'))[0].n, before);
  });

  t.test('speakers and organizers see figures and comments without names', async (t) => {
    const forSpeaker = await req('GET', `/v1/proposals/${past.talk}/feedback`, { token: c.speaker.token });
    t.equal(forSpeaker.status, 200);
    t.equal(forSpeaker.body.count, 2);
    t.equal(
      Object.values(forSpeaker.body.distribution as Record<string, number>).reduce((a, b) => a + b, 0),
      2,
    );
    t.ok(forSpeaker.body.distribution['5'] >= 1, "the member's 5");
    t.ok(forSpeaker.body.mean > 1 && forSpeaker.body.mean <= 5);
    t.same(
      forSpeaker.body.comments.map((x: { comment: string }) => x.comment),
      ['Thinking about it more: great'],
    );
    for (const who of [c.member.email, c.member.id, 'Max Member', c.reviewer.email, 'Rita Reviewer'])
      t.notOk(JSON.stringify(forSpeaker.body).includes(who), `no ${who}`);
    t.equal((await req('GET', `/v1/proposals/${past.talk}/feedback`, { token: org })).status, 200);
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/feedback`, { token: c.member.token })).status,
      403,
      'attendees rate but do not read the others',
    );
  });
});
