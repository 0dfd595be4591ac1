/**
 * A PostgreSQL server for tools (tests, schema check, benchmarks), never for the service itself:
 * TEST_DATABASE_URL or DATABASE_URL when set, else the server on 127.0.0.1:5432 when one answers,
 * else an embedded server under .brownbag/tools (so a bare machine works too).
 */
import path from 'node:path';
import { Client } from 'pg';
import { startEmbedded } from '../../src/db/embedded';

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

async function answers(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function acquirePgServer(): Promise<PgServer> {
  // BROWNBAG_TEST_PG_URL: the server `npm test` acquired for its test files (they must never start their own).
  let base = process.env.TEST_DATABASE_URL || process.env.BROWNBAG_TEST_PG_URL || process.env.DATABASE_URL || '';
  let kind = 'configured';
  let stop = async () => undefined as void;
  if (!base) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (process.env.BROWNBAG_TOOLS_EMBEDDED !== '1' && (await answers(local))) {
      base = local;
      kind = 'local 127.0.0.1:5432';
    } else {
      const dir = path.resolve(process.env.BROWNBAG_TOOLS_DIR || path.join('.brownbag', 'tools'));
      const emb = await startEmbedded(dir);
      base = emb.url('postgres');
      kind = `embedded (${dir})`;
      stop = emb.stop;
    }
  }
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
