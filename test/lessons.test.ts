import t from 'tap';
import { ENQUEUE_LESSON_PROMPTS } from '../src/modules/lessons/lessons.queries';
import { community, setup, submitted, type Community, type Ctx } from './helper';
import { smtpSink, worker } from './mail-helper';
import { jobsIdle } from './wait';

/** An accepted talk placed in a published event at the given time. */
async function talkAt(ctx: Ctx, c: Community, title: string, start: Date, minutes = 60) {
  const org = c.organizer.token;
  const talk = await submitted(ctx, c, title);
  await ctx.req('POST', `/v1/proposals/${talk}/transitions`, { token: org, body: { to: 'accepted' } });
  const end = new Date(start.getTime() + minutes * 60_000);
  const e = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
    token: org,
    body: { title: `Event: ${title}`, startsAt: start.toISOString(), endsAt: end.toISOString() },
  });
  await ctx.req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
  const slot = await ctx.req('POST', `/v1/events/${e.body.id}/slots`, {
    token: org,
    body: { proposalId: talk, startsAt: start.toISOString() },
  });
  if (slot.status !== 201) throw new Error(`slot: ${slot.text}`);
  return { talk, eventId: e.body.id as string };
}

const LESSON = {
  takeaways: ['Measure before tuning', 'EXPLAIN (ANALYZE, BUFFERS) tells the truth'],
  wentWell: 'The live demo worked.',
  toChange: 'Fewer slides, more questions.',
  resources: [
    { label: 'Slides', url: 'https://slides.example/pg' },
    { label: 'Repo', url: 'https://git.example/pg-demo' },
  ],
  notes: 'People asked a lot about <b>vacuum</b>.',
  status: 'draft',
};

