/**
 * The organizing team: roles with holders, templates owned by a role (the checklist assigns them to
 * the holder then), the board filtered by role, and a handover that moves the role's open tasks.
 */
import t from 'tap';
import { community, setup, submitted } from './helper';

t.test('team roles', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const amy = await ctx.person('amy@guild.example', 'Amy Ambassador');
  const ben = await ctx.person('ben@guild.example', 'Ben Builder');
  for (const p of [amy, ben])
    await req('POST', '/v1/communities/guild/members', {
      token: ctx.admin.token,
      body: { email: p.email, role: 'organizer' },
    });

  const made = await req('POST', '/v1/communities/guild/team-roles', {
    token: org,
    body: { key: 'ambassador', name: 'Ambassador', description: 'Promotes every talk', holderId: amy.id },
  });
  t.equal(made.status, 201);
  t.match(made.body, { key: 'ambassador', holder: { id: amy.id, name: 'Amy Ambassador' }, openTasks: 0 });
  const roleId = made.body.id as string;
  const template = await req('POST', '/v1/communities/guild/task-templates', {
    token: org,
    body: { title: 'Post in #general', category: 'promotion', owner: 'organizer', offsetDays: -3, roleId },
  });
  t.equal(template.body.roleId, roleId);

  const accept = async (title: string) => {
    const id = await submitted(ctx, c, title);
    await req('POST', `/v1/proposals/${id}/transitions`, { token: org, body: { to: 'accepted' } });
    return id;
  };
  const taskOf = async (proposalId: string) =>
    (await req('GET', `/v1/proposals/${proposalId}/tasks`, { token: org })).body.items.find(
      (x: { title: string }) => x.title === 'Post in #general',
    );

  const t1 = await accept('Talk one');
  const t2 = await accept('Talk two');
  const t3 = await accept('Talk three');
  t.equal(
    (await taskOf(t1)).assignee?.id ?? (await taskOf(t1)).assigneeId,
    amy.id,
    "the checklist gives it to the role's holder",
  );
  const board = await req('GET', '/v1/communities/guild/tasks?role=ambassador', { token: org });
  t.equal(board.body.items.length, 3, 'the board filtered by role');
  t.ok(board.body.items.every((x: { title: string }) => x.title === 'Post in #general'));
  t.equal((await req('GET', '/v1/communities/guild/tasks?role=nobody', { token: org })).body.items.length, 0);

  // One is done (stays Amy's), one was given to the speaker's organizer Olga by hand (stays hers).
  const done = await taskOf(t2);
  await req('PATCH', `/v1/tasks/${done.id}`, { token: org, body: { status: 'done' } });
  const byHand = await taskOf(t3);
  await req('PATCH', `/v1/tasks/${byHand.id}`, { token: org, body: { assigneeId: c.organizer.id } });

  const handed = await req('PUT', `/v1/team-roles/${roleId}/holder`, { token: org, body: { personId: ben.id } });
  t.equal(handed.status, 200);
  t.equal(handed.body.movedTasks, 1, 'only the open task Amy had moves');
  t.match(handed.body.role, { holder: { id: ben.id } });
  const assignee = async (id: string) => {
    const x = await taskOf(id);
    return x.assignee?.id ?? x.assigneeId;
  };
  t.same([await assignee(t1), await assignee(t2), await assignee(t3)], [ben.id, amy.id, c.organizer.id]);
  t.equal(await assignee(await accept('Talk four')), ben.id, 'new checklists go to the new holder');
  const list = await req('GET', '/v1/communities/guild/team-roles', { token: c.member.token });
  t.match(list.body.items, [{ key: 'ambassador', openTasks: 3 }], 'members see the team');

  t.test('bad input and strangers', async (t) => {
    const outsider = await ctx.person('out@else.example');
    const cases: [string, string, unknown, number, string | undefined][] = [
      ['POST', '/v1/communities/guild/team-roles', { key: 'ambassador', name: 'Again' }, 409, org],
      ['POST', '/v1/communities/guild/team-roles', { key: 'Bad Key', name: 'x' }, 400, org],
      ['POST', '/v1/communities/guild/team-roles', { key: 'empath', name: 'Empath', holderId: c.member.id }, 422, org],
      ['POST', '/v1/communities/guild/team-roles', { key: 'empath', name: 'Empath' }, 403, c.member.token],
      ['GET', '/v1/communities/guild/team-roles', undefined, 403, outsider.token],
      ['PUT', `/v1/team-roles/${roleId}/holder`, { personId: c.member.id }, 422, org],
      ['PUT', `/v1/team-roles/${roleId}/holder`, { personId: ben.id }, 403, c.member.token],
      ['PUT', `/v1/team-roles/${roleId}/holder`, { personId: ben.id }, 404, outsider.token],
      ['PUT', `/v1/team-roles/${roleId}/holder`, {}, 400, org],
      [
        'POST',
        '/v1/communities/guild/task-templates',
        {
          title: 'x',
          category: 'promotion',
          owner: 'organizer',
          offsetDays: 1,
          roleId: '00000000-0000-4000-8000-000000000000',
        },
        422,
        org,
      ],
    ];
    for (const [method, url, body, status, token] of cases) {
      const r = await req(method, url, { token, body });
      t.equal(r.status, status, `${method} ${url} ${JSON.stringify(body ?? '')}`);
      t.match(r.headers['content-type'], /application\/problem\+json/);
    }
    t.equal((await req('GET', '/v1/communities/guild/team-roles', { token: org })).body.items.length, 1);
  });
});
