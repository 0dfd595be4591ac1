import t from 'tap';
import { setup } from './helper';

t.test('me, tokens and people', async (t) => {
  const ctx = await setup(t);
  const { req, admin } = ctx;

  t.test('authentication', async (t) => {
    t.equal((await req('GET', '/v1/me')).status, 401, 'no token');
    const bad = await req('GET', '/v1/me', { token: 'bb_nope' });
    t.equal(bad.status, 401);
    t.match(bad.headers['content-type'], /application\/problem\+json/);
    t.match(bad.body, { type: '/problems/unauthorized', status: 401, code: 'unauthorized' });
    t.equal(
      (await req('GET', '/v1/me', { headers: { authorization: 'Basic abc' } })).status,
      401,
      'not a bearer token',
    );
    const me = await req('GET', '/v1/me', { token: admin.token });
    t.equal(me.status, 200);
    t.match(me.body, { email: 'admin@example.com', isAdmin: true });
  });

  t.test('admin creates people; e-mail is unique case-insensitively', async (t) => {
    const created = await req('POST', '/v1/people', {
      token: admin.token,
      body: { email: 'Ada.Lovelace@Example.com', department: 'R&D' },
    });
    t.equal(created.status, 201);
    t.match(created.body, {
      email: 'ada.lovelace@example.com',
      name: 'Ada Lovelace',
      department: 'R&D',
      isAdmin: false,
    });
    const dup = await req('POST', '/v1/people', { token: admin.token, body: { email: 'ADA.LOVELACE@example.com' } });
    t.equal(dup.status, 409);
    t.equal(dup.body.code, 'person-exists');
    const found = await req('GET', '/v1/people?email=ADA.lovelace@example.com', { token: admin.token });
    t.equal(found.body.items.length, 1);
    const ada = await ctx.person('ada.lovelace@example.com');
    t.equal(
      (await req('POST', '/v1/people', { token: ada.token, body: { email: 'x@example.com' } })).status,
      403,
      'non-admin cannot create',
    );
    t.equal((await req('GET', '/v1/people', { token: ada.token })).status, 403);
    t.equal(
      (await req('POST', `/v1/people/${admin.id}/tokens`, { token: ada.token, body: { name: 'steal' } })).status,
      403,
      'no tokens for others',
    );
    t.equal(
      (
        await req('POST', `/v1/people/00000000-0000-4000-8000-000000000000/tokens`, {
          token: admin.token,
          body: { name: 'x' },
        })
      ).status,
      404,
    );
  });

  t.test('bad input is a 400 problem and changes nothing', async (t) => {
    const before = await ctx.ds.query('SELECT count(*)::int AS n FROM person');
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'body.email'],
      [{ email: 'a@b.example', nmae: 'typo' }, 'body.nmae'],
      [{ email: 'a@b.example', name: 'two\r\nlines' }, 'body.name'],
      [{ email: 'a@b.example', name: '   ' }, 'body.name'],
      [{}, 'body.email'],
    ];
    for (const [body, path] of cases) {
      const res = await req('POST', '/v1/people', { token: admin.token, body });
      t.equal(res.status, 400, JSON.stringify(body));
      t.equal(res.body.code, 'validation');
      t.ok(
        res.body.errors.some((e: { path: string }) => e.path === path),
        `names ${path}`,
      );
    }
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/v1/people',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      payload: '{"email":',
    });
    t.equal(json.statusCode, 400, 'broken JSON');
    t.equal(JSON.parse(json.body).code, 'invalid-json');
    const big = await ctx.app.inject({
      method: 'POST',
      url: '/v1/people',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.example', name: 'x'.repeat(300000) }),
    });
    t.equal(big.statusCode, 413, 'body limit');
    t.equal(JSON.parse(big.body).code, 'body-too-large');
    const media = await ctx.app.inject({
      method: 'POST',
      url: '/v1/people',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    t.equal(media.statusCode, 415);
    t.same(await ctx.ds.query('SELECT count(*)::int AS n FROM person'), before, 'no person created');
  });

  t.test('updating me', async (t) => {
    const bob = await ctx.person('bob@example.com');
    const res = await req('PATCH', '/v1/me', {
      token: bob.token,
      body: { name: 'Bob Builder', department: 'Platform', title: 'Engineer' },
    });
    t.match(res.body, { name: 'Bob Builder', department: 'Platform', title: 'Engineer' });
    t.equal((await req('PATCH', '/v1/me', { token: bob.token, body: {} })).status, 400, 'empty patch');
    t.equal(
      (await req('PATCH', '/v1/me', { token: bob.token, body: { isAdmin: true } })).status,
      400,
      'cannot make oneself admin',
    );
  });

  t.test('tokens: secret shown once, stored hashed, last use kept, revocable', async (t) => {
    const carol = await ctx.person('carol@example.com');
    const made = await req('POST', '/v1/me/tokens', { token: carol.token, body: { name: 'laptop' } });
    t.equal(made.status, 201);
    t.match(made.body.token, /^bb_[A-Za-z0-9_-]{43}$/, '256-bit secret');
    const stored = await ctx.ds.query('SELECT token_hash FROM api_token WHERE id = $1', [made.body.id]);
    t.not(stored[0].token_hash, made.body.token, 'not stored in clear');
    t.equal(stored[0].token_hash.length, 64);
    t.equal((await req('GET', '/v1/me', { token: made.body.token })).status, 200);
    const list = await req('GET', '/v1/me/tokens', { token: carol.token });
    t.equal(list.body.items.length, 2);
    t.notOk(JSON.stringify(list.body).includes(made.body.token), 'secret never listed again');
    const laptop = list.body.items.find((x: { id: string }) => x.id === made.body.id);
    t.ok(laptop.lastUsedAt, 'last use recorded');
    const dave = await ctx.person('dave@example.com');
    t.equal(
      (await req('DELETE', `/v1/me/tokens/${made.body.id}`, { token: dave.token })).status,
      404,
      "someone else's token is not found",
    );
    t.equal((await req('DELETE', `/v1/me/tokens/${made.body.id}`, { token: carol.token })).status, 204);
    t.equal((await req('DELETE', `/v1/me/tokens/${made.body.id}`, { token: carol.token })).status, 204, 'idempotent');
    t.equal((await req('GET', '/v1/me', { token: made.body.token })).status, 401, 'revoked token refused');
    t.equal((await req('DELETE', '/v1/me/tokens/not-a-uuid', { token: carol.token })).status, 400);
  });
});
