import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('calls for proposals', async (t) => {
  const ctx = await setup(t);
  const { req, admin } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');
  const body = {
    title: 'Autumn',
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: '2026-02-01T00:00:00Z',
    formats: [{ key: 'talk', name: 'Talk', durationMinutes: 30 }],
  };

  t.test('who may open one', async (t) => {
    const expect = { member: 403, reviewer: 403, other: 403, organizer: 201, admin: 201 } as const;
    const tokens = {
      member: c.member.token,
      reviewer: c.reviewer.token,
      other: other.organizer.token,
      organizer: c.organizer.token,
      admin: admin.token,
    };
    for (const [who, status] of Object.entries(expect)) {
      t.equal(
        (await req('POST', '/v1/communities/guild/calls', { token: tokens[who as keyof typeof tokens], body })).status,
        status,
        who,
      );
    }
    t.equal((await req('POST', '/v1/communities/guild/calls', { body })).status, 401);
  });

  t.test('refusals', async (t) => {
    const count = async () => (await ctx.ds.query('SELECT count(*)::int AS n FROM call_for_proposals'))[0].n;
    const before = await count();
    const win = await req('POST', '/v1/communities/guild/calls', {
      token: c.organizer.token,
      body: { ...body, closesAt: '2025-01-01T00:00:00Z' },
    });
    t.equal(win.status, 422);
    t.equal(win.body.code, 'invalid-window');
    const dup = await req('POST', '/v1/communities/guild/calls', {
      token: c.organizer.token,
      body: { ...body, formats: [body.formats[0], body.formats[0]] },
    });
    t.equal(dup.body.code, 'duplicate-key');
    t.equal(
      (await req('POST', '/v1/communities/guild/calls', { token: c.organizer.token, body: { ...body, formats: [] } }))
        .status,
      400,
      'at least one format',
    );
    t.equal(
      (
        await req('POST', '/v1/communities/guild/calls', {
          token: c.organizer.token,
          body: { ...body, formats: [{ key: 'x', name: 'X', durationMinutes: 0 }] },
        })
      ).status,
      400,
    );
    t.equal(
      (
        await req('POST', '/v1/communities/guild/calls', {
          token: c.organizer.token,
          body: { ...body, opensAt: 'tomorrow' },
        })
      ).status,
      400,
    );
    t.equal(await count(), before, 'nothing created');
  });

  t.test('read, list, rolling', async (t) => {
    const res = await req('GET', `/v1/calls/${c.callId}`, { token: c.member.token });
    t.match(res.body, {
      rolling: true,
      isOpen: true,
      closesAt: null,
      formats: [{ key: 'talk' }, { key: 'lightning' }],
      tracks: [{ key: 'backend' }],
    });
    const list = await req('GET', '/v1/communities/guild/calls', { token: other.member.token });
    t.ok(list.body.items.length >= 1);
    t.equal(
      (await req('GET', '/v1/calls/00000000-0000-4000-8000-000000000000', { token: c.member.token })).status,
      404,
    );
  });

  t.test('update replaces formats by key; a used format stays', async (t) => {
    await submitted(ctx, c);
    const cur = await req('GET', `/v1/calls/${c.callId}`, { token: c.organizer.token });
    const inUse = await req('PATCH', `/v1/calls/${c.callId}`, {
      token: c.organizer.token,
      body: { formats: [{ key: 'lightning', name: 'Lightning', durationMinutes: 5 }] },
    });
    t.equal(inUse.status, 409);
    t.equal(inUse.body.code, 'format-in-use');
    const ok = await req('PATCH', `/v1/calls/${c.callId}`, {
      token: c.organizer.token,
      headers: { 'if-match': cur.headers.etag as string },
      body: {
        formats: [
          { key: 'talk', name: 'Full talk', durationMinutes: 40 },
          { key: 'workshop', name: 'Workshop', durationMinutes: 90 },
        ],
        closesAt: '2099-01-01T00:00:00Z',
      },
    });
    t.equal(ok.status, 200);
    t.same(
      ok.body.formats.map((f: { key: string }) => f.key),
      ['talk', 'workshop'],
    );
    t.equal(ok.body.rolling, false);
    const stale = await req('PATCH', `/v1/calls/${c.callId}`, {
      token: c.organizer.token,
      headers: { 'if-match': cur.headers.etag as string },
      body: { title: 'x' },
    });
    t.equal(stale.status, 412);
    t.equal((await req('PATCH', `/v1/calls/${c.callId}`, { token: c.member.token, body: { title: 'x' } })).status, 403);
  });
});
