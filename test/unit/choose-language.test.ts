/**
 * Whose language, in order: the person's choice, else the page switch's cookie, else the browser's
 * Accept-Language, else the community's default, else English; a language without a catalogue is no
 * choice at any step. No app, no database.
 */
import t from 'tap';
import { compile, msg } from '../../src/core/i18n/catalogue';
import { acceptedLanguages, chooseLanguage, direction, messagesOf, offered } from '../../src/core/i18n/locale';
import { offerTestLanguages } from '../test-languages';

offerTestLanguages('he', 'ru');

t.test('Accept-Language is read by quality, regions folded', async (t) => {
  t.same(acceptedLanguages('ru-RU;q=0.5, he-IL, *;q=0.1, fi;q=0'), ['he', 'ru']);
  t.same(acceptedLanguages(undefined), []);
  t.same(acceptedLanguages('garbage;;;q=x'), []);
});

t.test('the order of choice', async (t) => {
  t.ok(offered().includes('he') && offered().includes('ru'), 'the test catalogues are offered');
  const all = { person: 'he', switched: 'ru', acceptLanguage: 'ru', community: 'ru' };
  t.equal(chooseLanguage(all), 'he', "the person's own choice comes first");
  t.equal(chooseLanguage({ ...all, person: null }), 'ru', 'then the page switch (cookie)');
  t.equal(chooseLanguage({ switched: 'he', acceptLanguage: 'ru' }), 'he', 'the switch beats the browser');
  t.equal(chooseLanguage({ acceptLanguage: 'ru, he;q=0.8', community: 'he' }), 'ru', 'then Accept-Language');
  t.equal(chooseLanguage({ acceptLanguage: 'de, he;q=0.3', community: 'ru' }), 'he', 'the first it asks that we speak');
  t.equal(chooseLanguage({ acceptLanguage: 'de-DE, fr', community: 'he' }), 'he', "then the community's default");
  t.equal(chooseLanguage({ acceptLanguage: 'de' }), 'en', 'else English');
  t.equal(chooseLanguage({}), 'en');
});

t.test('a language without a catalogue, or no language at all, is no choice', async (t) => {
  const spoken = offered();
  const unspoken = (['pl', 'fi'] as const).find((l) => !spoken.includes(l));
  if (unspoken) {
    t.equal(chooseLanguage({ person: unspoken, acceptLanguage: 'ru' }), 'ru', `${unspoken} has no catalogue yet`);
    t.equal(chooseLanguage({ switched: unspoken, community: 'he' }), 'he');
    t.equal(chooseLanguage({ community: unspoken }), 'en');
  }
  t.equal(chooseLanguage({ person: 'xx', switched: '<script>', acceptLanguage: 'zz', community: 'qq' }), 'en');
  t.equal(chooseLanguage({ person: null, switched: '', acceptLanguage: '', community: null }), 'en');
});

t.test('Hebrew is written right to left', async (t) => {
  t.equal(direction('he'), 'rtl');
  t.equal(direction('ru'), 'ltr');
  t.equal(direction('en'), 'ltr');
});

t.test('in right-to-left text, the values people wrote are bidi-isolated', async (t) => {
  t.equal(messagesOf('he').hello({ name: 'Max Member' }).includes('\u2068Max Member\u2069'), true, 'Hebrew');
  t.equal(messagesOf('en').hello({ name: 'Max Member' }), 'Hello, Max Member', 'English untouched');
  const m = compile(
    {
      x: msg<{ kind: string; who: string; n: number }>(
        '{kind, select, talk {{who}: {n, plural, other {#}}} other {-}}',
      ),
    },
    undefined,
    'he',
  );
  t.equal(m.x({ kind: 'talk', who: 'Ada', n: 3 }), '\u2068Ada\u2069: 3', 'a select still matches; numbers as they are');
});
