/**
 * A talk already given: its preparation tasks are "after the talk", not overdue — in the API's task
 * output, the board's filters, the proposal's checklist figures, the daily digest and a person's own
 * open tasks (TasksService.openTasksOf); its follow-ups still count as overdue when late.
 */
import t from 'tap';
import { tasksDueSoon } from '../src/mail/mail.queries';
import { community, setup, submitted } from './helper';

t.test('tasks of a talk already given', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const talk = await submitted(ctx, c, 'Given in January');
  await req('POST', `/v1/proposals/${talk}/transitions`, { token: org, body: { to: 'accepted' } });
  const ev = await req('POST', '/v1/communities/guild/events', {
    token: org,
    body: { title: 'January', startsAt: '2026-01-15T11:00:00Z', endsAt: '2026-01-15T12:00:00Z' },
  });
  await req('POST', `/v1/events/${ev.body.id}/slots`, {
    token: org,
    body: { proposalId: talk, startsAt: '2026-01-15T11:00:00Z' },
  });

  type Task = { id: string; title: string; overdue: boolean; afterTalk: boolean; dueAt: string; status: string };
  const all = (await req('GET', `/v1/communities/guild/tasks?proposalId=${talk}`, { token: org })).body.items as Task[];
  t.equal(all.length, 8);
  const before = all.filter((x) => x.dueAt <= '2026-01-15T11:00:00.000Z');
  const after = all.filter((x) => x.dueAt > '2026-01-15T11:00:00.000Z');
  t.ok(
    before.length === 7 && before.every((x) => x.afterTalk && !x.overdue),
    'preparation: after the talk, not overdue',
  );
  t.match(
    after,
    [{ title: 'Share slides and recording', overdue: true, afterTalk: false }],
    'the follow-up is overdue',
  );

  const overdue = await req('GET', '/v1/communities/guild/tasks?overdue=true', { token: org });
  t.same(
    overdue.body.items.map((x: Task) => x.title),
    ['Share slides and recording'],
    'the overdue filter leaves the talk-over tasks out',
  );
  const onlyAfter = await req('GET', '/v1/communities/guild/tasks?afterTalk=true', { token: org });
  t.equal(onlyAfter.body.items.length, 7);
  const noneAfter = await req('GET', '/v1/communities/guild/tasks?afterTalk=false', { token: org });
  t.equal(noneAfter.body.items.length, 1);
  t.equal((await req('GET', '/v1/communities/guild/tasks?afterTalk=maybe', { token: org })).status, 400);

  const p = await req('GET', `/v1/proposals/${talk}`, { token: org });
  t.equal(p.body.checklist.overdue, 1, "the proposal's checklist counts one overdue");

  // Done is done: a task marked done is neither.
  const one = before[0];
  const task = await req('GET', `/v1/tasks/${one.id}`, { token: org });
  await req('PATCH', `/v1/tasks/${one.id}`, {
    token: org,
    headers: { 'if-match': task.headers.etag as string },
    body: { status: 'done' },
  });
  const done = (await req('GET', `/v1/tasks/${one.id}`, { token: org })).body;
  t.match(done, { status: 'done', overdue: false, afterTalk: false });

  // A person's own open tasks: the speaker's, the follow-up first, the talk-over ones last.
  const mine = await ctx.app.services.tasks.openTasksOf(c.speaker.id);
  t.ok(mine.length > 0 && mine.every((x) => x.assignee_id === c.speaker.id && x.status === 'open'));
  t.match(mine[0], { title: 'Share slides and recording', overdue: true, after_talk: false, slug: 'guild' });
  t.ok(
    mine.slice(1).every((x) => x.after_talk),
    'then the tasks after the talk',
  );
  t.same(await ctx.app.services.tasks.openTasksOf(c.member.id), [], 'nothing for someone with no tasks');

  // The daily digest tells of the follow-up only.
  const digest = await ctx.ds.query(
    `SELECT count(*)::int AS n FROM task t WHERE t.assignee_id = $1 AND t.status = 'open' AND t.due_at < now() + interval '3 days'`,
    [c.speaker.id],
  );
  t.ok(digest[0].n > 1, 'several of the speaker’s tasks are past due by date');
  t.same(
    (await tasksDueSoon(ctx.ds.manager, c.speaker.id)).map((r) => [r.title, r.overdue]),
    [['Share slides and recording', true]],
    'the digest lists the follow-up, not the talk-over preparation',
  );
});
