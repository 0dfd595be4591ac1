import t from 'tap';
import { ENQUEUE_DIGESTS } from '../src/modules/tasks/tasks.queries';
import { community, setup, submitted, type Community, type Ctx } from './helper';
import { smtpSink, worker } from './mail-helper';

async function acceptedTalk(ctx: Ctx, c: Community, title: string) {
  const id = await submitted(ctx, c, title);
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  return id;
}

async function publishedEvent(ctx: Ctx, c: Community, timeZone: string, startsAt: string, endsAt: string) {
  const e = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
    token: c.organizer.token,
    body: { title: `Event in ${timeZone}`, startsAt, endsAt, timeZone },
  });
  await ctx.req('PATCH', `/v1/events/${e.body.id}`, { token: c.organizer.token, body: { status: 'published' } });
  return e.body.id as string;
}

const byTitle = (items: { title: string }[], title: string) =>
  items.find((x) => x.title === title) as Record<string, any>;

t.test('speaker-support checklists', async (t) => {
  const ctx = await setup(t, { poolSize: 15 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const other = await community(ctx, 'other');
  const org = c.organizer.token;

  t.test('templates: a sensible default set, organizers change it', async (t) => {
    const list = await req('GET', '/v1/communities/guild/task-templates', { token: c.member.token });
    t.equal(list.body.items.length, 8);
    t.same(
      list.body.items.map((x: { title: string }) => x.title),
      [
        'Book the room and check AV',
        'Recording consent',
        'Outline review',
        'Slide-design pass',
        'Dry run',
        'Announcement post',
        'Day-before reminder post',
        'Share slides and recording',
      ],
    );
    t.match(byTitle(list.body.items, 'Dry run'), { category: 'slides', owner: 'speaker', offsetDays: -3 });
    const body = { title: 'Order pizza', category: 'logistics', owner: 'organizer', offsetDays: -1 };
    t.equal((await req('POST', '/v1/communities/guild/task-templates', { token: c.member.token, body })).status, 403);
    t.equal(
      (await req('POST', '/v1/communities/guild/task-templates', { token: other.organizer.token, body })).status,
      403,
    );
    t.equal(
      (await req('POST', '/v1/communities/guild/task-templates', { token: org, body: { ...body, offsetDays: 400 } }))
        .status,
      400,
    );
    t.equal(
      (
        await req('POST', '/v1/communities/guild/task-templates', {
          token: org,
          body: { ...body, category: 'catering' },
        })
      ).status,
      400,
    );
    t.equal(
      (
        await req('POST', '/v1/communities/guild/task-templates', {
          token: org,
          body: { ...body, defaultAssigneeId: c.member.id },
        })
      ).body.code,
      'invalid-assignee',
    );
    const made = await req('POST', '/v1/communities/guild/task-templates', {
      token: org,
      body: { ...body, defaultAssigneeId: c.organizer.id },
    });
    t.equal(made.status, 201);
    t.equal(
      (await req('PATCH', `/v1/task-templates/${made.body.id}`, { token: org, body: { offsetDays: -2 } })).body
        .offsetDays,
      -2,
    );
    const gone = byTitle(list.body.items, 'Recording consent');
    t.equal((await req('DELETE', `/v1/task-templates/${gone.id}`, { token: c.member.token })).status, 403);
    t.equal((await req('DELETE', `/v1/task-templates/${gone.id}`, { token: org })).status, 204);
    t.equal(
      (await req('GET', '/v1/communities/guild/task-templates', { token: org })).body.items.length,
      8,
      '8 − 1 + 1',
    );
  });

  t.test('accepting creates the checklist; a slot gives due dates in the event time zone, across DST', async (t) => {
    const talk = await acceptedTalk(ctx, c, 'Checklist talk');
    const list = await req('GET', `/v1/proposals/${talk}/tasks`, { token: c.speaker.token });
    t.equal(list.status, 200);
    t.equal(list.body.items.length, 8);
    t.ok(
      list.body.items.every((x: { dueAt: string | null }) => x.dueAt === null),
      'due dates pending before a slot',
    );
    t.equal(byTitle(list.body.items, 'Dry run').assignee.id, c.speaker.id, 'speaker tasks go to the speaker');
    t.equal(byTitle(list.body.items, 'Order pizza').assignee.id, c.organizer.id, 'a template may name an assignee');
    // Europe/Berlin switches to summer time on 2027-03-28: 10:00 local is 09:00Z before, 08:00Z after.
    const ev = await publishedEvent(ctx, c, 'Europe/Berlin', '2027-03-29T08:00:00Z', '2027-03-29T10:00:00Z');
    const placed = await req('POST', `/v1/events/${ev}/slots`, {
      token: org,
      body: { proposalId: talk, startsAt: '2027-03-29T08:00:00Z' },
    });
    const dated = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    t.equal(byTitle(dated, 'Dry run').dueAt, '2027-03-26T09:00:00.000Z', '−3 days: 10:00 in winter time');
    t.equal(byTitle(dated, 'Outline review').dueAt, '2027-03-15T09:00:00.000Z', '−14 days');
    t.equal(
      byTitle(dated, 'Share slides and recording').dueAt,
      '2027-03-31T08:00:00.000Z',
      '+2 days: 10:00 in summer time',
    );
    // hand override, done task, then the slot moves by a day
    const outline = byTitle(dated, 'Outline review');
    await req('PATCH', `/v1/tasks/${outline.id}`, { token: org, body: { dueAt: '2027-03-10T12:00:00Z' } });
    const dry = byTitle(dated, 'Dry run');
    await req('PATCH', `/v1/tasks/${dry.id}`, { token: c.speaker.token, body: { status: 'done' } });
    await req('PATCH', `/v1/events/${ev}`, {
      token: org,
      body: { startsAt: '2027-03-30T08:00:00Z', endsAt: '2027-03-30T10:00:00Z' },
    });
    const moved = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    t.equal(
      byTitle(moved, 'Share slides and recording').dueAt,
      '2027-04-01T08:00:00.000Z',
      'open tasks move with the talk',
    );
    t.equal(byTitle(moved, 'Outline review').dueAt, '2027-03-10T12:00:00.000Z', 'a hand-set date stays');
    t.ok(byTitle(moved, 'Outline review').dueSetByHand);
    t.equal(byTitle(moved, 'Dry run').dueAt, '2027-03-26T09:00:00.000Z', 'done tasks stay');
    const back = await req('PATCH', `/v1/tasks/${outline.id}`, { token: org, body: { dueAt: null } });
    t.equal(back.body.dueAt, '2027-03-16T09:00:00.000Z', 'null: follows the talk again');
    // America/New_York switched on 2027-03-14
    const ny = await publishedEvent(ctx, c, 'America/New_York', '2027-03-15T14:00:00Z', '2027-03-15T16:00:00Z');
    await req('PATCH', `/v1/slots/${placed.body.agenda[0].id}`, {
      token: org,
      body: { eventId: ny, startsAt: '2027-03-15T14:00:00Z' },
    });
    const nyTasks = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    t.equal(byTitle(nyTasks, 'Share slides and recording').dueAt, '2027-03-17T14:00:00.000Z', '+2 days, 10:00 EDT');
    t.equal(byTitle(nyTasks, 'Announcement post').dueAt, '2027-03-05T15:00:00.000Z', '−10 days, 10:00 EST');
    const prop = await req('GET', `/v1/proposals/${talk}`, { token: c.speaker.token });
    t.match(prop.body.checklist, { done: 1, total: 8 }, 'proposals carry checklist progress');
    await req('DELETE', `/v1/slots/${placed.body.agenda[0].id}`, { token: org });
    const pending = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    t.equal(byTitle(pending, 'Share slides and recording').dueAt, null, 'off the agenda: pending again');
    await req('POST', `/v1/proposals/${talk}/transitions`, { token: c.speaker.token, body: { to: 'withdrawn' } });
    const skipped = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    t.match(byTitle(skipped, 'Announcement post'), {
      status: 'skipped',
      statusReason: 'talk withdrawn',
      statusBy: c.speaker.id,
    });
    t.equal(byTitle(skipped, 'Dry run').status, 'done', 'done stays done');
  });

  t.test('who may do what', async (t) => {
    const talk = await acceptedTalk(ctx, c, 'Permissions talk');
    const tasks = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: org })).body.items;
    const speakerTask = byTitle(tasks, 'Dry run');
    const orgTask = byTitle(tasks, 'Slide-design pass');
    t.equal((await req('GET', `/v1/proposals/${talk}/tasks`, { token: c.reviewer.token })).status, 403, 'reviewers');
    t.equal((await req('GET', `/v1/proposals/${talk}/tasks`, { token: c.member.token })).status, 404, 'members');
    t.equal(
      (await req('GET', `/v1/proposals/${talk}/tasks`, { token: other.organizer.token })).status,
      404,
      "another community's organizer",
    );
    t.equal((await req('GET', `/v1/proposals/${talk}/tasks`)).status, 401);
    t.equal((await req('GET', `/v1/proposals/${talk}/tasks`, { token: ctx.admin.token })).status, 200, 'admins');
    t.equal(
      (await req('PATCH', `/v1/tasks/${orgTask.id}`, { token: c.speaker.token, body: { status: 'done' } })).status,
      403,
      "not the organizers' tasks",
    );
    t.equal(
      (
        await req('PATCH', `/v1/tasks/${speakerTask.id}`, {
          token: c.speaker.token,
          body: { assigneeId: c.organizer.id },
        })
      ).status,
      403,
      'speakers do not reassign',
    );
    const done = await req('PATCH', `/v1/tasks/${speakerTask.id}`, {
      token: c.speaker.token,
      body: { status: 'done', notes: 'Ran it with the team' },
    });
    t.match(done.body, { status: 'done', statusBy: c.speaker.id, notes: 'Ran it with the team' });
    t.ok(done.body.statusAt);
    t.equal(
      (await req('PATCH', `/v1/tasks/${orgTask.id}`, { token: org, body: { status: 'skipped' } })).body.code,
      'reason-required',
    );
    t.equal(
      (await req('PATCH', `/v1/tasks/${orgTask.id}`, { token: org, body: { assigneeId: c.member.id } })).body.code,
      'invalid-assignee',
    );
    t.equal(
      (await req('PATCH', `/v1/tasks/${orgTask.id}`, { token: org, body: { assigneeId: c.speaker.id } })).body.assignee
        .id,
      c.speaker.id,
      'a speaker of the talk may be assigned',
    );
    const stale = await req('PATCH', `/v1/tasks/${orgTask.id}`, {
      token: org,
      headers: { 'if-match': `"v${orgTask.version}"` },
      body: { notes: 'x' },
    });
    t.equal(stale.status, 412);
    t.equal((await req('PATCH', `/v1/tasks/${orgTask.id}`, { token: org, body: { status: 'later' } })).status, 400);
    const oneOff = await req('POST', `/v1/proposals/${talk}/tasks`, {
      token: org,
      body: { title: 'Print stickers', category: 'promotion', owner: 'organizer', dueAt: '2027-01-01T10:00:00Z' },
    });
    t.match(oneOff.body, { title: 'Print stickers', dueSetByHand: true, dueAt: '2027-01-01T10:00:00.000Z' });
    t.equal(
      (
        await req('POST', `/v1/proposals/${talk}/tasks`, {
          token: c.speaker.token,
          body: { title: 'x', category: 'promotion', owner: 'speaker' },
        })
      ).status,
      403,
    );
    t.equal((await req('GET', `/v1/tasks/${oneOff.body.id}`, { token: c.member.token })).status, 404);
  });

  t.test('the board: filters, counts, pagination', async (t) => {
    const b = await community(ctx, 'board');
    const t1 = await acceptedTalk(ctx, b, 'Board talk one');
    const t2 = await acceptedTalk(ctx, b, 'Board talk two');
    const ev = await publishedEvent(ctx, b, 'Europe/Berlin', '2027-06-10T10:00:00Z', '2027-06-10T12:00:00Z');
    await req('POST', `/v1/events/${ev}/slots`, {
      token: b.organizer.token,
      body: { proposalId: t1, startsAt: '2027-06-10T10:00:00Z' },
    });
    const tasks1 = (await req('GET', `/v1/proposals/${t1}/tasks`, { token: b.organizer.token })).body.items;
    await req('PATCH', `/v1/tasks/${byTitle(tasks1, 'Announcement post').id}`, {
      token: b.organizer.token,
      body: { dueAt: '2020-01-01T00:00:00Z' },
    });
    await req('PATCH', `/v1/tasks/${byTitle(tasks1, 'Dry run').id}`, {
      token: b.organizer.token,
      body: { status: 'done' },
    });
    const board = (q: string, token = b.organizer.token) => req('GET', `/v1/communities/board/tasks?${q}`, { token });
    t.equal((await board('', b.speaker.token)).status, 403);
    const all = await board('limit=200');
    t.equal(all.body.items.length, 16);
    t.same(all.body.counts.byStatus, { open: 15, done: 1 });
    t.same(all.body.counts.byCategory, { logistics: 4, slides: 6, promotion: 4, 'follow-up': 2 });
    const dues = all.body.items.map((x: { dueAt: string | null }) => x.dueAt);
    t.same(dues.filter(Boolean), [...dues.filter(Boolean)].sort(), 'soonest first');
    t.ok(
      dues.slice(dues.indexOf(null)).every((d: string | null) => d === null),
      'undated last',
    );
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = await board(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((x: { id: string }) => x.id));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    t.same(
      seen,
      all.body.items.map((x: { id: string }) => x.id),
      'pages walk the same order, through the undated',
    );
    const overdue = await board('overdue=true');
    t.same(
      overdue.body.items.map((x: { title: string }) => x.title),
      ['Announcement post'],
    );
    t.equal(overdue.body.counts.byStatus.open, 1);
    t.equal((await board('status=done')).body.items.length, 1);
    t.equal((await board('category=slides&category=logistics')).body.items.length, 10);
    t.equal((await board(`proposalId=${t2}`)).body.items.length, 8);
    t.equal((await board(`eventId=${ev}`)).body.items.length, 8);
    t.equal(
      (await board('dueBefore=2027-06-01T00:00:00Z')).body.items.length,
      4,
      'AV, consent, outline (May) and the overdue announcement',
    );
    t.equal((await board(`assignee=${b.speaker.id}`)).body.items.length, 6, 'speaker-owned tasks of both talks');
    t.equal((await board('assignee=me')).body.items.length, 0);
    t.equal((await board('assignee=nobody')).status, 400);
    t.equal((await board('overdue=maybe')).status, 400);
  });

  t.test('the daily digest groups overdue and due-soon tasks, once a day', async (t) => {
    const sink = await smtpSink(t);
    await worker(t, ctx, sink.url);
    const d = await community(ctx, 'digest');
    const talk = await acceptedTalk(ctx, d, 'Digest talk');
    const tasks = (await req('GET', `/v1/proposals/${talk}/tasks`, { token: d.organizer.token })).body.items;
    await req('PATCH', `/v1/tasks/${byTitle(tasks, 'Dry run').id}`, {
      token: d.organizer.token,
      body: { dueAt: new Date(Date.now() - 86400_000).toISOString() },
    });
    await req('PATCH', `/v1/tasks/${byTitle(tasks, 'Outline review').id}`, {
      token: d.organizer.token,
      body: { dueAt: new Date(Date.now() + 86400_000).toISOString() },
    });
    await req('PATCH', `/v1/tasks/${byTitle(tasks, 'Share slides and recording').id}`, {
      token: d.organizer.token,
      body: { dueAt: new Date(Date.now() + 10 * 86400_000).toISOString() },
    });
    const [first] = await ctx.ds.query(ENQUEUE_DIGESTS);
    t.ok(first.n >= 1);
    const [mail] = await sink.waitFor(
      (r) => r.to.includes(d.speaker.email) && /^Speaker support/.test(r.mail.subject ?? ''),
    );
    t.equal(mail.mail.subject, 'Speaker support: 1 overdue, 1 due within 3 days');
    t.match(mail.mail.text, /Overdue:\n• Dry run — Digest talk/);
    t.match(mail.mail.text, /Due within 3 days:\n• Outline review — Digest talk/);
    t.notMatch(mail.mail.text, /Share slides/, 'not yet due');
    const [again] = await ctx.ds.query(ENQUEUE_DIGESTS);
    t.equal(again.n, 0, 'once a day');
    t.notOk(
      sink.received.some((r) => r.to.includes(d.member.email)),
      'nothing for people with nothing due',
    );
  });

  t.test("the personal feed shows one's tasks as all-day entries", async (t) => {
    const f = await community(ctx, 'feedtasks');
    const talk = await acceptedTalk(ctx, f, 'Feed talk');
    const ev = await publishedEvent(ctx, f, 'Europe/Berlin', '2027-06-10T10:00:00Z', '2027-06-10T12:00:00Z');
    await req('POST', `/v1/events/${ev}/slots`, {
      token: f.organizer.token,
      body: { proposalId: talk, startsAt: '2027-06-10T10:00:00Z' },
    });
    const made = await req('POST', '/v1/me/feed-tokens', { token: f.speaker.token, body: { name: 'cal' } });
    const feed = await ctx.app.inject({ method: 'GET', url: `/v1/feeds/${made.body.token}/calendar.ics` });
    t.match(feed.body, /SUMMARY:Dry run — Feed talk/);
    t.match(feed.body, /DTSTART;VALUE=DATE:20270607/, 'all day, on the due date');
    const dry = byTitle(
      (await req('GET', `/v1/proposals/${talk}/tasks`, { token: f.organizer.token })).body.items,
      'Dry run',
    );
    await req('PATCH', `/v1/tasks/${dry.id}`, { token: f.speaker.token, body: { status: 'done' } });
    const after = await ctx.app.inject({
      method: 'GET',
      url: `/v1/feeds/${made.body.token}/calendar.ics`,
      headers: { 'if-none-match': feed.headers.etag as string },
    });
    t.equal(after.statusCode, 200, 'a task change changes the feed');
    t.match(after.body, /SUMMARY:✓ Dry run — Feed talk/);
  });
});
