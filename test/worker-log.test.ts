/** The worker logs one line per failed attempt, not a stack trace. */
import t from 'tap';
import { quietLogger } from '../src/jobs/queue';

t.test('one line per failure', async (t) => {
  const lines: string[] = [];
  const log = quietLogger((l) => lines.push(l));
  const err = new Error('cannot send mail - all recipients were rejected: 451 Try again later');
  log.error(`Failed task 22 (mail, 7.12ms, attempt 1 of 12) with error '${err.message}':\n  ${err.stack}`);
  log.info('this is not for the log');
  t.equal(lines.length, 1);
  t.equal(
    lines[0],
    "worker: Failed task 22 (mail, 7.12ms, attempt 1 of 12) with error 'cannot send mail - all recipients were rejected: 451 Try again later'",
  );
});
