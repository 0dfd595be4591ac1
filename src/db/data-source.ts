import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
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
