/**
 * Admin CLI.
 *   npm run admin -- create-admin --email a@example.com [--name "Ada Admin"]
 * Creates (or promotes) the admin and prints a new API token alone on the last line of stdout.
 */
import { parseArgs } from 'node:util';
import { PeopleService } from '../src/modules/people/people.service';
import { cliDatabase } from './lib/cli-db';

const USAGE = 'usage: npm run admin -- create-admin --email <email> [--name <name>]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (positionals[0] !== 'create-admin' || !values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) {
    console.error(USAGE);
    process.exit(2);
  }
  const db = await cliDatabase();
  try {
    const made = await new PeopleService(db.ds).bootstrapAdmin(values.email, values.name);
    console.error(`admin ${values.email.toLowerCase()} is ready; its new API token (shown once) follows:`);
    console.log(made!.secret);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`brownbag admin: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
