/**
 * The docs cannot rot silently: every file path README.md and docs/*.md name exists (globs match
 * something), every `npm run` script they name is in package.json, every benchmark they name is one
 * `npm run bench` knows, every link between them lands on a file and a heading, every variable of
 * the configuration table is read by src/config.ts, every curl request of the walkthroughs is a
 * route of openapi/openapi.json whose body takes the fields the request sends, and the README
 * stays a front page.
 * No app, no database: it reads files.
 */
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { REPO } from '../repo';

/** The repository root, from test/unit or from its build in dist/test/unit (dist holds a package.json too). */
const ROOT = REPO;
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Prose and code of a Markdown file, with the fenced code blocks told apart. */
function split(md: string): { prose: string; code: string } {
  const prose: string[] = [];
  const code: string[] = [];
  let inCode = false;
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    else (inCode ? code : prose).push(line);
  }
  return { prose: prose.join('\n'), code: code.join('\n') };
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchors = (md: string) =>
  new Set(
    split(md)
      .prose.split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => slug(l.replace(/^#+ /, ''))),
  );

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}
const FILES = ['src', 'test', 'scripts', 'migrations', 'openapi', 'docs'].flatMap((d) => walk(d));
const globRe = (g: string) =>
  new RegExp(
    `^${g
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '(?:.*/)?')
      .replace(/\*/g, '[^/]*')}$`,
  );

t.test('the README is a front page', async (t) => {
  const lines = read('README.md').split('\n').length;
  t.ok(lines <= 300, `README.md has ${lines} lines (at most 300; the rest belongs in docs/)`);
  for (const d of DOCS.filter((d) => d !== 'README.md')) t.match(read('README.md'), `(${d})`, `the README links ${d}`);
});

t.test('every file path the docs name exists', async (t) => {
  const pathRe = /(?<![\w./:@-])((?:src|test|scripts|migrations|openapi|docs|\.ci)\/[\w./*-]*[\w*])/g;
  for (const doc of DOCS) {
    const text = read(doc);
    const named = new Set([...text.matchAll(pathRe)].map((m) => m[1]));
    for (const p of named) {
      if (p.endsWith('/') || /[<{…]/.test(p)) continue;
      const exists = p.includes('*')
        ? FILES.some((f) => globRe(p).test(f))
        : fs.existsSync(path.join(ROOT, p.replace(/[.]+$/, '')));
      t.ok(exists, `${doc}: ${p}`);
    }
    // Bare file names (`proposals.service.ts`, `state-machine.ts`) name a file somewhere in the tree.
    for (const m of text.matchAll(/`([\w-]+(?:\.[\w-]+)*\.(?:ts|tsx))`/g))
      t.ok(
        FILES.some((f) => path.posix.basename(f) === m[1]),
        `${doc}: ${m[1]}`,
      );
    for (const f of ['Dockerfile', 'compose.yaml'])
      if (text.includes(`\`${f}\``)) t.ok(fs.existsSync(path.join(ROOT, f)), `${doc}: ${f}`);
  }
});

t.test('every npm script and benchmark the docs name exists', async (t) => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const bench = read('scripts/bench.ts');
  const scenarios = new Set(
    [
      ...bench
        .slice(bench.indexOf('const SCENARIOS'), bench.indexOf('};', bench.indexOf('const SCENARIOS')))
        .matchAll(/^\s+'?([\w-]+)'?:/gm),
    ].map((m) => m[1]),
  );
  t.ok(scenarios.size >= 5, 'the benchmarks are found');
  for (const doc of DOCS) {
    const text = read(doc);
    for (const m of text.matchAll(/npm run(?: -s)? ([\w:-]+)/g)) t.ok(scripts[m[1]], `${doc}: npm run ${m[1]}`);
    for (const m of text.matchAll(/npm run bench -- ([a-z][\w-]*)/g))
      t.ok(scenarios.has(m[1]), `${doc}: benchmark ${m[1]}`);
    for (const m of text.matchAll(/`npm run bench -- \[([^\]]+)\]/g))
      t.same(m[1].split('\\|').sort(), [...scenarios].sort(), `${doc}: the list of benchmarks is complete`);
  }
});

t.test('every link between the docs lands', async (t) => {
  for (const doc of DOCS) {
    const { prose } = split(read(doc));
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/.test(target)) continue; // http(s), mailto: not ours to check
      const [file, anchor] = target.split('#');
      const rel = file ? path.posix.normalize(path.posix.join(path.posix.dirname(doc), file)) : doc;
      if (!fs.existsSync(path.join(ROOT, rel))) {
        t.fail(`${doc}: ${target} (no ${rel})`);
        continue;
      }
      if (anchor) t.ok(anchors(read(rel)).has(anchor), `${doc}: ${target}`);
      else t.pass(`${doc}: ${target}`);
    }
  }
});

t.test('every variable in the configuration table is read by the code', async (t) => {
  const ops = read('docs/operating.md');
  const table = ops.slice(ops.indexOf('## Configuration'), ops.indexOf('\n## ', ops.indexOf('## Configuration') + 5));
  const vars = [...table.matchAll(/^\| `([A-Z_]+)`(?: \/ `([A-Z_]+)`)?/gm)].flatMap((m) => m.slice(1).filter(Boolean));
  t.ok(vars.length >= 20, `${vars.length} variables found`);
  const code = ['src/config.ts', ...FILES.filter((f) => f.startsWith('scripts/') && f.endsWith('.ts'))]
    .map(read)
    .join('\n');
  for (const v of vars) t.match(code, v, v);
});

/** The shell commands of a doc's bash blocks, continuation lines and multi-line quotes joined. */
function commands(md: string): string[] {
  const out: string[] = [];
  for (const block of md
    .split(/^```bash\n/m)
    .slice(1)
    .map((b) => b.slice(0, b.indexOf('\n```')))) {
    let cur = '';
    for (const line of block.split('\n')) {
      cur += (cur ? '\n' : '') + line;
      const open = (cur.replace(/"[^"']*"/g, '').match(/'/g) ?? []).length % 2 === 1;
      if (line.endsWith('\\') || open) continue;
      out.push(cur.replace(/\\\n\s*/g, ' '));
      cur = '';
    }
  }
  return out;
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}
interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}

t.test('every request in the walkthroughs is a route of the API, with fields it knows', async (t) => {
  const api = JSON.parse(read('openapi/openapi.json')) as OpenApi;
  const templates = Object.keys(api.paths).map((p) => p.split('/'));
  const route = (p: string) => {
    const segs = p.split('/');
    const hit = templates.find(
      (tpl) =>
        tpl.length === segs.length &&
        tpl.every((s, i) => s === segs[i] || (s.startsWith('{') && (segs[i] === '{}' || !segs[i].startsWith('{')))),
    );
    return hit?.join('/');
  };
  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(api.components.schemas[s.$ref.replace('#/components/schemas/', '')]) : s;
  let checked = 0;
  for (const doc of DOCS) {
    for (const cmd of commands(read(doc))) {
      if (/^\s*#/.test(cmd)) continue;
      for (const call of cmd.split(/(?=curl )/).filter((c) => c.startsWith('curl '))) {
        const url = /"?\$BB(\/[^\s"'?]*)/.exec(call);
        if (!url) continue;
        const method = (/-X (\w+)/.exec(call)?.[1] ?? 'GET').toLowerCase();
        const p = url[1].replace(/\$\w+|<\w+>/g, '{}');
        const tpl = route(p);
        const op = tpl ? api.paths[tpl][method] : undefined;
        t.ok(op, `${doc}: ${method.toUpperCase()} ${url[1]}`);
        checked++;
        const raw = /-d ('(?:[^']|'\$\w+')*'|"(?:[^"\\]|\\.)*")/.exec(call)?.[1];
        const schema = op?.requestBody?.content['application/json']?.schema;
        if (!raw || !schema) continue;
        const json =
          raw[0] === "'"
            ? raw.slice(1, -1).replace(/'\$\w+'/g, 'X')
            : raw.slice(1, -1).replace(/\\"/g, '"').replace(/\$\w+/g, 'X');
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(json);
        } catch {
          t.fail(`${doc}: the body of ${method.toUpperCase()} ${url[1]} is not JSON: ${json}`);
          continue;
        }
        const known = Object.keys(resolve(schema).properties ?? {});
        for (const k of Object.keys(body))
          t.ok(known.includes(k), `${doc}: ${method.toUpperCase()} ${url[1]} knows "${k}"`);
      }
    }
  }
  t.ok(checked >= 50, `${checked} requests checked`);
});
