/* global process, console */
/**
 * Removes from dist/ what no source compiles to any more (a file moved or deleted): TypeScript never
 * deletes outputs, and the data source finds entities by file name, so a stale
 * `dist/src/jobs/job-outbox.entity.js` would load a second copy of an entity. Runs before every build.
 * Plain JavaScript: it runs before anything is compiled.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const SOURCES = ['.ts', '.tsx', '.mts', '.js', '.mjs'];
let removed = 0;

function walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      walk(p);
      continue;
    }
    const m = /^(.*)\.(js|d\.ts|js\.map|d\.ts\.map)$/.exec(e.name);
    if (!m) continue;
    const source = path.join(root, path.relative(dist, dir), m[1]);
    if (!SOURCES.some((x) => fs.existsSync(source + x))) {
      fs.rmSync(p);
      removed++;
    }
  }
}
for (const top of ['src', 'migrations', 'scripts', 'test']) walk(path.join(dist, top));
if (removed && !process.argv.includes('--quiet')) console.log(`dist: removed ${removed} outputs of deleted sources`);
