/**
 * The admin CLI as docs/operating.md gives it (`npm run admin -- create-admin --email … [--name …]`),
 * run as the built script on a test database: it creates or promotes the admin and prints a token
 * alone on the last line of stdout; bad usage exits 2 and changes nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { setup } from './helper';
import { REPO } from './repo';

const ADMIN = path.join(REPO, 'dist', 'scripts', 'admin.js');

function admin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ADMIN, ...args],
      { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
      (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

t.test('npm run admin -- create-admin', async (t) => {
  const ctx = await setup(t);
  const env = { DATABASE_URL: ctx.dbUrl };

  const made = await admin(['create-admin', '--email', 'Ada@Example.com', '--name', 'Ada Admin'], env);
  t.equal(made.code, 0, made.stderr);
  t.match(made.stderr, /admin ada@example\.com is ready/);
  const token = made.stdout.trim().split('\n').at(-1)!;
  const me = await ctx.req('GET', '/v1/me', { token });
  t.equal(me.status, 200, 'the printed token works');
  t.match(me.body, { email: 'ada@example.com', name: 'Ada Admin', isAdmin: true });

  // A member promoted: same person, now admin, with a new token; the first one still works.
  const bob = await ctx.person('bob@example.com', 'Bob');
  const promoted = await admin(['create-admin', '--email', 'bob@example.com'], env);
  t.equal(promoted.code, 0, promoted.stderr);
  const bobAdmin = await ctx.req('GET', '/v1/me', { token: promoted.stdout.trim().split('\n').at(-1)! });
  t.match(bobAdmin.body, { id: bob.id, isAdmin: true });
  t.equal((await ctx.req('GET', '/v1/me', { token: bob.token })).status, 200);

  for (const bad of [
    [],
    ['create-admin'],
    ['create-admin', '--email', 'not-an-address'],
    ['make-admin', '--email', 'x@y.z'],
  ]) {
    const r = await admin(bad, env);
    t.equal(r.code, 2, `${JSON.stringify(bad)}: exit 2`);
    t.match(r.stderr, /usage: npm run admin -- create-admin --email <email>/);
    t.equal(r.stdout, '', 'no token printed');
  }
  const people = await ctx.ds.query(`SELECT count(*)::int AS n FROM person WHERE email IN ('not-an-address', 'x@y.z')`);
  t.equal(people[0].n, 0, 'bad usage made nobody');
});
