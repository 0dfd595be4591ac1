/**
 * Quietly ignored input and what members see of each other (issue #26, item 6): a body field a route
 * does not take is a 400 naming it, and a member sees other members by name, their e-mail addresses
 * and departments only where the policy says (organizers, and the person themself).
 */
import t from 'tap';
import { community, setup } from './helper';

t.test('unused body fields are refused, and members see names only', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'guild');
  await ctx.req('PATCH', '/v1/me', { token: c.member.token, body: { department: 'Finance' } });

  await t.test('PUT …/members/me {"role":"organizer"} is a 400 and joins no one', async (t) => {
    const newbie = await ctx.person('newbie@example.com');
    const r = await ctx.req('PUT', '/v1/communities/guild/members/me', {
      token: newbie.token,
      body: { role: 'organizer' },
    });
    t.equal(r.status, 400);
    t.equal(r.body.code, 'validation');
    t.match(r.body.errors, [{ path: 'body.role', message: 'is not a known field' }]);
    const list = await ctx.req('GET', '/v1/communities/guild/members?limit=200', { token: c.organizer.token });
    t.notOk(
      list.body.items.some((m: { person: { id: string } }) => m.person.id === newbie.id),
      'nothing changed',
    );
    t.equal((await ctx.req('PUT', '/v1/communities/guild/members/me', { token: newbie.token, body: {} })).status, 201);
    t.equal(
      (await ctx.req('DELETE', `/v1/communities/guild/members/${newbie.id}`, { token: newbie.token, body: { x: 1 } }))
        .status,
      400,
      'a DELETE with fields too',
    );
    t.equal(
      (await ctx.req('POST', `/v1/communities/guild/members`, { token: c.organizer.token, body: [1] })).status,
      400,
    );
  });

  await t.test('a member sees names; e-mail and department only of themself', async (t) => {
    const list = await ctx.req('GET', '/v1/communities/guild/members?limit=200', { token: c.member.token });
    t.equal(list.status, 200);
    for (const m of list.body.items as {
      person: { id: string; name: string; email?: string; department?: string };
    }[]) {
      t.ok(m.person.name, 'a name');
      if (m.person.id === c.member.id) t.match(m.person, { email: c.member.email, department: 'Finance' }, 'own');
      else t.notOk('email' in m.person || 'department' in m.person, `${m.person.name}: no e-mail, no department`);
    }
    const page = await ctx.req('GET', '/v1/communities/guild/members?limit=1', { token: c.member.token });
    t.notMatch(Buffer.from(page.body.nextCursor, 'base64url').toString(), /@/, 'nor in the cursor');
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { body: { items: { person: { name: string } }[]; nextCursor: string | null } } = await ctx.req(
        'GET',
        `/v1/communities/guild/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: c.member.token },
      );
      all.push(...p.body.items.map((m) => m.person.name));
      cursor = p.body.nextCursor;
    } while (cursor);
    t.equal(all.length, list.body.items.length, 'pages walk every member once');
    t.equal(
      (await ctx.req('GET', '/v1/communities/guild/members?cursor=WyJhIiwiYiJd', { token: c.member.token })).status,
      400,
      'a made-up cursor is a 400',
    );
  });

  await t.test('organizers see every address and department', async (t) => {
    const list = await ctx.req('GET', '/v1/communities/guild/members?limit=200', { token: c.organizer.token });
    const m = (list.body.items as { person: { id: string; email?: string; department?: string } }[]).find(
      (x) => x.person.id === c.member.id,
    );
    t.match(m?.person, { email: c.member.email, department: 'Finance' });
  });
});
