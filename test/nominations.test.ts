import t from 'tap';
import { NOMINATIONS_PER_DAY } from '../src/modules/nominations/nominations.service';
import { community } from './helper';
import { mailWorld } from './mail-helper';

t.test('nominations', async (t) => {
  const { ctx, sink } = await mailWorld(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const nominee = await ctx.person('quiet.expert@guild.example', 'Quinn Expert');
  await req('PATCH', '/v1/me', { token: nominee.token, body: { department: 'Payments' } });

  t.test(
    'a member nominates; the nominee is encouraged, accepts, and gets a draft crediting the nominator',
    async (t) => {
      const n = await req('POST', '/v1/communities/guild/nominations', {
        token: c.member.token,
        body: {
          email: 'Quiet.Expert@guild.example',
          topic: 'How we run payments at scale',
          reason: 'Quinn untangled our ledger last quarter.',
        },
      });
      t.equal(n.status, 201, n.text);
      t.match(n.body, {
        status: 'open',
        topic: 'How we run payments at scale',
        nominator: { name: 'Max Member' },
        nominee: { id: nominee.id },
      });
      const mail = (
        await sink.waitFor(
          (r) => r.to.includes(nominee.email) && /thinks you should give a talk/.test(r.mail.subject ?? ''),
        )
      )[0];
      t.match(mail.mail.text, /Quinn untangled our ledger/);
      t.match(mail.mail.text, /\/sign-in\/link\?token=/, 'a link that signs the nominee in');
      const [link] = await ctx.ds.query('SELECT next_path FROM sign_in_link WHERE email = $1', [nominee.email]);
      t.equal(link.next_path, `/nominations/${n.body.id}`, '… and leads to the nomination');
      const open = await req('GET', '/v1/communities/guild/nominations', { token: org });
      t.equal(open.status, 200);
      t.same(
        open.body.items.map((i: { id: string }) => i.id),
        [n.body.id],
        'organizers see open nominations',
      );
      t.equal((await req('GET', '/v1/communities/guild/nominations', { token: c.member.token })).status, 403);
      t.equal((await req('GET', '/v1/me/nominations', { token: nominee.token })).body.items.length, 1);
      t.equal((await req('GET', '/v1/me/nominations?direction=sent', { token: c.member.token })).body.items.length, 1);
      t.equal(
        (await req('GET', `/v1/nominations/${n.body.id}`, { token: c.reviewer.token })).status,
        404,
        'not for bystanders',
      );
      t.equal(
        (await req('POST', `/v1/nominations/${n.body.id}/accept`, { token: c.member.token, body: {} })).status,
        403,
        'only the nominee answers',
      );

      const accepted = await req('POST', `/v1/nominations/${n.body.id}/accept`, { token: nominee.token, body: {} });
      t.equal(accepted.status, 200, accepted.text);
      t.equal(accepted.body.status, 'accepted');
      const draft = await req('GET', `/v1/proposals/${accepted.body.proposalId}`, { token: nominee.token });
      t.equal(draft.status, 200);
      t.match(draft.body, { state: 'draft', title: 'How we run payments at scale', format: { key: 'talk' } });
      t.match(draft.body.notes, /Nominated by Max Member: Quinn untangled our ledger/);
      const told = (
        await sink.waitFor(
          (r) =>
            r.to.includes(c.member.email) && /Your nomination of Quinn Expert: accepted/.test(r.mail.subject ?? ''),
        )
      )[0];
      t.match(told.mail.text, /accepted your nomination/);
      const again = await req('POST', `/v1/nominations/${n.body.id}/accept`, { token: nominee.token, body: {} });
      t.equal(again.status, 409);
      t.equal(again.body.code, 'already-answered');
      t.equal(
        (await ctx.ds.query('SELECT count(*)::int AS n FROM proposal WHERE created_by = $1', [nominee.id]))[0].n,
        1,
        'one draft',
      );
      t.equal(
        (await req('GET', '/v1/communities/guild/nominations', { token: org })).body.items.length,
        0,
        'no longer open',
      );
      t.equal(
        (await req('GET', '/v1/communities/guild/nominations?status=accepted', { token: org })).body.items.length,
        1,
      );
    },
  );

  t.test('declining tells the nominator kindly', async (t) => {
    const n = await req('POST', '/v1/communities/guild/nominations', {
      token: c.speaker.token,
      body: { email: nominee.email, topic: 'Ledgers' },
    });
    const d = await req('POST', `/v1/nominations/${n.body.id}/decline`, {
      token: nominee.token,
      body: { reason: 'Busy until spring' },
    });
    t.equal(d.status, 200);
    t.match(d.body, { status: 'declined', declineReason: 'Busy until spring', proposalId: null });
    const told = (
      await sink.waitFor(
        (r) => r.to.includes(c.speaker.email) && /Your nomination of Quinn Expert: declined/.test(r.mail.subject ?? ''),
      )
    )[0];
    t.match(told.mail.text, /Busy until spring/);
    const other = await req('POST', '/v1/communities/guild/nominations', {
      token: c.reviewer.token,
      body: { email: nominee.email, topic: 'Ledgers, again' },
    });
    const bare = await req('POST', `/v1/nominations/${other.body.id}/decline`, { token: nominee.token });
    t.equal(bare.status, 200, 'no body needed');
    t.equal(bare.body.declineReason, null);
  });

  t.test('refusals: not a member, yourself, twice the same open topic, bad input', async (t) => {
    const before = (await ctx.ds.query('SELECT count(*)::int AS n FROM nomination'))[0].n;
    const outsider = await ctx.person('out@else.example', 'Otto Outsider');
    t.equal(
      (
        await req('POST', '/v1/communities/guild/nominations', {
          token: outsider.token,
          body: { email: nominee.email, topic: 'X' },
        })
      ).status,
      403,
    );
    const self = await req('POST', '/v1/communities/guild/nominations', {
      token: c.reviewer.token,
      body: { email: c.reviewer.email.toUpperCase(), topic: 'Me' },
    });
    t.equal(self.body.code, 'self-nomination');
    await req('POST', '/v1/communities/guild/nominations', {
      token: c.reviewer.token,
      body: { email: 'new.person@guild.example', topic: 'Observability' },
    });
    const dup = await req('POST', '/v1/communities/guild/nominations', {
      token: org,
      body: { email: 'NEW.person@guild.example', topic: 'observability' },
    });
    t.equal(dup.status, 409);
    t.equal(dup.body.code, 'already-nominated');
    for (const body of [
      { email: 'not-an-email', topic: 'X' },
      { email: 'a@b.example' },
      { email: 'a@b.example', topic: '' },
      { email: 'a@b.example', topic: 'X\r\nBcc: x@y' },
      { email: 'a@b.example', topic: 'X', extra: 1 },
    ]) {
      t.equal(
        (await req('POST', '/v1/communities/guild/nominations', { token: c.reviewer.token, body })).status,
        400,
        JSON.stringify(body),
      );
    }
    t.equal(
      (await ctx.ds.query('SELECT count(*)::int AS n FROM nomination'))[0].n,
      before + 1,
      'only the valid one landed',
    );
  });

  t.test('a person can opt out of being nominated', async (t) => {
    const shy = await ctx.person('shy@guild.example', 'Shy Person');
    const me = await req('PATCH', '/v1/me', { token: shy.token, body: { acceptsNominations: false } });
    t.equal(me.body.acceptsNominations, false);
    const n = await req('POST', '/v1/communities/guild/nominations', {
      token: c.member.token,
      body: { email: 'SHY@guild.example', topic: 'Anything' },
    });
    t.equal(n.status, 409);
    t.equal(n.body.code, 'nominee-opted-out');
    await req('PATCH', '/v1/me', { token: shy.token, body: { acceptsNominations: true } });
    t.equal(
      (
        await req('POST', '/v1/communities/guild/nominations', {
          token: c.member.token,
          body: { email: shy.email, topic: 'Anything' },
        })
      ).status,
      201,
      'and back in',
    );
  });

  t.test(`a nominator makes at most ${NOMINATIONS_PER_DAY} a day, even all at once`, async (t) => {
    const eager = await ctx.person('eager@guild.example', 'Eager Beaver');
    await req('PUT', '/v1/communities/guild/members/me', { token: eager.token });
    const all = await Promise.all(
      Array.from({ length: NOMINATIONS_PER_DAY + 4 }, (_, i) =>
        req('POST', '/v1/communities/guild/nominations', {
          token: eager.token,
          body: { email: `colleague${i}@guild.example`, topic: `Topic ${i}` },
        }),
      ),
    );
    t.equal(all.filter((r) => r.status === 201).length, NOMINATIONS_PER_DAY);
    const limited = all.filter((r) => r.status === 429);
    t.equal(limited.length, 4);
    t.equal(limited[0].body.code, 'nomination-limit');
    t.ok(Number(limited[0].headers['retry-after']) > 80_000, 'Retry-After: about a day');
    t.match(limited[0].headers['content-type'], /application\/problem\+json/);
  });

  t.test('accepting needs a call to put the draft in', async (t) => {
    const bare = await ctx.person('bare-org@x.example', 'Bare Org');
    await req('POST', '/v1/communities', { token: ctx.admin.token, body: { slug: 'bare', name: 'No call yet' } });
    await req('POST', '/v1/communities/bare/members', {
      token: ctx.admin.token,
      body: { email: bare.email, role: 'member' },
    });
    const n = await req('POST', '/v1/communities/bare/nominations', {
      token: bare.token,
      body: { email: nominee.email, topic: 'Anything' },
    });
    const a = await req('POST', `/v1/nominations/${n.body.id}/accept`, { token: nominee.token, body: {} });
    t.equal(a.status, 409);
    t.equal(a.body.code, 'no-call');
    t.equal(
      (await req('GET', `/v1/nominations/${n.body.id}`, { token: nominee.token })).body.status,
      'open',
      'still open',
    );
  });
});
