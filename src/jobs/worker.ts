/**
 * The job worker (graphile-worker): runs in the server process by default, or alone with
 * `npm run worker`, as many copies as you like. Jobs retry with exponential back-off; one that
 * keeps failing stays in the queue for admins (GET /v1/admin/jobs?state=failed) to retry.
 */
import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import { MessageBuilder, type MailJob, type MailSettings } from '../mail/messages';
import type { Mailer } from '../mail/transport';
import { TASKS } from './queue';

/** graphile-worker's own schema, installed and upgraded by graphile-worker itself. */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: silentLogger() });
}

/**
 * Reminders 24 hours ahead, to attendees going and to speakers. The reminder log's primary key
 * makes it once per person per event, however many workers run this at once; the log row and the
 * mail job are written in one statement.
 */
export const ENQUEUE_REMINDERS = `
  WITH due AS (
    SELECT e.id AS event_id, r.person_id FROM event e JOIN rsvp r ON r.event_id = e.id AND r.status = 'going'
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
    UNION
    SELECT e.id, ps.person_id FROM event e JOIN slot s ON s.event_id = e.id JOIN proposal_speaker ps ON ps.proposal_id = s.proposal_id
     WHERE e.status = 'published' AND e.starts_at > now() AND e.starts_at <= now() + interval '24 hours'
  ), fresh AS (
    INSERT INTO reminder_log (event_id, person_id) SELECT event_id, person_id FROM due ON CONFLICT DO NOTHING RETURNING event_id, person_id
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'reminder', 'eventId', event_id, 'personId', person_id),
                                      job_key => 'reminder:' || event_id || ':' || person_id))::int AS n
    FROM fresh`;

/** The daily digest: one per assignee with open tasks overdue or due within 3 days, once a day. */
export const ENQUEUE_DIGESTS = `
  WITH due AS (
    SELECT DISTINCT assignee_id FROM task WHERE status = 'open' AND assignee_id IS NOT NULL AND due_at < now() + interval '3 days'
  ), fresh AS (
    INSERT INTO digest_log (person_id, day) SELECT assignee_id, current_date FROM due ON CONFLICT DO NOTHING RETURNING person_id, day
  )
  SELECT count(graphile_worker.add_job('mail', json_build_object('kind', 'task-digest', 'personId', person_id, 'day', day),
                                      job_key => 'digest:' || person_id || ':' || day))::int AS n
    FROM fresh`;

/**
 * "What did you learn?": once a talk's slot has ended (within the last 14 days, so turning this on
 * does not write to speakers of talks long past), its speakers are asked once — lesson_prompt's
 * primary key says so — and reminded once after 3 days if the lesson is still not published: the
 * UPDATE … WHERE reminded_at IS NULL is re-checked under the row lock, so concurrent runs remind once.
 */
export const ENQUEUE_LESSON_PROMPTS = `
  WITH ended AS (
    SELECT s.proposal_id FROM slot s JOIN event e ON e.id = s.event_id JOIN proposal p ON p.id = s.proposal_id
     WHERE s.ends_at <= now() AND s.ends_at > now() - interval '14 days' AND e.status = 'published' AND p.state IN ('accepted', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = s.proposal_id AND l.status = 'published')
  ), fresh AS (
    INSERT INTO lesson_prompt (proposal_id) SELECT proposal_id FROM ended ON CONFLICT DO NOTHING RETURNING proposal_id
  ), due AS (
    UPDATE lesson_prompt lp SET reminded_at = now()
     WHERE lp.reminded_at IS NULL AND lp.prompted_at <= now() - interval '3 days'
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.proposal_id = lp.proposal_id AND l.status = 'published')
    RETURNING proposal_id
  ), asks AS (
    SELECT proposal_id, false AS reminder FROM fresh UNION ALL SELECT proposal_id, true FROM due
  )
  SELECT count(graphile_worker.add_job('mail',
           json_build_object('kind', 'lesson-prompt', 'proposalId', a.proposal_id, 'personId', ps.person_id, 'reminder', a.reminder),
           job_key => 'lesson-' || CASE WHEN a.reminder THEN 'reminder' ELSE 'prompt' END || ':' || a.proposal_id || ':' || ps.person_id))::int AS n
    FROM asks a JOIN proposal_speaker ps ON ps.proposal_id = a.proposal_id`;

export function taskList(ds: DataSource, mailer: Mailer, settings: MailSettings): TaskList {
  const builder = new MessageBuilder(ds, settings);
  return {
    [TASKS.mail]: async (payload) => {
      const message = await builder.build(payload as MailJob);
      if (message) await mailer.send(message);
    },
    [TASKS.reminders]: async () => {
      await ds.query(ENQUEUE_REMINDERS);
    },
    [TASKS.digests]: async () => {
      await ds.query(ENQUEUE_DIGESTS);
    },
    [TASKS.lessonPrompts]: async () => {
      await ds.query(ENQUEUE_LESSON_PROMPTS);
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
}

export async function startWorker(o: WorkerOptions): Promise<Runner> {
  return run({
    connectionString: o.connectionString,
    concurrency: o.concurrency,
    maxPoolSize: o.concurrency + 2,
    pollInterval: o.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList: taskList(o.ds, o.mailer, o.settings),
    // Every ten minutes; a missed run (all workers down) is caught up once on start.
    crontab: [
      '*/10 * * * * reminders ?fill=1h&max=3',
      '0 7 * * * task-digests ?fill=12h&max=3',
      '5,35 * * * * lesson-prompts ?fill=6h&max=3',
    ].join('\n'),
    logger: silentLogger(),
  });
}

function silentLogger() {
  return new Logger(() => (level: string, message: string) => {
    if (level === 'error') console.error(`worker: ${message}`);
  });
}
