/**
 * A PostgreSQL server for tools (tests, schema check, benchmarks, fault and cluster checks), never for
 * the service itself. Only a server named explicitly is used: TEST_DATABASE_URL (tools create and drop
 * databases on it). Otherwise an embedded server under .brownbag/tools (BROWNBAG_TOOLS_DIR moves it),
 * started once per process and shared by every caller in it; a PostgreSQL that happens to run on the
 * machine (127.0.0.1:5432, DATABASE_URL) is never touched unasked.
 */
import path from 'node:path';
import { Client } from 'pg';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded';

export interface PgServer {
  /** URL of the given database on this server. */
  url(database: string): string;
  admin<T>(fn: (c: Client) => Promise<T>): Promise<T>;
  release(): Promise<void>;
  kind: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Throwaway data: no fsync and no full-page writes (a crash only loses what the next run recreates),
 * which makes cloning the template and every commit in the tests cheaper.
 */
const TOOLS_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  // BENCH_STATEMENTS=1: PostgreSQL counts each statement's planning and execution (bench/lib.ts prints them).
  ...(process.env.BENCH_STATEMENTS
    ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on']
    : []),
];

/** The process's embedded server and how many callers hold it (it stops when the last lets go). */
let shared: { server: Promise<EmbeddedServer>; holders: number; dir: string } | null = null;

async function holdEmbedded(): Promise<{ base: string; kind: string; stop: () => Promise<void> }> {
  if (!shared) {
    const dir = path.resolve(process.env.BROWNBAG_TOOLS_DIR || path.join('.brownbag', 'tools'));
    const server = startEmbedded(dir, () => undefined, false, TOOLS_FLAGS);
    shared = { server, holders: 0, dir };
    server.catch(() => (shared = null));
  }
  const mine = shared;
  mine.holders++;
  const emb = await mine.server;
  let released = false;
  return {
    base: emb.url('postgres'),
    kind: `embedded (${mine.dir})`,
    stop: async () => {
      if (released) return;
      released = true;
      if (--mine.holders > 0) return;
      if (shared === mine) shared = null;
      await emb.stop();
    },
  };
}

export async function acquirePgServer(): Promise<PgServer> {
  // BROWNBAG_TEST_PG_URL: the server `npm test` acquired for its test files (they must never start their own).
  let base = process.env.TEST_DATABASE_URL || process.env.BROWNBAG_TEST_PG_URL || '';
  let kind = base ? `given (${new URL(base).host})` : '';
  let stop = async () => undefined as void;
  if (!base) ({ base, kind, stop } = await holdEmbedded());
  const url = (db: string) => withDatabase(base, db);
  return {
    kind,
    url,
    async admin(fn) {
      const c = new Client({ connectionString: url('postgres') });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    },
    release: stop,
  };
}

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function recreateDatabase(server: PgServer, name: string, template?: string): Promise<void> {
  await server.admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
        return;
      } catch (e) {
        // Cloning a template fails while another session is connected to it: wait and retry.
        if (attempt > 50 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
}

export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  await server.admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
