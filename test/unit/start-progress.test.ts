/**
 * What `npm start` prints while it waits: each step on a line, how long it took; on a terminal the
 * seconds count in place. A fake stream and a fake clock: no process, no sleeping.
 */
import t from 'tap';
import { describeStep, startProgress } from '../../src/start-progress';

function fakeOut(isTTY: boolean) {
  let text = '';
  return {
    stream: { isTTY, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream,
    text: () => text,
  };
}

t.test('in a log file: a line per step, and how long the slow ones took', async (t) => {
  const out = fakeOut(false);
  let now = 0;
  const p = startProgress(out.stream, () => now);
  p.step(describeStep({ kind: 'initialise', dir: '/data/pg' })!);
  now = 41_000;
  p.step(describeStep({ kind: 'migrate', pending: 26 })!);
  now = 41_200;
  p.done();
  t.equal(
    out.text(),
    'First start: initialising the embedded PostgreSQL database in /data/pg (once; it can take a minute) …\n' +
      '  … done (41 s)\n' +
      'Migrating the database: 26 migrations to apply …\n',
  );
});

t.test('on a terminal: the step and its time on one line', async (t) => {
  const out = fakeOut(true);
  let now = 0;
  const p = startProgress(out.stream, () => now);
  p.step(describeStep({ kind: 'start' })!);
  now = 3_000;
  p.done();
  t.equal(
    out.text(),
    'Starting the embedded PostgreSQL database …\r\x1b[2KStarting the embedded PostgreSQL database … done (3 s)\n',
  );
  t.equal(describeStep({ kind: 'migrate', pending: 0 }), 'Checking the database schema');
  t.equal(describeStep({ kind: 'migrate', pending: 1 }), 'Migrating the database: 1 migration to apply');
});
