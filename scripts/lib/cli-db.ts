/** The service's own database for a CLI: DATABASE_URL, or the embedded one (attached if running). */
import { ConfigError, loadConfig } from '../../src/config';
import { openDatabase, type OpenDatabase } from '../../src/db/open';

export async function cliDatabase(poolSize = 4): Promise<OpenDatabase> {
  try {
    const config = loadConfig();
    return await openDatabase({ ...config, dbPoolSize: poolSize }, { attach: true });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`brownbag: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}
