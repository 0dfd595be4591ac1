import t from 'tap';
import { community, setup } from './helper';

t.test('communities and memberships', async (t) => {
  const ctx = await setup(t);
  const { req, admin } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');

  t.test('create: admin only, slug unique, time zone checked', async (t) => {
    t.equal((await req('POST', '/v1/communities', { body: { slug: 'x', name: 'X' } })).status, 401);
    t.equal(
      (await req('POST', '/v1/communities', { token: c.organizer.token, body: { slug: 'x', name: 'X' } })).status,
      403,
    );
    const dup = await req('POST', '/v1/communities', { token: admin.token, body: { slug: 'guild', name: 'Again' } });
    t.equal(dup.status, 409);
    t.equal(dup.body.code, 'slug-taken');
    t.equal(
      (await req('POST', '/v1/communities', { token: admin.token, body: { slug: 'Bad Slug', name: 'X' } })).status,
      400,
    );
    const tz = await req('POST', '/v1/communities', {
      token: admin.token,
      body: { slug: 'tz', name: 'X', timeZone: 'Mars/Olympus' },
    });
    t.equal(tz.status, 422);
    t.equal(tz.body.code, 'invalid-time-zone');
    t.equal((await req('GET', '/v1/communities/tz', { token: admin.token })).status, 404, 'nothing created');
  });

  t.test('read and list', async (t) => {
    const res = await req('GET', '/v1/communities/guild', { token: c.member.token });
    t.match(res.body, { slug: 'guild', myRole: 'member', timeZone: 'Europe/Berlin' });
    t.match(res.headers.etag, /^"v\d+"$/);
    t.equal((await req('GET', '/v1/communities/guild', { token: other.member.token })).body.myRole, null);
    t.equal((await req('GET', '/v1/communities/nope', { token: c.member.token })).status, 404);
    const p1 = await req('GET', '/v1/communities?limit=1', { token: c.member.token });
    t.equal(p1.body.items.length, 1);
    const p2 = await req('GET', `/v1/communities?limit=1&cursor=${p1.body.nextCursor}`, { token: c.member.token });
    t.not(p2.body.items[0].slug, p1.body.items[0].slug);
    t.equal((await req('GET', '/v1/communities?cursor=garbage', { token: c.member.token })).body.code, 'bad-cursor');
  });

  t.test('update: organizers, with If-Match', async (t) => {
    const roles = { member: 403, reviewer: 403, other: 403, organizer: 200, admin: 200 } as const;
    const tokens = {
      member: c.member.token,
      reviewer: c.reviewer.token,
      other: other.organizer.token,
      organizer: c.organizer.token,
      admin: admin.token,
    };
    for (const [who, status] of Object.entries(roles)) {
      const res = await req('PATCH', '/v1/communities/guild', {
        token: tokens[who as keyof typeof tokens],
        body: { description: `by ${who}` },
      });
      t.equal(res.status, status, who);
    }
    const cur = await req('GET', '/v1/communities/guild', { token: c.organizer.token });
    const stale = '"v1"';
    const s = await req('PATCH', '/v1/communities/guild', {
      token: c.organizer.token,
      headers: { 'if-match': stale },
      body: { blindReview: true },
    });
    t.equal(s.status, 412);
    t.equal(s.body.code, 'stale-etag');
    const ok = await req('PATCH', '/v1/communities/guild', {
      token: c.organizer.token,
      headers: { 'if-match': cur.headers.etag as string },
      body: { name: 'Guild' },
    });
    t.equal(ok.status, 200);
    t.not(ok.headers.etag, cur.headers.etag);
    t.equal(
      (await req('PATCH', '/v1/communities/guild', { token: c.organizer.token, body: { timeZone: 'Nowhere/Town' } }))
        .status,
      422,
    );
  });

  t.test('members', async (t) => {
    t.equal(
      (await req('GET', '/v1/communities/guild/members', { token: other.member.token })).status,
      403,
      'non-members cannot list',
    );
    const list = await req('GET', '/v1/communities/guild/members?limit=2', { token: c.member.token });
    t.equal(list.body.items.length, 2);
    t.ok(list.body.nextCursor);
    const newbie = await ctx.person('newbie@example.com');
    const joined = await req('PUT', '/v1/communities/guild/members/me', { token: newbie.token });
    t.equal(joined.status, 201);
    t.equal(joined.body.role, 'member');
    t.equal(
      (await req('PUT', '/v1/communities/guild/members/me', { token: newbie.token })).status,
      200,
      'joining twice is fine',
    );
    t.equal(
      (await req('POST', '/v1/communities/guild/members', { token: c.member.token, body: { email: 'x@example.com' } }))
        .status,
      403,
    );
    const added = await req('POST', '/v1/communities/guild/members', {
      token: c.organizer.token,
      body: { email: 'Fresh.Face@Example.com', role: 'reviewer' },
    });
    t.equal(added.status, 201);
    t.match(added.body, { role: 'reviewer', person: { email: 'fresh.face@example.com', name: 'Fresh Face' } });
    t.equal(
      (
        await req('POST', '/v1/communities/guild/members', {
          token: c.organizer.token,
          body: { email: 'fresh.face@example.com' },
        })
      ).body.code,
      'already-member',
    );
    t.equal(
      (
        await req('PATCH', `/v1/communities/guild/members/${newbie.id}`, {
          token: c.member.token,
          body: { role: 'organizer' },
        })
      ).status,
      403,
    );
    t.equal(
      (
        await req('PATCH', `/v1/communities/guild/members/${newbie.id}`, {
          token: c.organizer.token,
          body: { role: 'boss' },
        })
      ).status,
      400,
    );
    t.equal(
      (
        await req('PATCH', `/v1/communities/guild/members/${newbie.id}`, {
          token: c.organizer.token,
          body: { role: 'reviewer' },
        })
      ).body.role,
      'reviewer',
    );
    t.equal(
      (await req('DELETE', `/v1/communities/guild/members/${c.reviewer.id}`, { token: c.member.token })).status,
      403,
      'members cannot remove others',
    );
    t.equal(
      (await req('DELETE', `/v1/communities/guild/members/${newbie.id}`, { token: newbie.token })).status,
      204,
      'anyone may leave',
    );
    t.equal(
      (await req('DELETE', `/v1/communities/guild/members/${newbie.id}`, { token: c.organizer.token })).status,
      404,
    );
  });

  t.test('a community keeps one organizer, even under concurrent demotions', async (t) => {
    const solo = await community(ctx, 'solo');
    t.equal(
      (await req('DELETE', `/v1/communities/solo/members/${admin.id}`, { token: admin.token })).status,
      204,
      'the creating admin leaves',
    );
    const second = await ctx.person('second@solo.example');
    await req('POST', '/v1/communities/solo/members', {
      token: solo.organizer.token,
      body: { email: second.email, role: 'organizer' },
    });
    // the two organizers step down at the same moment
    const [a, b] = await Promise.all([
      req('PATCH', `/v1/communities/solo/members/${solo.organizer.id}`, {
        token: solo.organizer.token,
        body: { role: 'member' },
      }),
      req('PATCH', `/v1/communities/solo/members/${second.id}`, { token: second.token, body: { role: 'member' } }),
    ]);
    t.same([a.status, b.status].sort(), [200, 422], 'exactly one demotion passes');
    const left = await ctx.ds.query(
      `SELECT count(*)::int AS n FROM membership m JOIN community c ON c.id = m.community_id WHERE c.slug = 'solo' AND role = 'organizer'`,
    );
    t.equal(left[0].n, 1);
  });
});
