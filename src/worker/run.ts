/**
 * The job worker (graphile-worker): runs in the server process by default, or alone with
 * `npm run worker`, as many copies as you like. Jobs retry with exponential back-off; one that
 * keeps failing stays in the queue for admins (GET /v1/admin/jobs?state=failed) to retry.
 */
import { run, type Runner, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { MessageBuilder } from './messages';
import type { MailJob, MailSettings } from '../mail/jobs';
import type { Mailer } from '../mail/transport';
import { enqueueReminders } from '../modules/events/events.queries';
import { enqueueLessonPrompts } from '../modules/lessons/lessons.queries';
import { enqueueDigests } from '../modules/tasks/tasks.queries';
import { sweep } from '../modules/auth/auth.queries';
import { fillAllSeries } from '../modules/series/series.fill';
import { readReplies, rsvpAnswerer } from '../modules/events/itip-replies';
import { buildServices, type Services } from '../services';
import { deliver } from '../modules/announcements/deliver';
import { announceDue } from '../modules/announcements/due';
import { checkAll } from '../modules/vitality/vitality.check';
import { inviteQuiet } from '../modules/vitality/vitality.queries';
import { crontab, drainOutbox, quietLogger, TASKS } from '../queue/queue';
import type { Metrics } from '../metrics';

/**
 * What each job does. The services come from the composition root (src/services.ts): the same graph
 * the web server builds, made here when the caller hands none.
 */
export function taskList(
  ds: DataSource,
  mailer: Mailer,
  settings: MailSettings,
  metrics?: Metrics,
  services: Pick<Services, 'people' | 'rsvps'> = buildServices(ds, settings.publicUrl, settings.auth),
): TaskList {
  const builder = new MessageBuilder(ds, settings);
  const answer = rsvpAnswerer(services);
  return {
    [TASKS.mail]: async (payload, helpers) => {
      const job = payload as MailJob;
      const message = await builder.build(job, String(helpers.job.id));
      if (!message) return void metrics?.mails.inc({ kind: job.kind, outcome: 'dropped' });
      try {
        await mailer.send(message);
      } catch (e) {
        metrics?.mails.inc({ kind: job.kind, outcome: 'failed' });
        throw e;
      }
      metrics?.mails.inc({ kind: job.kind, outcome: 'sent' });
    },
    [TASKS.reminders]: async () => {
      await enqueueReminders(ds.manager);
    },
    [TASKS.digests]: async () => {
      // Community health first: indicators that fell into act are claimed for today's digests.
      await checkAll(ds);
      await enqueueDigests(ds.manager);
    },
    [TASKS.speakUp]: async () => {
      await inviteQuiet(ds.manager);
    },
    [TASKS.lessonPrompts]: async () => {
      await enqueueLessonPrompts(ds.manager);
    },
    [TASKS.signInSweep]: async () => {
      await sweep(ds.manager);
    },
    [TASKS.seriesFill]: async () => {
      await fillAllSeries(ds);
    },
    [TASKS.announce]: async (payload, helpers) => {
      const { deliveryId } = payload as { deliveryId: string };
      await deliver(ds, settings.publicUrl, deliveryId, helpers.job.attempts, helpers.job.max_attempts, {
        allow: settings.destinationsAllow ?? [],
        ownPorts: settings.ownPorts ?? [],
      });
    },
    [TASKS.announcementsDue]: async () => {
      await announceDue(ds);
    },
    [TASKS.replies]: async () => {
      if (settings.imapUrl)
        await readReplies({
          ds,
          imapUrl: settings.imapUrl,
          publicUrl: settings.publicUrl,
          maxBytes: settings.replyMaxBytes,
          answer,
          trust: {
            organizerEmail: settings.organizerEmail,
            replyAddresses: settings.replyAddresses !== false,
            authservId: settings.replyAuthservId ?? null,
          },
        });
    },
  };
}

export interface WorkerOptions {
  connectionString: string;
  ds: DataSource;
  mailer: Mailer;
  settings: MailSettings;
  concurrency: number;
  pollInterval?: number;
  /** How often job_outbox is moved into the queue (ms). */
  outboxInterval?: number;
  /** Where mail outcomes are counted (the server's /metrics, or the worker's METRICS_PORT). */
  metrics?: Metrics;
  /** The service graph (src/services.ts); built from ds and settings when left out. */
  services?: Services;
}

export async function startWorker(o: WorkerOptions): Promise<Runner> {
  // Our own pool, so that its error listener outlives the runner: graphile-worker removes its own
  // when it stops, and a connection PostgreSQL ends after that (a restart, a dropped database)
  // would otherwise be an unhandled 'error' event that takes the whole process down.
  const announcing = o.settings.announceConcurrency ?? 2;
  const pool = new Pool({ connectionString: o.connectionString, max: o.concurrency + announcing + 3 });
  pool.on('error', () => undefined);
  const { [TASKS.announce]: announceTask, ...tasks } = taskList(o.ds, o.mailer, o.settings, o.metrics, o.services);
  // Announcements run in a runner of their own with its own slots: a chat server that hangs for its
  // full timeout holds only those, and mail, reminders and the rest never wait behind it.
  const announcer = await run({
    pgPool: pool,
    concurrency: announcing,
    pollInterval: o.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList: { [TASKS.announce]: announceTask },
    logger: quietLogger(),
  }).catch(async (e) => {
    await pool.end().catch(() => undefined);
    throw e;
  });
  const runner = await run({
    pgPool: pool,
    concurrency: o.concurrency,
    pollInterval: o.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList: tasks,
    crontab: crontab({ imap: Boolean(o.settings.imapUrl) }),
    logger: quietLogger(),
  }).catch(async (e) => {
    await announcer.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw e;
  });
  // Jobs written to job_outbox enter the queue within about a second (see job-outbox.entity.ts).
  let draining: Promise<unknown> | null = null;
  const drain = async () => {
    while ((await drainOutbox(o.ds.manager)) === 1000);
  };
  const outbox = setInterval(() => {
    draining ??= drain()
      .catch(() => undefined) // the database is away: the next tick tries again
      .finally(() => (draining = null));
  }, o.outboxInterval ?? 1000);
  const stop = runner.stop.bind(runner);
  return Object.assign(runner, {
    stop: async () => {
      clearInterval(outbox);
      await draining;
      await Promise.all([stop(), announcer.stop()]);
      await pool.end().catch(() => undefined);
    },
  });
}
