/**
 * A refusal whose detail holds values (a time, a state) is said on the page in the reader's language,
 * its moments in the reader's locale and the event's zone, not the API's English detail with ISO
 * UTC times (web/action.tsx refusalText, the catalogue's `refusalWith`).
 */
import t from 'tap';
import { LANGUAGES, localeOf } from '../src/core/i18n/locale';
import { en } from '../src/core/i18n/messages/en';
import { refusalText } from '../src/web/action';
import { span } from '../src/core/when';
import { community, eventWithTalk, setup } from './helper';

t.test('slot and transition refusals on pages in Russian and Hebrew', async (t) => {
  const ctx = await setup(t);
  const c = await community(ctx, 'refusal-guild');
  const { eventId, talkId } = await eventWithTalk(ctx, c);
  const s = await ctx.app.services.sessions.start(c.organizer.id, 'email-link', 'refusal test');
  const cookie = `bb_session=${s.secret}`;
  const csrf = String((await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie } })).headers['x-csrf-token']);
  const post = (url: string, body: Record<string, string>) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...body, _csrf: csrf }).toString(),
    });
  const event = { start: new Date('2027-06-10T10:00:00Z'), end: new Date('2027-06-10T12:00:00Z') };

  const cases = [
    { lang: 'ru', slot: 'Слот должен укладываться в рамки события', move: 'Заявку в состоянии «принята»' },
    { lang: 'he', slot: 'המשבצת צריכה להיות בתוך זמן האירוע', move: 'אי אפשר להעביר הצעה במצב' },
  ] as const;
  for (const x of cases) {
    const set = await ctx.req('PATCH', '/v1/me', { token: c.organizer.token, body: { language: x.lang } });
    t.equal(set.status, 200, `${x.lang} chosen`);

    // A slot after the event's end (the form's time is the event's zone, Europe/Berlin).
    const slot = await post(`/events/${eventId}/slots`, { proposalId: talkId, startsAt: '2027-06-10T15:00' });
    t.equal(slot.statusCode, 422, `${x.lang}: the slot outside the event is refused`);
    t.match(slot.body, x.slot, `${x.lang}: said in the reader's language`);
    const local = span(localeOf(x.lang), event.start, event.end, 'Europe/Berlin');
    t.ok(slot.body.includes(local), `${x.lang}: the event's time in the reader's locale and the event's zone`);
    t.match(local, /12:00/, 'Berlin time (10:00 UTC)');
    t.notMatch(slot.body, '2027-06-10T10:00:00.000Z', `${x.lang}: no ISO UTC time`);
    t.notMatch(slot.body, 'The slot must lie inside the event', `${x.lang}: no English detail`);

    // An accepted talk does not go back to submitted.
    const move = await post(`/proposals/${talkId}/move`, { to: 'submitted' });
    t.equal(move.statusCode, 409, `${x.lang}: the transition is refused`);
    t.match(move.body, x.move, `${x.lang}: the states by their names in the reader's language`);
    t.notMatch(move.body, 'cannot become', `${x.lang}: no English detail`);
  }
});

t.test('every refusal with values reads in every language with its values filled in', async (t) => {
  const sample: Record<string, string | number> = {
    at: '2027-06-10T10:00:00.000Z',
    startsAt: '2027-06-10T10:00:00.000Z',
    endsAt: '2027-06-10T12:00:00.000Z',
    zone: 'Europe/Berlin',
    on: '2027-06-10',
    from: 'accepted',
    to: 'submitted',
    state: 'accepted',
    status: 'draft',
    threshold: 'rhythmActWeeks',
    min: 1,
    max: 52,
    ...{
      window: 'notYet',
      of: 'proposal',
      doing: 'rsvp',
      end: 'first',
      answer: 'accepted',
      after: 'wish',
      kind: 'format',
    },
    ...{ title: 'Talk', titles: '“Talk”', speaker: 'Ada', event: 'June', value: 'x', key: 'talk', name: 'Aula' },
    ...{ slug: 'guild', email: 'a@example.com', offered: 'talk, lightning', keys: '“talk”', n: 3 },
    ...{ other: 'rhythmWatchWeeks', otherValue: 4, why: 'byday', reason: 'unknown part' },
  };
  for (const lang of LANGUAGES) {
    const l = localeOf(lang);
    for (const code of Object.keys(en.refusalWith)) {
      const said = refusalText(l, { status: 409, code, detail: 'English detail', values: sample, fields: [] });
      t.not(said, 'English detail', `${lang} ${code}: said from the catalogue`);
      t.notMatch(said, /[{}]|undefined|2027-06-10T/, `${lang} ${code}: every value filled in and formatted`);
    }
  }
});
