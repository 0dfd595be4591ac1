/**
 * GET /metrics: Prometheus text for METRICS_TOKEN or an admin, nobody else; requests by route
 * pattern and status, the pool, the job queue, and mail outcomes counted by a real worker.
 */
import t from 'tap';
import { enqueueMail } from '../src/queue/queue';
import { startWorker } from '../src/worker/run';
import { createMailer } from '../src/mail/transport';
import { community, setup, submitted } from './helper';
import { MAIL_SETTINGS, smtpSink } from './mail-helper';

const TOKEN = 'prometheus-scrapes-here-0123456789';

t.test('metrics for Prometheus', async (t) => {
  const ctx = await setup(t, { metricsToken: TOKEN });
  const c = await community(ctx, 'watched');
  const scrape = (token: string | null) =>
    ctx.app.inject({ method: 'GET', url: '/metrics', headers: token ? { authorization: `Bearer ${token}` } : {} });

  t.equal((await scrape(null)).statusCode, 401);
  t.match((await scrape(null)).headers['content-type'], /problem\+json/);
  t.equal((await scrape(c.member.token)).statusCode, 403, 'a member may not');
  t.equal((await scrape('not-the-token-at-all-0000')).statusCode, 403);
  t.equal((await scrape(ctx.admin.token)).statusCode, 200, 'an admin may');

  const id = await submitted(ctx, c, 'Watched talk', c.speaker);
  await ctx.req('GET', `/v1/proposals/${id}`, { token: c.organizer.token });
  await ctx.req('GET', '/v1/proposals/00000000-0000-0000-0000-000000000000', { token: c.organizer.token });
  const sink = await smtpSink(t);
  sink.state.refuse = true;
  await ctx.ds.transaction((m) =>
    enqueueMail(m, { kind: 'proposal-received', proposalId: id, personId: c.member.id }, { key: 'watched' }),
  );

  const text = (await scrape(TOKEN)).body;
  t.match(text, /brownbag_render_cache_budget_bytes \d+/, 'the render caches: budget, and figures per cache');
  t.match(text, /brownbag_render_cache_entries\{cache="[a-z-]+"\} \d+/);
  t.match(text, /brownbag_process_memory_bytes\{kind="array_buffers"\} \d+/, 'the process memory');
  t.match(
    text,
    /brownbag_http_request_duration_seconds_count\{method="GET",route="\/v1\/proposals\/:id",status="200"\} 1\b/,
    'requests by route pattern (not by id) and status',
  );
  t.match(text, /route="\/v1\/proposals\/:id",status="404"\} 1\b/);
  t.match(text, /brownbag_db_pool_connections\{state="in-use"\} \d+/);
  t.match(text, /brownbag_db_pool_connections\{state="waiting"\} 0/);
  t.match(text, /brownbag_jobs\{state="waiting"\} [1-9]/, 'the queue has work');
  t.match(text, /brownbag_jobs_oldest_due_seconds [\d.e-]+/);
  t.match(
    text,
    /brownbag_db_batched_items_total\{batch="submission-insert"\} 1\b/,
    'the submission went through the shared insert',
  );
  t.match(text, /brownbag_db_batched_statements_total\{batch="submission-context"\} 1\b/);
  t.match(text, /brownbag_db_batched_retried_alone_total\{batch="submission-insert"\} 0\b/);

  // A worker counts its mail into the same registry: one refused attempt, then sent.
  const mailer = createMailer({ smtpUrl: sink.url, mailDir: '/nonexistent' });
  const runner = await startWorker({
    connectionString: ctx.dbUrl,
    ds: ctx.ds,
    mailer,
    settings: MAIL_SETTINGS,
    concurrency: 2,
    pollInterval: 200,
    metrics: ctx.app.metrics,
  });
  t.teardown(async () => {
    await runner.stop();
    mailer.close();
  });
  const until = Date.now() + 10000;
  while (!/outcome="failed"\} [1-9]/.test((await scrape(TOKEN)).body) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  sink.state.refuse = false;
  await ctx.req('POST', `/v1/proposals/${id}/transitions`, { token: c.organizer.token, body: { to: 'accepted' } });
  await sink.waitFor((r) => r.to.includes(c.speaker.email) && /^Accepted/.test(r.mail.subject ?? ''));
  // The sink has the mail before the worker hears SMTP's answer and counts it: wait for the count.
  let after = (await scrape(TOKEN)).body;
  const counted = Date.now() + 10000;
  while (!/kind="decision",outcome="sent"\} [1-9]/.test(after) && Date.now() < counted) {
    await new Promise((r) => setTimeout(r, 50));
    after = (await scrape(TOKEN)).body;
  }
  t.match(after, /brownbag_mails_total\{kind="proposal-received",outcome="failed"\} [1-9]/, 'a failed attempt');
  t.match(after, /brownbag_mails_total\{kind="decision",outcome="sent"\} 1\b/, 'a sent mail');
});
