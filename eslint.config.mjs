// Lint: typescript-eslint's recommended rules over everything we compile; Prettier owns the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.routes', '**/*.pages'],
              message: 'Nothing imports routes or pages; app.ts registers them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The composition root registers every plugin of routes and pages.
    files: ['src/app.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Services, queries and core know nothing of Fastify.
    files: ['src/core/**', 'src/modules/**/*.service.ts', 'src/modules/**/*.queries.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', 'fastify/*', '**/http/*'],
              message: 'Services and core stand on src/core, not on HTTP.',
            },
            {
              group: ['**/*.routes', '**/*.pages'],
              message: 'Nothing imports routes or pages; app.ts registers them.',
            },
          ],
        },
      ],
    },
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
