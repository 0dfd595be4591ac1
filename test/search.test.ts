import t from 'tap';
import { community, setup, submitted, type Community, type Ctx } from './helper';

async function talk(ctx: Ctx, c: Community, title: string, abstract: string, start?: string) {
  const org = c.organizer.token;
  const res = await ctx.req('POST', `/v1/communities/${c.slug}/proposals`, {
    token: c.speaker.token,
    body: { callId: c.callId, title, abstract, format: 'talk', track: 'backend', submit: true },
  });
  await ctx.req('POST', `/v1/proposals/${res.body.id}/transitions`, { token: org, body: { to: 'accepted' } });
  if (start) {
    const end = new Date(new Date(start).getTime() + 3600_000).toISOString();
    const e = await ctx.req('POST', `/v1/communities/${c.slug}/events`, {
      token: org,
      body: { title: `Event ${title}`, startsAt: start, endsAt: end },
    });
    await ctx.req('PATCH', `/v1/events/${e.body.id}`, { token: org, body: { status: 'published' } });
    await ctx.req('POST', `/v1/events/${e.body.id}/slots`, {
      token: org,
      body: { proposalId: res.body.id, startsAt: start },
    });
  }
  return res.body.id as string;
}

t.test('knowledge base search', async (t) => {
  const ctx = await setup(t);
  const { req } = ctx;
  const c = await community(ctx, 'guild');
  const d = await community(ctx, 'data');
  const search = async (qs: string, token = c.member.token) => req('GET', `/v1/search?${qs}`, { token });
  const ids = (r: { body: { items: { proposalId: string }[] } }) => r.body.items.map((i) => i.proposalId);

  const exact = await talk(
    ctx,
    c,
    'Kafka',
    'Streams, partitions and consumer groups explained.',
    '2026-02-10T10:00:00Z',
  );
  const mentions = await talk(
    ctx,
    c,
    'Event-driven systems with Kafka and Kafka Streams',
    'Kafka, Kafka, Kafka: topics, Kafka connectors and Kafka everywhere.',
    '2026-04-10T10:00:00Z',
  );
  const lessonOnly = await talk(ctx, d, 'Data pipelines at scale', 'Batch and streaming ETL.', '2026-03-10T10:00:00Z');
  const hostileText = await talk(
    ctx,
    c,
    'Escaping <script>alert(1)</script> in templates',
    'We render <b>user</b> input & survive: "quotes" \'too\'.',
  );
  const unrelated = await talk(ctx, c, 'Gardening for engineers', 'Tomatoes.');
  const notATalk = await submitted(ctx, c, 'Kafka draft idea');

  await req('PUT', `/v1/proposals/${lessonOnly}/lesson`, {
    token: d.speaker.token,
    body: {
      takeaways: ['Backpressure matters with kafka consumers'],
      wentWell: 'Demo of a zookeeper-free cluster',
      status: 'published',
    },
  });

  t.test('ranked: an exact title match first, then by relevance; lessons are searched too', async (t) => {
    const r = await search('q=kafka');
    t.equal(r.status, 200, r.text);
    t.equal(r.body.items[0].proposalId, exact, 'the talk titled exactly "Kafka" ranks first');
    t.equal(r.body.items[0].exactTitleMatch, true);
    t.same(
      new Set(ids(r)),
      new Set([exact, mentions, lessonOnly]),
      'submitted proposals are not talks; the lesson matched',
    );
    t.notOk(ids(r).includes(notATalk));
    const hit = r.body.items.find((i: { proposalId: string }) => i.proposalId === lessonOnly);
    t.match(hit.snippet, /<mark>kafka<\/mark>/i, 'the lesson text is highlighted');
    t.equal(hit.hasLesson, true);
    t.same(hit.speakers, ['Sam Speaker']);
    t.equal(hit.community.slug, 'data');
    const ranks = r.body.items.slice(1).map((i: { rank: number }) => i.rank);
    t.same(
      ranks,
      [...ranks].sort((a, b) => b - a),
      'descending rank after the exact match',
    );
    t.equal(ids(await search('q=Sam%20Speaker%20kafka')).length, 3, 'speakers are searchable');
  });

  t.test('draft lessons stay out; edits show at once', async (t) => {
    await req('PUT', `/v1/proposals/${unrelated}/lesson`, {
      token: c.speaker.token,
      body: { takeaways: ['photosynthesis'], status: 'draft' },
    }).catch(() => undefined);
    t.same(ids(await search('q=photosynthesis')), [], 'a draft (even if allowed) is not in the knowledge base');
    await ctx.ds.query(`UPDATE proposal SET abstract = 'Tomatoes and photosynthesis.' WHERE id = $1`, [unrelated]);
    t.same(ids(await search('q=photosynthesis')), [unrelated], 'the document follows the abstract');
    await req('PATCH', '/v1/me', { token: c.speaker.token, body: { name: 'Samantha Zyx' } });
    t.ok(ids(await search('q=zyx')).length >= 4, 'and the speaker name');
    await req('POST', `/v1/proposals/${unrelated}/transitions`, { token: c.speaker.token, body: { to: 'withdrawn' } });
    t.same(ids(await search('q=photosynthesis')), [], 'a withdrawn talk leaves the knowledge base');
  });

  t.test('filters and pagination', async (t) => {
    t.same(ids(await search('q=kafka&community=data')), [lessonOnly]);
    t.same(new Set(ids(await search('q=kafka&community=guild&track=backend'))), new Set([exact, mentions]));
    t.same(ids(await search('q=kafka&track=frontend')), []);
    t.same(ids(await search('q=kafka&from=2026-04-01&to=2026-05-01')), [mentions]);
    t.same(new Set(ids(await search('q=kafka&from=2026-02-01'))), new Set([exact, mentions, lessonOnly]));
    const p1 = await search('q=kafka&limit=2');
    t.equal(p1.body.items.length, 2);
    t.ok(p1.body.nextCursor);
    const p2 = await search(`q=kafka&limit=2&cursor=${p1.body.nextCursor}`);
    t.equal(p2.body.items.length, 1);
    t.equal(p2.body.nextCursor, null);
    t.same(new Set([...ids(p1), ...ids(p2)]), new Set(ids(await search('q=kafka'))), 'pages cover all hits once');
    t.equal((await search('q=kafka&cursor=garbage')).status, 400);
    t.equal((await search('q=kafka&from=2026-05-01&to=2026-04-01')).status, 422);
    t.equal((await search('q=kafka&from=yesterday')).status, 400);
  });

  t.test("a talk's language is in its document: each hit says it, and it filters", async (t) => {
    t.same(new Set((await search('q=kafka')).body.items.map((i: { language: string }) => i.language)), new Set(['en']));
    // The trigger keeps the copy in step when the language changes.
    await ctx.ds.query(`UPDATE proposal SET language = 'he' WHERE id = $1`, [mentions]);
    t.same(ids(await search('q=kafka&language=he')), [mentions]);
    t.same(new Set(ids(await search('q=kafka&language=en'))), new Set([exact, lessonOnly]));
    t.equal((await search('q=kafka&language=xx')).status, 400, 'only a language Brownbag ships');
    await ctx.ds.query(`UPDATE proposal SET language = 'en' WHERE id = $1`, [mentions]);
  });

  t.test('each talk is searched in its own language: another form of a word finds it', async (t) => {
    const inLanguage = async (language: string, title: string, abstract: string) => {
      const id = await talk(ctx, c, title, abstract);
      // As the existing language test does: the trigger re-indexes the document when the language changes.
      await ctx.ds.query(`UPDATE proposal SET language = $2 WHERE id = $1`, [id, language]);
      return id;
    };
    const ru = await inLanguage('ru', 'Базы данных без боли', 'Индексы, планы запросов и кэширование.');
    const fi = await inLanguage('fi', 'Tietokannat tuotannossa', 'Indeksit ja kyselysuunnitelmat.');
    const pl = await inLanguage('pl', 'Źródła danych w praktyce', 'Jak czytać logi.');
    const he = await inLanguage('he', 'מסדי נתונים בענן', 'אינדקסים ותוכניות שאילתה.');
    t.same(ids(await search(`q=${encodeURIComponent('база')}`)), [ru], 'Russian: "база" finds "Базы" (the stemmer)');
    t.same(ids(await search(`q=${encodeURIComponent('кэширования')}`)), [ru], 'and another case of an abstract word');
    t.same(
      ids(await search(`q=${encodeURIComponent('tietokanta')}`)),
      [fi],
      'Finnish: "tietokanta" finds "Tietokannat"',
    );
    t.same(ids(await search(`q=${encodeURIComponent('zrodla')}`)), [pl], 'Polish: no stemmer, but accents fold');
    t.same(ids(await search(`q=${encodeURIComponent('Źródła')}`)), [pl], 'and the word as written');
    t.same(ids(await search(`q=${encodeURIComponent('נתונים')}`)), [he], 'Hebrew: the word as written');
    t.same(ids(await search(`q=${encodeURIComponent('база')}&language=fi`)), [], 'the language filter still holds');
    const r = await search(`q=${encodeURIComponent('кэширования')}`);
    t.match(r.body.items[0].snippet, /<mark>/, "the snippet is highlighted in the talk's language");
  });

  t.test('hostile search strings are answered safely', async (t) => {
    const hostile = [
      "'",
      '"',
      '""',
      '\\',
      "kafka' OR 1=1 --",
      'kafka & | ! ( ) : * <->',
      '!!!',
      'a:*',
      '-',
      'or',
      'the',
      '(((',
      '"unterminated phrase',
      '%',
      '_',
      '${jndi:ldap://x}',
      '<script>alert(1)</script>',
      'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
      '🐘 postgres',
      'x'.repeat(300),
      "kafka'; DROP TABLE proposal; --",
    ];
    for (const q of hostile) {
      const r = await search(`q=${encodeURIComponent(q)}`);
      t.equal(r.status, 200, `q=${q.slice(0, 40)}: ${r.status}`);
      t.ok(Array.isArray(r.body.items));
    }
    for (const q of ['', ' ', 'x'.repeat(301), 'a\u0000b', 'line\nbreak']) {
      t.equal((await search(`q=${encodeURIComponent(q)}`)).status, 400, `refused: ${JSON.stringify(q.slice(0, 10))}`);
    }
    t.equal((await search('q=kafka&evil=1')).status, 400);
    t.equal((await req('GET', '/v1/search?q=kafka')).status, 401);
    const r = await search('q=render%20escaping');
    const hit = r.body.items.find((i: { proposalId: string }) => i.proposalId === hostileText);
    t.ok(hit);
    t.notMatch(hit.snippet, /<script>|<b>/, 'text is escaped in the snippet');
    t.match(
      hit.snippet,
      /<mark>render<\/mark>.*&amp; survive: &quot;quotes&quot;/,
      'escaped text, real marks (PostgreSQL drops markup-like tags from snippets)',
    );
    t.equal(
      (await ctx.ds.query('SELECT count(*)::int AS n FROM proposal'))[0].n,
      10,
      'nothing was dropped (6 talks + the four languages)',
    );
  });
});

t.test('a search within one community stays cached while another community changes', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'kept');
  const d = await community(ctx, 'busy');
  await talk(ctx, c, 'Tracing in production', 'Spans and traces.');
  const cache = ctx.app.services.renderCaches.cache('search');
  const get = () => ctx.req('GET', `/v1/search?q=tracing&community=${c.slug}`, { token: c.member.token });
  t.equal((await get()).body.items.length, 1);
  const misses = cache.misses;
  await submitted(ctx, d, 'Another community writes');
  t.equal((await get()).body.items.length, 1);
  t.equal(cache.misses, misses, 'answered from the cache: a write elsewhere cannot change it');
  await talk(ctx, c, 'Tracing at the edge', 'More spans.');
  t.equal((await get()).body.items.length, 2, 'a change in the community itself is seen at once');
});
