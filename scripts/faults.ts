/**
 * `npm run faults [-- --outage 30] [--smoke] [--server path/to/server.js]`: what clients see when
 * things break, measured on real processes against a real PostgreSQL and printed as figures:
 *
 * 1. the database goes away for `--outage` seconds under load (a TCP proxy in front of it is cut):
 *    the answers meanwhile, the slowest one, the log lines, and how long until it serves again;
 * 2. a token is revoked while two instances serve it: how long each still accepts it;
 * 3. SIGTERM under load (20 keep-alive clients): failed requests and the time to exit.
 *
 * `--server` measures another build (e.g. an older commit's dist/src/server.js) the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveLoad } from './lib/http-load';
import { PgProxy } from './lib/pg-proxy';
import { acquirePgServer, dropDatabase, recreateDatabase } from './lib/pg-server';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const SMOKE = args.includes('--smoke');
const OUTAGE_S = Number(opt('--outage', SMOKE ? '3' : '30'));
const SERVER = path.resolve(opt('--server', path.join(__dirname, '..', 'src', 'server.js')));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Instance {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', WORKER: 'off', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = Date.now() + 60000;
  while (!out.includes('Brownbag is listening')) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`no start:\n${out}`);
    await sleep(50);
  }
  return { child, port, output: () => out, exited };
}

const api = async (port: number, method: string, url: string, token: string, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};

const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

async function main() {
  const pg = await acquirePgServer();
  const name = `brownbag_faults_${process.pid}`;
  await recreateDatabase(pg, name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brownbag-faults-'));
  fs.chmodSync(dir, 0o755);
  const proxy = await PgProxy.start(pg.url(name));
  const env = { DATABASE_URL: proxy.url, BROWNBAG_DATA_DIR: dir };
  const instances: Instance[] = [];
  try {
    const a = await start(env);
    instances.push(a);
    const admin = fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim();
    const b = await start(env);
    instances.push(b);
    console.log(`# fault checks: ${path.relative(process.cwd(), SERVER)}, PostgreSQL ${pg.kind}\n`);

    // 1. The database goes away under load.
    const load = keepAliveLoad(a.port, '/v1/communities', { authorization: `Bearer ${admin}` }, 20, {
      stopOnRefusal: false,
      record: true,
    });
    await sleep(1500);
    const logBefore = a.output().length;
    const cutAt = Date.now();
    await proxy.cut();
    await sleep(OUTAGE_S * 1000);
    await proxy.restore();
    const backAt = Date.now();
    let firstOk = 0;
    while (!firstOk && Date.now() - backAt < 60000) {
      await sleep(50);
      firstOk = load.tally.log.find((l) => l.at >= backAt && l.status === 200)?.at ?? 0;
    }
    await sleep(1000);
    await load.stop();
    const during = load.tally.log.filter((l) => l.at >= cutAt && l.at < backAt);
    const byStatus: Record<number, number> = {};
    for (const l of during) byStatus[l.status] = (byStatus[l.status] ?? 0) + 1;
    const log = a.output().slice(logBefore);
    console.log(`## database away for ${OUTAGE_S} s under load (20 clients)`);
    console.log(`| answers while away | slowest | failed requests | log lines | with a stack | back after restore |`);
    console.log(`|---|---|---|---|---|---|`);
    console.log(
      `| ${Object.entries(byStatus)
        .map(([s, n]) => `${n} × ${s}`)
        .join(
          ', ',
        )} | ${load.tally.slowestMs} ms | ${load.tally.failed} | ${count(log, /\S/)} | ${count(log, /^\s+at /)} | ${
        firstOk ? `${firstOk - backAt} ms` : 'not within 60 s'
      } |\n`,
    );

    // 2. A token revoked while two instances serve it.
    const me = await api(a.port, 'GET', '/v1/me', admin);
    const made = await api(a.port, 'POST', `/v1/people/${me.body.id}/tokens`, admin, { name: 'to revoke' });
    const token = made.body.token as string;
    const watch = [a, b].map((i) =>
      keepAliveLoad(i.port, '/v1/me', { authorization: `Bearer ${token}` }, 4, { record: true }),
    );
    await sleep(1500);
    const revoked = await api(a.port, 'DELETE', `/v1/me/tokens/${made.body.id}`, admin);
    const revokedAt = Date.now();
    await sleep(2500);
    await Promise.all(watch.map((w) => w.stop()));
    const lived = watch.map((w) => {
      const last = w.tally.log.filter((l) => l.status === 200).at(-1)?.at ?? 0;
      return last > revokedAt ? `${last - revokedAt} ms` : 'refused at once';
    });
    console.log(`## a revoked token (DELETE answered ${revoked.status} by instance A)`);
    console.log(`| instance | still accepted after the revocation answered |`);
    console.log(`|---|---|`);
    console.log(`| A (revoked it) | ${lived[0]} |\n| B | ${lived[1]} |\n`);

    // 3. SIGTERM under load.
    const term = keepAliveLoad(b.port, '/v1/communities', { authorization: `Bearer ${admin}` }, 20);
    await sleep(1500);
    const sent = Date.now();
    b.child.kill('SIGTERM');
    const code = await Promise.race([b.exited, sleep(90000, 'still running after 90 s')]);
    const took = Date.now() - sent;
    await Promise.race([term.finished, sleep(3000)]);
    await term.stop();
    console.log('## SIGTERM under load (20 keep-alive clients)');
    console.log(
      '| answered | failed requests | refused connections (after the listener closed) | exit code | exit after |',
    );
    console.log('|---|---|---|---|---|');
    console.log(
      `| ${Object.entries(term.tally.statuses)
        .map(([s, n]) => `${n} × ${s}`)
        .join(', ')} | ${term.tally.failed} | ${term.tally.refused} | ${code} | ${took} ms |`,
    );
    if (term.tally.errors.length) console.log(`\nfailures: ${[...new Set(term.tally.errors)].slice(0, 3).join('; ')}`);
  } finally {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
    await proxy.cut();
    await dropDatabase(pg, name).catch(() => undefined);
    await pg.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