t.test('lessons learned', async (t) => {
  const ctx = await setup(t, { poolSize: 20 });
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const org = c.organizer.token;
  const past = await talkAt(ctx, c, 'Tuning Postgres', new Date('2026-03-12T11:00:00Z'));
  const future = await talkAt(ctx, c, 'Future talk', new Date('2027-09-01T10:00:00Z'));

  t.test('speakers write a draft, then publish; everyone reads the published lesson', async (t) => {
    const draft = await req('PUT', `/v1/proposals/${past.talk}/lesson`, { token: c.speaker.token, body: LESSON });
    t.equal(draft.status, 201, draft.text);
    t.equal(draft.body.summary.status, 'draft');
    t.same(draft.body.summary.takeaways, LESSON.takeaways);
    t.equal(draft.headers.etag, '"v1"');
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: c.member.token })).status,
      404,
      'a draft is not for members',
    );
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: org })).body.summary.status,
      'draft',
      'organizers see drafts',
    );
    const stale = await req('PUT', `/v1/proposals/${past.talk}/lesson`, {
      token: c.speaker.token,
      body: { ...LESSON, status: 'published' },
      headers: { 'if-match': '"v7"' },
    });
    t.equal(stale.status, 412, 'a stale If-Match loses nothing');
    const pub = await req('PUT', `/v1/proposals/${past.talk}/lesson`, {
      token: c.speaker.token,
      body: { ...LESSON, status: 'published' },
      headers: { 'if-match': '"v1"' },
    });
    t.equal(pub.status, 200);
    t.ok(pub.body.summary.publishedAt);
    t.equal(pub.body.summary.writtenBy.name, 'Sam Speaker');
    const read = await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: c.member.token });
    t.equal(read.status, 200);
    t.same(read.body.summary.resources, LESSON.resources);
    t.equal(read.body.retrospective, null);
  });

  t.test('who may write, when, and what', async (t) => {
    const before = (await ctx.ds.query('SELECT version FROM lesson WHERE proposal_id = $1', [past.talk]))[0].version;
    const member = await req('PUT', `/v1/proposals/${past.talk}/lesson`, { token: c.member.token, body: LESSON });
    t.equal(member.status, 403);
    t.equal(member.body.code, 'not-a-speaker');
    t.equal(
      (await req('PUT', `/v1/proposals/${past.talk}/lesson`, { token: org, body: LESSON })).status,
      403,
      'organizers write the retrospective, not the lesson',
    );
    const early = await req('PUT', `/v1/proposals/${future.talk}/lesson`, { token: c.speaker.token, body: LESSON });
    t.equal(early.status, 409);
    t.equal(early.body.code, 'talk-not-over');
    for (const url of ['javascript:alert(1)', 'ftp://x.example/f', 'not a url', 'https://', 'http://exa mple.com']) {
      const bad = await req('PUT', `/v1/proposals/${past.talk}/lesson`, {
        token: c.speaker.token,
        body: { ...LESSON, resources: [{ label: 'x', url }] },
      });
      t.equal(bad.status, 400, `resource URL ${url}`);
    }
    for (const body of [
      { ...LESSON, status: 'final' },
      { ...LESSON, takeaways: [''] },
      { ...LESSON, takeaways: 'one' },
      { ...LESSON, extra: 1 },
      { status: 'draft' },
    ]) {
      t.equal((await req('PUT', `/v1/proposals/${past.talk}/lesson`, { token: c.speaker.token, body })).status, 400);
    }
    t.equal((await req('PUT', `/v1/proposals/${past.talk}/lesson`, { body: LESSON })).status, 401);
    const draft = await req('POST', '/v1/communities/guild/proposals', {
      token: c.speaker.token,
      body: { callId: c.callId, title: 'Draft', format: 'talk' },
    });
    t.equal(
      (await req('PUT', `/v1/proposals/${draft.body.id}/lesson`, { token: c.speaker.token, body: LESSON })).status,
      404,
      'not a talk',
    );
    t.equal(
      (await ctx.ds.query('SELECT version FROM lesson WHERE proposal_id = $1', [past.talk]))[0].version,
      before,
      'nothing changed',
    );
  });

  t.test("the organizers' retrospective follows the community setting", async (t) => {
    const retro = await req('PUT', `/v1/proposals/${past.talk}/lesson/retrospective`, {
      token: org,
      body: { text: 'Room too small; book the Aula next time.' },
    });
    t.equal(retro.status, 200, retro.text);
    t.equal(retro.body.retrospective.by.name, 'Olga Organizer');
    t.equal(
      (
        await req('PUT', `/v1/proposals/${past.talk}/lesson/retrospective`, {
          token: c.speaker.token,
          body: { text: 'mine' },
        })
      ).status,
      403,
    );
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: c.speaker.token })).body.retrospective,
      null,
      'organizers only by default',
    );
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: c.member.token })).body.retrospective,
      null,
    );
    const set = await req('PATCH', '/v1/communities/guild', {
      token: org,
      body: { retrospectiveVisibility: 'everyone' },
    });
    t.equal(set.body.retrospectiveVisibility, 'everyone');
    t.equal(
      (await req('GET', `/v1/proposals/${past.talk}/lesson`, { token: c.member.token })).body.retrospective.text,
      'Room too small; book the Aula next time.',
    );
    t.equal(
      (await req('PATCH', '/v1/communities/guild', { token: org, body: { retrospectiveVisibility: 'nobody' } })).status,
      400,
    );
    await req('PATCH', '/v1/communities/guild', { token: org, body: { retrospectiveVisibility: 'organizers' } });
  });

  t.test('lessons.md exports a period as one Markdown document', async (t) => {
    const other = await talkAt(ctx, c, 'Out of range [talk](x)', new Date('2026-05-02T09:00:00Z'));
    await req('PUT', `/v1/proposals/${other.talk}/lesson`, {
      token: c.speaker.token,
      body: { takeaways: ['# not a heading'], status: 'published' },
    });
    const md = await req('GET', '/v1/communities/guild/lessons.md?from=2026-03-01&to=2026-04-01', {
      token: c.member.token,
    });
    t.equal(md.status, 200);
    t.match(md.headers['content-type'], /^text\/markdown/);
    t.match(md.text, /^# Lessons learned — guild community/);
    t.match(md.text, /## Tuning Postgres/);
    t.match(md.text, /- Measure before tuning/);
    t.match(md.text, /- \[Slides\]\(https:\/\/slides\.example\/pg\)/);
    t.match(md.text, /&lt;b&gt;vacuum&lt;\/b&gt;/, 'no raw HTML');
    t.notMatch(md.text, /Out of range/, 'only the period');
    t.notMatch(md.text, /Room too small/, 'retrospective hidden from members by default');
    const april = await req('GET', '/v1/communities/guild/lessons.md?from=2026-05-01&to=2026-06-01', { token: org });
    t.match(april.text, /## Out of range \\\[talk\\\]\\\(x\\\)/, 'titles cannot make links');
    t.match(april.text, /- \\# not a heading/);
    t.equal(
      (await req('GET', '/v1/communities/guild/lessons.md?from=2026-06-01&to=2026-05-01', { token: org })).status,
      422,
    );
    t.equal((await req('GET', '/v1/communities/guild/lessons.md?from=june&to=2026-05-01', { token: org })).status, 400);
  });

  t.test('browsing the published lessons, the most recent talk first', async (t) => {
    const p1 = await req('GET', '/v1/communities/guild/lessons?limit=1', { token: c.member.token });
    t.equal(p1.status, 200);
    t.same(
      p1.body.items.map((i: { title: string }) => i.title),
      ['Out of range [talk](x)'],
    );
    t.ok(p1.body.nextCursor);
    const p2 = await req('GET', `/v1/communities/guild/lessons?limit=1&cursor=${p1.body.nextCursor}`, {
      token: c.member.token,
    });
    t.match(p2.body.items[0], { title: 'Tuning Postgres', speakers: ['Sam Speaker'], takeaways: LESSON.takeaways });
    t.equal(p2.body.nextCursor, null, 'drafts are not listed');
    t.equal((await req('GET', '/v1/communities/guild/lessons?cursor=bad', { token: c.member.token })).status, 400);
  });

  t.test('the "what did you learn?" prompt: once per talk, one reminder, with two workers', async (t) => {
    const sink = await smtpSink(t);
    await worker(t, ctx, sink.url, 2);
    await worker(t, ctx, sink.url, 2);
    const s = await community(ctx, 'recent');
    const ended = await talkAt(ctx, s, 'Just given', new Date(Date.now() - 3 * 3600_000));
    const done = await talkAt(ctx, s, 'Already written', new Date(Date.now() - 5 * 3600_000));
    await req('PUT', `/v1/proposals/${done.talk}/lesson`, {
      token: s.speaker.token,
      body: { takeaways: ['x'], status: 'published' },
    });
    await talkAt(ctx, s, 'Not yet given', new Date(Date.now() + 5 * 3600_000));
    const runs = await Promise.all([
      ctx.ds.query(ENQUEUE_LESSON_PROMPTS),
      ctx.ds.query(ENQUEUE_LESSON_PROMPTS),
      ctx.ds.query(ENQUEUE_LESSON_PROMPTS),
    ]);
    t.equal(
      runs.reduce((n, r) => n + r[0].n, 0),
      1,
      'one prompt: the talk that ended, not the one with a lesson or the future one',
    );
    const prompt = (await sink.waitFor((r) => /What did you learn\? "Just given"/.test(r.mail.subject ?? '')))[0];
    t.same(prompt.to, [s.speaker.email]);
    t.match(prompt.mail.text, /\/sign-in\/link\?token=/, 'a link that signs the speaker in…');
    const [link] = await ctx.ds.query(
      `SELECT next_path FROM sign_in_link WHERE email = $1 AND next_path LIKE '%/lesson' ORDER BY created_at DESC LIMIT 1`,
      [s.speaker.email],
    );
    t.equal(link?.next_path, `/proposals/${ended.talk}/lesson`, '…on the way to writing the lesson');
    await ctx.ds.query(ENQUEUE_LESSON_PROMPTS);
    t.equal(
      (await ctx.ds.query('SELECT count(*)::int AS n FROM lesson_prompt WHERE proposal_id = $1', [ended.talk]))[0].n,
      1,
    );
    // Three days later, still nothing published: one reminder, whoever runs the job.
    await ctx.ds.query(`UPDATE lesson_prompt SET prompted_at = now() - interval '4 days' WHERE proposal_id = $1`, [
      ended.talk,
    ]);
    const again = await Promise.all([ctx.ds.query(ENQUEUE_LESSON_PROMPTS), ctx.ds.query(ENQUEUE_LESSON_PROMPTS)]);
    t.equal(
      again.reduce((n, r) => n + r[0].n, 0),
      1,
      'one reminder',
    );
    await sink.waitFor((r) => /reminder .*"Just given"/.test(r.mail.subject ?? ''));
    await ctx.ds.query(ENQUEUE_LESSON_PROMPTS);
    await jobsIdle(ctx.ds);
    const asks = sink.received.filter((r) => /What did you learn\?/.test(r.mail.subject ?? ''));
    const about = asks.filter((r) => /"Just given"/.test(r.mail.subject ?? ''));
    t.equal(about.length, 2, 'a prompt and a reminder, nothing more');
    t.equal(asks.length, 2, 'nobody is asked about a talk with a published lesson, or one not yet given');
  });
});
