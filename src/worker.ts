/**
 * `npm run worker`: the job worker alone (mail, invitations, reminders), for installs that run it
 * apart from the API (WORKER=off on the servers). Run as many as you like: jobs are taken with
 * row locks, cron items fire once, reminders are logged once per person per event.
 */
import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/open';
import { startWorker } from './worker/run';
import { createMailer } from './mail/transport';
import { bearerOf, sameToken } from './http/auth';
import { Metrics } from './metrics';
import { queueFigures } from './modules/admin/jobs.queries';

/** The worker's metrics on a port of their own (METRICS_PORT), behind METRICS_TOKEN when set. */
async function serveMetrics(metrics: Metrics, host: string, port: number, token: string | null): Promise<string> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') res.writeHead(404).end();
    else if (token && !sameToken(bearerOf(req.headers.authorization), token)) res.writeHead(401).end();
    else
      void metrics.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  server.unref();
  return `; metrics: http://${host}:${port}/metrics`;
}

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
  const metrics = new Metrics({ defaults: true });
  metrics.watchQueue(() => queueFigures(db.ds.manager));
  const worker = await startWorker({
    connectionString: db.url,
    ds: db.ds,
    mailer,
    settings: config,
    concurrency: config.workerConcurrency,
    metrics,
  });
  const served = config.metricsPort
    ? await serveMetrics(metrics, config.host, config.metricsPort, config.metricsToken)
    : '';
  console.log(
    `Brownbag worker running (${config.workerConcurrency} jobs at a time; mail: ${mailer.describe}${served})`,
  );
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
