import { DataSource, type EntityManager } from 'typeorm';
import { sql } from './sql';

/** Arbitrary but fixed: every Brownbag instance takes this advisory lock around migrations. */
const MIGRATION_LOCK = 7_245_019_331;

/**
 * Applies pending migrations while holding a session advisory lock, so instances that start at
 * the same time apply them exactly once: the others wait, then find nothing left to do.
 */
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
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
