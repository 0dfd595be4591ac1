import { acquirePgServer, dropDatabase, recreateDatabase } from './pg-server';

/** Runs fn against a fresh, empty database, and drops it (and any embedded server) afterwards. */
export async function withScratchDatabase(name: string, fn: (url: string) => Promise<void>): Promise<void> {
  const server = await acquirePgServer();
  try {
    await recreateDatabase(server, name);
    try {
      await fn(server.url(name));
    } finally {
      await dropDatabase(server, name);
    }
  } finally {
    await server.release();
  }
}
