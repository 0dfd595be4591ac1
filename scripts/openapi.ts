/**
 * Writes openapi/openapi.json from the route schemas (`npm run openapi`), or with `--check` fails
 * when the committed copy differs from what the routes say, or when the document is not valid
 * OpenAPI 3.1 (checked with @seriousme/openapi-schema-validator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildApp } from '../src/app';
import { createDataSource } from '../src/db/data-source';

const FILE = path.join(__dirname, '..', '..', 'openapi', 'openapi.json');

export async function generate(): Promise<string> {
  // The document only needs the routes: the data source is never connected.
  const app = await buildApp({
    ds: createDataSource('postgres://unused@127.0.0.1:1/unused'),
    config: { bodyLimitBytes: 262144, publicUrl: 'http://127.0.0.1:3000' },
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function main() {
  const text = await generate();
  const result = await new Validator().validate(JSON.parse(text));
  if (!result.valid) {
    console.error(
      'openapi: the generated document is not valid OpenAPI:',
      JSON.stringify(result.errors, null, 2).slice(0, 4000),
    );
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
    if (committed !== text) {
      console.error(
        'openapi: openapi/openapi.json is out of date with the routes; run `npm run openapi` and commit it.',
      );
      process.exit(1);
    }
    console.log(`openapi: openapi/openapi.json matches the routes and is valid OpenAPI ${JSON.parse(text).openapi}`);
    return;
  }
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, text);
  console.log(
    `openapi: wrote ${path.relative(process.cwd(), FILE)} (${Object.keys(JSON.parse(text).paths).length} paths, valid)`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
