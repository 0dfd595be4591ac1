/**
 * A series' cadence as tables: which RRULEs are refused and why, which local dates and instants a
 * cadence meets on (across daylight saving, month ends, skips, an end date and a change of cadence),
 * and the start-time field. No app, no database.
 */
import t from 'tap';
import { DomainError } from '../../src/core/errors';
import { expand, hhmm, minuteOf, parseCadence, type CadenceRule } from '../../src/modules/series/cadence';

const refusal = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof DomainError ? `${e.status} ${e.code}` : `not a domain error: ${e}`;
  }
};

t.test('parseCadence: what is an acceptable cadence', async (t) => {
  const rows: [string, string | null][] = [
    ['FREQ=WEEKLY;BYDAY=TH', null],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', null],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1', null],
    ['  FREQ=MONTHLY;BYDAY=1TU  ', null],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', null],
    ['FREQ=DAILY;COUNT=5', null],
    ['FREQ=WEEKLY;INTERVAL=100', null],
    // only days, weeks, months and years
    ['FREQ=HOURLY', '400 bad-cadence'],
    ['FREQ=MINUTELY', '400 bad-cadence'],
    ['BYDAY=TH', '400 bad-cadence'],
    ['', '400 bad-cadence'],
    // time and zone are fields of their own
    ['FREQ=WEEKLY;BYHOUR=12', '400 bad-cadence'],
    ['FREQ=WEEKLY;BYMINUTE=30', '400 bad-cadence'],
    ['FREQ=DAILY;BYSECOND=1', '400 bad-cadence'],
    // a sane interval
    ['FREQ=WEEKLY;INTERVAL=0', '400 bad-cadence'],
    ['FREQ=WEEKLY;INTERVAL=101', '400 bad-cadence'],
  ];
  for (const [text, want] of rows)
    t.equal(
      refusal(() => parseCadence(text)),
      want,
      `${JSON.stringify(text)}: ${want ?? 'ok'}`,
    );
});

const rule = (from: string, rrule: string, start = '12:00', minutes = 60): CadenceRule => ({
  from,
  rrule,
  startMinute: minuteOf(start),
  minutes,
});
const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');

t.test('expand: the dates and instants a cadence meets on', async (t) => {
  const biweekly = rule('2027-03-04', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH');
  const rows: [string, CadenceRule[], string, Parameters<typeof expand>[2], string[]][] = [
    [
      'every second Thursday 12:00 Berlin: 11:00Z in winter, 10:00Z after the switch on 28 March',
      [biweekly],
      'Europe/Berlin',
      { from: '2027-03-01', limit: 4 },
      ['2027-03-04 11:00Z', '2027-03-18 11:00Z', '2027-04-01 10:00Z', '2027-04-15 10:00Z'],
    ],
    [
      'the same in New York: 17:00Z, then 16:00Z after 14 March',
      [biweekly],
      'America/New_York',
      { from: '2027-03-01', limit: 3 },
      ['2027-03-04 17:00Z', '2027-03-18 16:00Z', '2027-04-01 16:00Z'],
    ],
    [
      'a skipped date is left out, the others stay',
      [biweekly],
      'Europe/Berlin',
      { from: '2027-03-01', limit: 3, skip: new Set(['2027-03-18']) },
      ['2027-03-04 11:00Z', '2027-04-01 10:00Z', '2027-04-15 10:00Z'],
    ],
    [
      'nothing after the end date',
      [biweekly],
      'Europe/Berlin',
      { from: '2027-03-01', endsOn: '2027-03-31' },
      ['2027-03-04 11:00Z', '2027-03-18 11:00Z'],
    ],
    [
      'from a date on: the rule keeps its own rhythm (not restarted at from)',
      [biweekly],
      'Europe/Berlin',
      { from: '2027-03-10', to: '2027-04-10' },
      ['2027-03-18 11:00Z', '2027-04-01 10:00Z'],
    ],
    [
      'BYMONTHDAY=-1 is the last day of each month',
      [rule('2027-01-01', 'FREQ=MONTHLY;BYMONTHDAY=-1', '09:00')],
      'UTC',
      { from: '2027-01-01', limit: 4 },
      ['2027-01-31 09:00Z', '2027-02-28 09:00Z', '2027-03-31 09:00Z', '2027-04-30 09:00Z'],
    ],
    [
      'BYMONTHDAY=31 skips the shorter months, as the RFC says',
      [rule('2027-01-01', 'FREQ=MONTHLY;BYMONTHDAY=31', '09:00')],
      'UTC',
      { from: '2027-01-01', limit: 4 },
      ['2027-01-31 09:00Z', '2027-03-31 09:00Z', '2027-05-31 09:00Z', '2027-07-31 09:00Z'],
    ],
    [
      'a change of cadence from 1 June: Thursdays before, the first Tuesday at 17:00 after',
      [rule('2027-06-01', 'FREQ=MONTHLY;BYDAY=1TU', '17:00', 90), biweekly],
      'Europe/Berlin',
      { from: '2027-05-01', to: '2027-08-31' },
      ['2027-05-13 10:00Z', '2027-05-27 10:00Z', '2027-06-01 15:00Z', '2027-07-06 15:00Z', '2027-08-03 15:00Z'],
    ],
  ];
  for (const [what, rules, tz, o, want] of rows) {
    const got = expand(rules, tz, o).map((x) => `${x.on} ${iso(x.start).slice(11)}`);
    t.same(got, want, what);
  }
});

t.test('expand: an occurrence keeps its local date and lasts its rule length', async (t) => {
  const [late] = expand([rule('2027-01-01', 'FREQ=DAILY', '23:30', 90)], 'Europe/Berlin', {
    from: '2027-01-05',
    limit: 1,
  });
  t.equal(late.on, '2027-01-05', 'the local date, though 22:30Z');
  t.equal(late.start.toISOString(), '2027-01-05T22:30:00.000Z');
  t.equal(late.end.toISOString(), '2027-01-06T00:00:00.000Z', '90 minutes later');
  t.same(expand([rule('2027-01-01', 'FREQ=DAILY;COUNT=2')], 'UTC', { from: '2027-01-01' }).length, 2, 'COUNT holds');
});

t.test('the start time field', async (t) => {
  const rows: [string, number | string][] = [
    ['00:00', 0],
    ['09:05', 545],
    ['12:00', 720],
    ['23:59', 1439],
    ['24:00', '400 bad-time'],
    ['9:00', '400 bad-time'],
    ['12:60', '400 bad-time'],
    ['noon', '400 bad-time'],
  ];
  for (const [text, want] of rows) {
    if (typeof want === 'number') {
      t.equal(minuteOf(text), want, text);
      t.equal(hhmm(want), text, `${want} → ${text}`);
    } else
      t.equal(
        refusal(() => minuteOf(text)),
        want,
        text,
      );
  }
});
