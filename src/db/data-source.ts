import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import path from 'node:path';
import type { PlanCacheMode } from '../config';

/**
 * Every entity is a `*.entity.ts` file under src/ (found by name, so db/ names no module; the
 * migration check compares exactly these). The same pattern serves the compiled build (.js).
 */
export const entityFiles = path.join(__dirname, '..', '**', '*.entity.{js,ts}');

/**
 * How PostgreSQL plans the app's prepared statements (`plan_cache_mode`). The default plans each named
 * statement once per connection: left to itself (`auto`), PostgreSQL re-planned on every call the
 * statements whose parameters are arrays, limits or ranges (the batched community read that every
 * request makes, the board's page, the kept metrics read), because a plan for unknown values costs
 * more on paper than one for the values at hand; planning then cost more than running them.
 * Measured in issue #30: on a miss, PostgreSQL's CPU per request fell by 30–45 %. A generic plan
 * cannot bound an index by an optional value, so keyset pages write their cursor condition only
 * when there is a cursor.
 *
 * The URL with `-c plan_cache_mode=…` added to its own startup `options` (node-postgres takes the URL's
 * options over any given beside it). `auto` sends nothing, so a role's or database's own setting holds,
 * and a pooler that refuses startup options (PgBouncer) can be used.
 */
function withPlanCacheMode(url: string, mode: PlanCacheMode): string {
  if (mode === 'auto') return url;
  const u = new URL(url);
  const own = u.searchParams.get('options');
  u.searchParams.set('options', `${own ? `${own} ` : ''}-c plan_cache_mode=${mode}`);
  return u.toString();
}

export function createDataSource(
  url: string,
  poolSize = 10,
  planCacheMode: PlanCacheMode = 'force_generic_plan',
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: withPlanCacheMode(url, planCacheMode),
    entities: [entityFiles],
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false, // gen_random_uuid() is built into PostgreSQL 13+
    logging: false,
    // A database that does not answer (a host gone, packets dropped) fails a request in 5 s
    // (503, see db/outage.ts) instead of holding it until TCP gives up minutes later.
    extra: {
      max: poolSize,
      application_name: 'brownbag',
      connectionTimeoutMillis: 5000,
    },
  });
}
