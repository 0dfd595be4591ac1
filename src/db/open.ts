/**
 * The service's database: DATABASE_URL when set (never an embedded server then), else the
 * embedded PostgreSQL under the data dir, with a `brownbag` database in it. Migrations are applied
 * (under an advisory lock) before anything uses it.
 */
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbedded } from './embedded';
import { migrate, pendingMigrations } from './migrate';

/** A slow step of opening the database, as `npm start` reports it. */
export type OpenStep = { kind: 'initialise'; dir: string } | { kind: 'start' } | { kind: 'migrate'; pending: number };

export interface OpenDatabase {
  ds: DataSource;
  /** Connection string of the database (the job worker opens its own pool on it). */
  url: string;
  applied: string[];
  embedded: boolean;
  /** The embedded PostgreSQL only: start it again when its process is gone. */
  restart?: () => Promise<boolean>;
  close(): Promise<void>;
}

async function ensureDatabase(adminUrl: string, name: string) {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // Another start may create it at the same moment: 42P04 (exists) or 23505 (lost the race on the catalogue).
    if (!rowCount)
      await c.query(`CREATE DATABASE ${name}`).catch((e: { code?: string }) => {
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
  } finally {
    await c.end();
  }
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'> & Partial<Pick<Config, 'dbPlanCacheMode'>>,
  opts: {
    attach?: boolean;
    log?: (m: string) => void;
    /** Told before each step that may take a while: the embedded server's first initialisation, its start, migrations. */
    step?: (what: OpenStep) => void;
  } = {},
): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopEmbedded = async () => undefined as void;
  let restart: OpenDatabase['restart'];
  if (!url) {
    const server = await startEmbedded(path.resolve(config.dataDir), opts.log, opts.attach, [], (what) =>
      opts.step?.(
        what === 'initialise' ? { kind: 'initialise', dir: path.resolve(config.dataDir, 'pg') } : { kind: 'start' },
      ),
    );
    stopEmbedded = server.stop;
    restart = server.restartIfGone;
    try {
      await ensureDatabase(server.url('postgres'), 'brownbag');
    } catch (e) {
      await stopEmbedded();
      throw e;
    }
    url = server.url('brownbag');
  }
  const ds = createDataSource(url, config.dbPoolSize, config.dbPlanCacheMode);
  try {
    await ds.initialize();
    // Ours and the job queue's, under one lock (instances may be starting beside this one).
    if (opts.step) opts.step({ kind: 'migrate', pending: (await pendingMigrations(ds)).length });
    const applied = await migrate(ds);
    return {
      ds,
      url,
      applied,
      embedded: !config.databaseUrl,
      restart,
      async close() {
        await ds.destroy().catch(() => undefined);
        await stopEmbedded();
      },
    };
  } catch (e) {
    if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    await stopEmbedded();
    throw e;
  }
}
