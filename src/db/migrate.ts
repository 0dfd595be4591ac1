import { DataSource, type EntityManager } from 'typeorm';
import { migrateQueue } from '../queue/queue';
import { sql } from './sql';

/** Arbitrary but fixed: every Brownbag instance takes this advisory lock around everything it creates on start. */
const MIGRATION_LOCK = 7_245_019_331;

/**
 * Everything a start creates or migrates, under one session advisory lock: our migrations, then the
 * job queue's own schema and our trigger on it. Instances that start at the same time (web, worker,
 * tests) take turns: the first applies, the others wait and find nothing left to do. The lock covers
 * the queue too because PostgreSQL refuses a second concurrent CREATE SCHEMA even with IF NOT EXISTS
 * (graphile-worker's installer does exactly that), which crashed one of three instances started together.
 */
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    await migrateQueue(urlOf(ds));
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** The connection string a data source was made with (createDataSource always gives one). */
function urlOf(ds: DataSource): string {
  const { url } = ds.options as { url?: string };
  if (!url) throw new Error('migrate() needs a data source made from a connection string');
  return url;
}

/** Names of the migrations this build knows and the database has not applied yet. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  const rows: { name: string }[] = await ds
    .query(`SELECT name FROM ${ds.options.migrationsTableName ?? 'migrations'}`)
    .catch(() => []);
  const done = new Set(rows.map((r) => r.name));
  return known.filter((n) => !done.has(n));
}

/** The database answers (health check). */
export const ping = (m: EntityManager) => sql(m, 'SELECT 1');
