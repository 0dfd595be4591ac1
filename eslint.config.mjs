// Lint: typescript-eslint's recommended rules over everything we compile; Prettier owns the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One layer per folder, from the ground up: core/ and config.ts stand on nothing of ours; db/ and
// queue/ on core; mail/ (how modules tell people) on those; modules/ on all of them; worker/,
// services.ts (the composition root), app.ts and server.ts on top. Each rule names what a layer
// may not reach up to. (A file takes the last block that matches it, so each block lists every
// pattern that holds for it.)
const ROUTES = {
  group: ['**/*.routes', '**/*.pages'],
  message: 'Nothing imports routes or pages; app.ts registers them.',
};
const FASTIFY = {
  group: ['fastify', 'fastify/*', '**/http/*'],
  message: 'Services and core stand on src/core, not on HTTP.',
};
const TOP = {
  group: ['**/worker/*', '**/worker', '**/services', '**/app', '**/server'],
  message: 'worker/, services.ts, app.ts and server.ts are the top: they build and run the rest, nothing imports them.',
};
const MODULES = { group: ['**/modules/**'], message: 'Modules stand on this layer, not it on them.' };
const BELOW_MAIL = {
  group: ['**/mail/*', '**/web/*', '**/calendar/*'],
  message: 'db/ and queue/ stand below mail, web and calendar.',
};
const BELOW_DB = {
  group: ['**/db/*', '**/queue/*', '../config', './config'],
  message: 'core/ stands on nothing of ours: hand it what it needs (see core/secrets.ts KeyStore).',
};
const restrict = (...patterns) => ['error', { patterns: [ROUTES, ...patterns] }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.brownbag/', 'coverage/', '.tap/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // Rows from SQL and test bodies are loosely typed on purpose; say so where it matters.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': restrict(),
    },
  },
  {
    // Below the top, nothing imports the worker, the composition root or the app.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/worker/**', 'src/worker.ts', 'src/server.ts', 'src/app.ts', 'src/services.ts'],
    rules: { 'no-restricted-imports': restrict(TOP) },
  },
  {
    // How modules tell people stands below the modules.
    files: ['src/mail/**'],
    rules: { 'no-restricted-imports': restrict(TOP, MODULES) },
  },
  {
    // The database and the queue beside it know no module, no mail, no page.
    files: ['src/db/**', 'src/queue/**'],
    rules: { 'no-restricted-imports': restrict(TOP, MODULES, BELOW_MAIL) },
  },
  {
    // The composition root registers every plugin of routes and pages.
    files: ['src/app.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Services, queries and core know nothing of Fastify.
    files: ['src/modules/**/*.service.ts', 'src/modules/**/*.queries.ts'],
    rules: { 'no-restricted-imports': restrict(FASTIFY, TOP) },
  },
  {
    // core/ and config.ts are the ground: they stand on nothing of ours (no db/, no HTTP, no module).
    files: ['src/core/**', 'src/config.ts'],
    rules: { 'no-restricted-imports': restrict(FASTIFY, TOP, MODULES, BELOW_MAIL, BELOW_DB) },
  },
  {
    // SQL lives beside its module: only *.queries.ts (and db/ and the queue's own add_job) run
    // statements. Everything else calls their functions.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.queries.ts', 'src/db/**', 'src/queue/queue.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/db\\/sql$/]',
          message: "Statements live in the module's .queries.ts; call its functions.",
        },
        {
          selector: 'CallExpression[callee.property.name=/^(query|getRepository|createQueryBuilder)$/]',
          message: "Data access lives in the module's .queries.ts (sql() or the entity repository there).",
        },
      ],
    },
  },
  {
    // Modules tell people through mail/notify.ts (who hears what, keyed so bursts send one message),
    // never by enqueueing mail themselves. Repeats the SQL rule above, which this one replaces here.
    files: ['src/modules/**/*.{ts,tsx}'],
    ignores: ['src/**/*.queries.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/db\\/sql$/]',
          message: "Statements live in the module's .queries.ts; call its functions.",
        },
        {
          selector: 'CallExpression[callee.property.name=/^(query|getRepository|createQueryBuilder)$/]',
          message: "Data access lives in the module's .queries.ts (sql() or the entity repository there).",
        },
        {
          selector: 'ImportSpecifier[imported.name=/^enqueue(Mail|Many)$/]',
          message: 'Mail goes through src/mail/notify.ts.',
        },
      ],
    },
  },
);
