/**
 * The process itself: configuration errors, the zero-setup start on an embedded PostgreSQL (first
 * start prints an admin token, SIGTERM leaves no postgres behind, a second start reuses the data),
 * and migrations applied exactly once when several instances start together.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { migrate, pendingMigrations } from '../src/db/migrate';
import { acquirePgServer, dropDatabase, recreateDatabase } from '../scripts/lib/pg-server';
import { keepAliveLoad } from '../scripts/lib/http-load';
import { REPO } from './repo';
import { until } from './wait';

const SERVER = path.join(REPO, 'dist', 'src', 'server.js');

t.test('configuration is validated with one clear line', async (t) => {
  t.match(loadConfig({}), { host: '127.0.0.1', port: 3000, databaseUrl: null, logLevel: 'warn' });
  t.equal(loadConfig({ DATABASE_URL: 'postgres://db/x' }).logLevel, 'info', 'a deployment logs every request');
  t.equal(loadConfig({ LOG_LEVEL: 'info' }).logLevel, 'info', 'locally, request lines when asked');
  t.equal(loadConfig({}).dbPlanCacheMode, 'force_generic_plan', 'statements are planned once per connection');
  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT="eighty" is invalid: expected a whole number from 0 to 65535$/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL is invalid: expected a URL starting with postgres: or postgresql:$/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" is invalid: expected one of fatal, error/],
    [{ BODY_LIMIT: '12' }, /BODY_LIMIT/],
    [{ DB_POOL_SIZE: '1' }, /DB_POOL_SIZE/],
    [
      { DB_PLAN_CACHE_MODE: 'sometimes' },
      /^DB_PLAN_CACHE_MODE="sometimes" is invalid: expected one of force_generic_plan, auto/,
    ],
    [{ PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL/],
    [{ ADMIN_EMAIL: 'nobody' }, /ADMIN_EMAIL/],
  ];
  for (const [env, message] of bad)
    t.throws(() => loadConfig(env), { constructor: ConfigError, message }, JSON.stringify(env));
  const out = spawnSync(SERVER, { PORT: 'abc' });
  t.equal(out.code, 2, 'the process exits 2');
  t.match(out.stderr, /^brownbag: PORT="abc" is invalid/m);
});

function spawnSync(file: string, env: Record<string, string>) {
  try {
    execFileSync(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'pipe',
      timeout: 20000,
    });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    return { code: err.status, stderr: String(err.stderr) };
  }
}

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60000);
    child.stdout.on('data', () => out.includes('Brownbag is listening') && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`exited ${code}:\n${out}`))));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, listening, exited, output: () => out };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const postgresFor = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `postgres.*${dir}`])
      .toString()
      .trim();
  } catch {
    return '';
  }
};

t.test('zero-setup start on the embedded PostgreSQL', { timeout: 170000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-zero-'));
  fs.chmodSync(dir, 0o755); // as root, the embedded postgres runs as the postgres user and must enter it
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { BROWNBAG_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1' };
  const first = startServer(env);
  await first.listening;
  t.match(first.output(), /First start: created admin admin@brownbag\.local/);
  t.match(
    first.output(),
    /First start: initialising the embedded PostgreSQL database in \S+\/pg .*\n[^]*Migrating the database: \d+ migrations to apply/,
    'the first start says what it waits for',
  );
  const token = fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim();
  t.ok(first.output().includes(token), 'the printed token is the saved one');
  t.equal((fs.statSync(path.join(dir, 'admin-token')).mode & 0o777).toString(8), '600');
  t.ok(postgresFor(path.join(dir, 'pg')), 'an embedded postgres runs');
  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0, 'SIGTERM: a clean exit', { output: first.output().slice(-3000) });
  t.equal(postgresFor(path.join(dir, 'pg')), '', 'no orphan postgres');

  const port = String(await freePort());
  const second = startServer({ ...env, PORT: port });
  await second.listening;
  t.notMatch(second.output(), /First start/, 'no second admin, no second initialisation');
  t.match(second.output(), /Starting the embedded PostgreSQL database/);

  // Locally (mail to a folder), the sign-in link a mail carries is printed as well.
  const asked = await fetch(`http://127.0.0.1:${port}/sign-in/email`, {
    method: 'POST',
    headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=admin%40brownbag.local',
    redirect: 'manual',
  });
  t.equal(asked.status, 303);
  const link = await until('the sign-in link on the console', () =>
    new RegExp(
      `Sign-in link for admin@brownbag\\.local: (http://127\\.0\\.0\\.1:${port}/sign-in/link\\?token=\\S+)`,
    ).exec(second.output()),
  );
  t.equal((await fetch(link[1], { redirect: 'manual' })).status, 200, 'the printed link opens the sign-in page');
  const me = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(me.status, 200, 'the data survived the restart');
  t.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200);

  // A second server on the same data directory is refused, and the first keeps working.
  const third = startServer({ ...env, PORT: String(await freePort()) });
  third.listening.catch(() => undefined);
  t.equal(await third.exited, 2, 'refused with exit code 2');
  t.match(third.output(), /another Brownbag server \(pid \d+\) runs on the data directory/);
  t.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200, 'the first one still answers');
  t.equal((fs.statSync(path.join(dir, 'pg-password')).mode & 0o777).toString(8), '600', 'a password of its own');
  t.not(fs.readFileSync(path.join(dir, 'pg-password'), 'utf8').trim(), 'brownbag');

  // PostgreSQL dies under the server: it answers 503 meanwhile and starts it again by itself.
  const postmaster = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGKILL');
  const killedAt = Date.now();
  const seen = new Set<number>();
  let status = 0;
  // Backends outlive their postmaster for a moment: wait for the outage to show, then for its end.
  while ((status !== 200 || !seen.has(503)) && Date.now() - killedAt < 30000) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    status = res.status;
    seen.add(status);
    if (status !== 200) t.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    await new Promise((r) => setTimeout(r, 50));
  }
  t.equal(status, 200, `back by itself after ${Date.now() - killedAt} ms`);
  t.same(
    [...seen].filter((s) => s !== 200 && s !== 503),
    [],
    'nothing but 503 meanwhile',
  );
  t.match(second.output(), /database is back after [\d.]+ s \(\d+ requests answered 503, restarted 1×\)/);
  t.notMatch(second.output(), /"level":50/, 'no error lines');

  second.child.kill('SIGINT');
  t.equal(await second.exited, 0, 'SIGINT: a clean exit', { output: second.output().slice(-3000) });
  t.equal(postgresFor(path.join(dir, 'pg')), '');
});

t.test('concurrent starts apply each migration exactly once', async (t) => {
  const pg = await acquirePgServer();
  const name = `brownbag_mig_${process.pid}`;
  await recreateDatabase(pg, name);
  t.teardown(async () => {
    await dropDatabase(pg, name);
    await pg.release();
  });
  const sources = [0, 1, 2].map(() => createDataSource(pg.url(name), 3));
  await Promise.all(sources.map((d) => d.initialize()));
  const applied = await Promise.all(sources.map((d) => migrate(d)));
  t.same(applied.map((a) => a.length).sort(), [0, 0, sources[0].migrations.length], 'one instance applied them all');
  t.same(await pendingMigrations(sources[0]), []);
  const rows = await sources[0].query('SELECT count(*)::int AS n FROM typeorm_migrations');
  t.equal(rows[0].n, sources[0].migrations.length);
  await Promise.all(sources.map((d) => d.destroy()));
});

t.test('SIGTERM under load: every request answered, exit within the drain time', async (t) => {
  const pg = await acquirePgServer();
  const name = `brownbag_term_${process.pid}`;
  await recreateDatabase(pg, name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-term-'));
  t.teardown(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase(pg, name);
    await pg.release();
  });
  const port = await freePort();
  const server = startServer({
    DATABASE_URL: pg.url(name),
    BROWNBAG_DATA_DIR: dir,
    PORT: String(port),
    WORKER: 'off',
  });
  await server.listening;
  const token = fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim();
  const traffic = keepAliveLoad(port, '/v1/communities', { authorization: `Bearer ${token}` }, 20);
  await until('100 requests answered', () => (traffic.tally.statuses[200] ?? 0) > 100, 60000);
  const before = traffic.tally.statuses[200] ?? 0;
  const sent = Date.now();
  server.child.kill('SIGTERM');
  const code = await server.exited;
  const took = Date.now() - sent;
  await Promise.race([traffic.finished, new Promise((r) => setTimeout(r, 3000))]);
  await traffic.stop();
  t.ok(before > 100, `${before} requests answered before the signal`);
  t.equal(code, 0, 'a clean exit');
  t.ok(took <= 10000, `exited ${took} ms after SIGTERM`);
  t.equal(traffic.tally.failed, 0, 'no request failed', { errors: traffic.tally.errors.slice(0, 5) });
  t.same(Object.keys(traffic.tally.statuses), ['200'], 'every answer was a 200');
  t.comment(
    `SIGTERM under load: ${JSON.stringify(traffic.tally.statuses)}, ${traffic.tally.failed} failed, ${traffic.tally.refused} refused, exit after ${took} ms`,
  );
});
