import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import path from 'node:path';

/**
 * Every entity is a `*.entity.ts` file under src/ (found by name, so db/ names no module; the
 * migration check compares exactly these). The same pattern serves the compiled build (.js).
 */
export const entityFiles = path.join(__dirname, '..', '**', '*.entity.{js,ts}');

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
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
    extra: { max: poolSize, application_name: 'brownbag', connectionTimeoutMillis: 5000 },
  });
}
