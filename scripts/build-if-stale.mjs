/* global process, console */
/**
 * `npm start`'s first step: compile only when a source is newer than the last build, so a start on
 * an unchanged checkout takes the server's own time (a full `tsc` takes 15–45 s; loading TypeScript
 * just to learn that nothing changed, 1–5 s). Plain JavaScript: it runs before anything is compiled.
 * A fresh checkout (no dist/) builds here, which keeps `npm install && npm start` true.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// tsconfig.build.json's tsBuildInfoFile: TypeScript writes it at the end of every build.
const stamp = path.join(root, 'dist', '.tsbuildinfo-build');
const inputs = ['src', 'migrations', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let n = st.mtimeMs; // a deleted or renamed file changes its folder's time
  for (const e of fs.readdirSync(p)) n = Math.max(n, newest(path.join(p, e)));
  return n;
}

let built = 0;
try {
  if (fs.existsSync(path.join(root, 'dist', 'src', 'server.js'))) built = fs.statSync(stamp).mtimeMs;
} catch {
  built = 0;
}
const changed = Math.max(...inputs.map((i) => newest(path.join(root, i))));
if (built && changed <= built) process.exit(0);

console.log(built ? 'Sources changed since the last build: compiling…' : 'First start: compiling…');
await import('./prune-dist.mjs'); // outputs of moved or deleted sources go first
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// tsc -b leaves the build info untouched when no output changed (a comment, a touched file): mark it.
const now = new Date();
fs.utimesSync(stamp, now, now);
