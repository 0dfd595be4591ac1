/**
 * The worker's log: one line per failed attempt, one a minute while the database is out, and one for a
 * mail dropped because its event is over.
 */
import t from 'tap';
import { quietLogger } from '../src/queue/queue';
import { MessageBuilder } from '../src/worker/messages';
import { community, setup } from './helper';
import { MAIL_SETTINGS } from './mail-helper';

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

t.test('while the database is out: one line a minute, not one per lost connection', async (t) => {
  const lines: string[] = [];
  let clock = 1_000_000;
  const log = quietLogger(
    (l) => lines.push(l),
    () => clock,
  );
  log.error('PostgreSQL active client generated error: terminating connection due to unexpected postmaster exit');
  log.error('PostgreSQL idle client generated error: terminating connection due to unexpected postmaster exit');
  log.error('Error with notify listener (trying again in 328ms): connect ECONNREFUSED 127.0.0.1:44023');
  log.error('Error occurred attempting to UNLISTEN: Error: Client has encountered a connection error');
  log.error("Failed task 9 (mail, 3ms, attempt 2 of 12) with error 'connect ECONNREFUSED 127.0.0.1:25':\n stack");
  t.same(lines, [
    'worker: database unavailable (PostgreSQL active client generated error: terminating connection due to unexpected postmaster exit); jobs wait in the queue and resume when it is back',
    "worker: Failed task 9 (mail, 3ms, attempt 2 of 12) with error 'connect ECONNREFUSED 127.0.0.1:25'",
  ]);
  clock += 61_000;
  log.error(
    'Error with notify listener (trying again in 2366ms): the database system is not yet accepting connections',
  );
  t.equal(lines.length, 3, 'a minute later, one more line');
});

t.test('a calendar mail for an event that is over is dropped with a log line', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'past');
  const e = await ctx.req('POST', '/v1/communities/past/events', {
    token: c.organizer.token,
    body: { title: 'Last week', startsAt: '2026-01-10T10:00:00Z', endsAt: '2026-01-10T11:00:00Z' },
  });
  const soon = await ctx.req('POST', '/v1/communities/past/events', {
    token: c.organizer.token,
    body: { title: 'Next year', startsAt: '2030-01-10T10:00:00Z', endsAt: '2030-01-10T11:00:00Z' },
  });
  const lines: string[] = [];
  const builder = new MessageBuilder(ctx.ds, MAIL_SETTINGS, (l) => lines.push(l));
  const invite = (id: string) =>
    builder.build({ kind: 'invite', item: 'event', id, personId: c.member.id, method: 'REQUEST' });
  t.equal(await invite(e.body.id), null, 'nothing sent for a past event');
  t.same(lines, ['dropped a invite mail: "Last week" is over']);
  t.ok(await invite(soon.body.id), 'an event to come is invited to as before');
});
