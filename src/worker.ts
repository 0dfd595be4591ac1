/**
 * `npm run worker`: the job worker alone (mail, invitations, reminders), for installs that run it
 * apart from the API (WORKER=off on the servers). Run as many as you like: jobs are taken with
 * row locks, cron items fire once, reminders are logged once per person per event.
 */
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/open';
import { startWorker } from './jobs/worker';
import { createMailer } from './mail/transport';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`brownbag: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  const db = await openDatabase({ ...config, dbPoolSize: 4 }, { attach: true });
  const mailer = createMailer(config);
  const worker = await startWorker({
    connectionString: db.url,
    ds: db.ds,
    mailer,
    settings: config,
    concurrency: config.workerConcurrency,
  });
  console.log(`Brownbag worker running (${config.workerConcurrency} jobs at a time; mail: ${mailer.describe})`);
  const stop = async () => {
    await worker.stop();
    mailer.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
