/**
 * `engines` tells the truth: every Node version CI runs (the machine's for the whole suite, and each
 * `node@N` of .ci/run) is allowed, no older major than CI tests is claimed, and no locked dependency
 * wants a newer Node than the oldest allowed (npm would warn EBADENGINE on install). No network: it
 * reads package.json, package-lock.json and .ci/run.
 */
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { REPO } from '../repo';

type V = [number, number, number];
const parse = (s: string): V => {
  const [a = 0, b = 0, c = 0] = s.replace(/^v/, '').split('.').map(Number);
  return [a, b, c];
};
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether version `v` satisfies a node-semver range of the forms engines fields use (>=, <, ^, x, bare). */
export function satisfies(v: string, range: string): boolean {
  const ver = parse(v);
  return range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((c) => {
        const m = /^(>=|<=|>|<|\^|~|=)?v?([\d.x*]+)$/.exec(c);
        if (!m) throw new Error(`unknown range part ${c} in ${range}`);
        const parts = m[2].split('.').filter((p) => p !== 'x' && p !== '*');
        if (!parts.length) return true; // * or x: any version
        const base = parse(parts.join('.'));
        const next: V =
          parts.length === 1 || m[1] === '^'
            ? [base[0] + 1, 0, 0]
            : parts.length === 2 || m[1] === '~'
              ? [base[0], base[1] + 1, 0]
              : [base[0], base[1], base[2] + 1];
        switch (m[1]) {
          case '>=':
            return cmp(ver, base) >= 0;
          case '>':
            return cmp(ver, base) > 0;
          case '<=':
            return cmp(ver, base) <= 0;
          case '<':
            return cmp(ver, base) < 0;
          default: // ^, ~, = or bare: from base up to (not including) the next major/minor/patch
            return cmp(ver, base) >= 0 && cmp(ver, next) < 0;
        }
      }),
  );
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'));
const ci = fs.readFileSync(path.join(REPO, '.ci', 'run'), 'utf8');
const engines: string = pkg.engines.node;

t.test('the range reader', async (t) => {
  t.ok(satisfies('20.19.0', '>=20.19'));
  t.notOk(satisfies('20.18.9', '>=20.19'));
  t.ok(satisfies('24.1.0', '^20.19.0 || ^22.12.0 || >=24'));
  t.notOk(satisfies('21.0.0', '^20.19.0 || ^22.12.0 || >=24'));
  t.ok(satisfies('14.18.0', '>=16 || 14 >=14.17'));
  t.notOk(satisfies('20.19.0', '>=22'));
  t.ok(satisfies('20.19.0', '*'));
});

t.test('engines agree with the Node versions CI runs', async (t) => {
  // npx -p node@N takes the newest N.x; the machine's Node runs the whole suite.
  const extra = [...ci.matchAll(/node@(\d+)/g)].map((m) => `${m[1]}.99.0`);
  t.ok(extra.length > 0, '.ci/run names a second Node version');
  const versions = [process.versions.node, ...extra];
  for (const v of versions) t.ok(satisfies(v, engines), `Node ${v} (CI) is allowed by engines ${engines}`);
  const lowest = Math.min(...versions.map((v) => parse(v)[0]));
  t.notOk(satisfies(`${lowest - 1}.99.99`, engines), `no Node older than ${lowest} (untested) is allowed`);
  const floor = /^>=\s*([\d.]+)/.exec(engines)?.[1];
  t.ok(floor, 'engines names its oldest version');
  const wanting = Object.entries(lock.packages as Record<string, { engines?: { node?: string } | string[] }>)
    .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .filter(([, p]) => !satisfies(floor!, (p.engines as { node: string }).node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')} wants node ${(p.engines as { node: string }).node}`);
  t.same(wanting, [], `every locked dependency runs on Node ${floor} (no EBADENGINE warning on install)`);
});
