/** The migrated template database that every test file clones (CREATE DATABASE … TEMPLATE). */
import { createDataSource } from '../../src/db/data-source';
import { migrate } from '../../src/db/migrate';
import { recreateDatabase, type PgServer } from './pg-server';

export const TEMPLATE = 'brownbag_test_template';

export async function prepareTemplate(server: PgServer, name = TEMPLATE): Promise<void> {
  await recreateDatabase(server, name);
  const ds = createDataSource(server.url(name), 2);
  await ds.initialize();
  try {
    await migrate(ds);
  } finally {
    await ds.destroy();
  }
}
