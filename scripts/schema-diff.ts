/**
 * Compares the entities with a database migrated from migrations/ and prints the SQL TypeORM would
 * need to make them agree. `--check` fails on any difference (CI); `--write Name` saves it as a
 * new migration (what `typeorm migration:generate` does, without the CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDataSource } from '../src/db/data-source';
import { migrate } from '../src/db/migrate';
import { withScratchDatabase } from './lib/scratch-db';

async function main() {
  const args = process.argv.slice(2);
  const write = args.includes('--write') ? args[args.indexOf('--write') + 1] : null;
  await withScratchDatabase('brownbag_schema_diff', async (url) => {
    const ds = createDataSource(url, 2);
    await ds.initialize();
    try {
      await migrate(ds);
      const sql = await ds.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('schema: entities and migrations agree');
        return;
      }
      if (write) {
        const ts = Date.now();
        const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
        const up = sql.upQueries.map((x) => `    await q.query(\`${q(x.query)}\`);`).join('\n');
        const down = sql.downQueries
          .reverse()
          .map((x) => `    await q.query(\`${q(x.query)}\`);`)
          .join('\n');
        const file = path.join(__dirname, '..', '..', 'migrations', `${ts}-${write}.ts`);
        fs.writeFileSync(
          file,
          `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${write}${ts} implements MigrationInterface {\n  name = '${write}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
        );
        console.log(`wrote ${file}; add it to migrations/index.ts`);
        return;
      }
      console.error('schema: entities and migrations DISAGREE; a migration is missing. TypeORM would run:');
      for (const x of sql.upQueries) console.error(`  ${x.query};`);
      process.exitCode = 1;
    } finally {
      await ds.destroy();
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
