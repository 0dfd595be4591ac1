/**
 * The catalogues cannot drift: every text of every language is valid ICU MessageFormat, and every
 * translation uses the same placeholders, of the same kinds, as English. No app, no database.
 */
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { IntlMessageFormat } from 'intl-messageformat';
import { isMessage, texts } from '../../src/core/i18n/catalogue';
import { en } from '../../src/core/i18n/messages/en';
import { LANGUAGES, TRANSLATIONS, messagesOf } from '../../src/core/i18n/locale';
import { REPO } from '../repo';
import { PSEUDO, pseudoCatalogue, pseudoText } from '../../src/core/i18n/pseudo';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** "n:plural", "name:argument"… for every placeholder of a message, nested ones included. */
function placeholders(icu: string, lang: string): string[] {
  const kinds = ['literal', 'argument', 'number', 'date', 'time', 'select', 'plural', 'pound', 'tag'];
  const out = new Set<string>();
  const walk = (els: Element[]) => {
    for (const e of els) {
      if (e.value !== undefined && e.type !== 0 && e.type !== 7) out.add(`${e.value}:${kinds[e.type]}`);
      for (const o of Object.values(e.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(icu, lang, undefined, { ignoreTag: true }).getAst() as Element[]);
  return [...out].sort();
}

/** Every entry of a catalogue that is neither a text, a `msg` nor a namespace (a function, say), by path. */
function notTexts(cat: object, prefix = ''): string[] {
  return Object.entries(cat).flatMap(([k, v]) =>
    typeof v === 'string' || isMessage(v)
      ? []
      : v && typeof v === 'object'
        ? notTexts(v, `${prefix}${k}.`)
        : [`${prefix}${k}`],
  );
}

t.test('English holds only texts: plain strings and msg<{…}>() ICU texts, no functions', async (t) => {
  t.same(notTexts(en), [], 'every entry is a string or a msg (write a function as ICU plural/select)');
});

t.test('every English text is valid ICU', async (t) => {
  for (const [path, icu] of texts(en)) t.doesNotThrow(() => placeholders(icu, 'en'), path);
});

for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
  const cat = TRANSLATIONS[lang];
  t.test(`${lang}: same placeholders as English`, { skip: cat ? false : 'no catalogue yet' }, async (t) => {
    const theirTexts = new Map(texts(cat ?? {})); // by path (not entryAt: some keys hold dots)
    for (const [path, icu] of texts(en)) {
      const theirs = theirTexts.get(path);
      if (typeof theirs !== 'string') {
        t.fail(`${lang} ${path}: missing`);
        continue;
      }
      t.same(placeholders(theirs, lang), placeholders(icu, 'en'), `${lang} ${path}`);
    }
  });
}

/** Every plural's keywords that the language does not have (CLDR: Russian few/many, Hebrew two…), by path. */
function foreignCategories(cat: object, lang: string): string[] {
  const have = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
  const out: string[] = [];
  const walk = (path: string, els: Element[]) => {
    for (const e of els) {
      const options = e.options ?? {};
      if (e.type === 6)
        for (const k of Object.keys(options)) if (!k.startsWith('=') && !have.includes(k)) out.push(`${path}: ${k}`);
      for (const o of Object.values(options)) walk(path, o.value);
    }
  };
  for (const [path, icu] of texts(cat))
    walk(path, new IntlMessageFormat(icu, lang, undefined, { ignoreTag: true }).getAst() as Element[]);
  return out;
}

for (const lang of LANGUAGES) {
  const cat = lang === 'en' ? en : TRANSLATIONS[lang];
  t.test(
    `${lang}: plurals use only the language's own categories`,
    { skip: cat ? false : 'no catalogue yet' },
    async (t) => {
      t.same(foreignCategories(cat ?? {}, lang), []);
    },
  );
}

t.test('the pseudo-locale changes only literal text: same placeholders, every letter accented', async (t) => {
  const pseudo = new Map(texts(pseudoCatalogue(en))); // (not entryAt: some keys hold dots)
  for (const [path, icu] of texts(en)) {
    const theirs = pseudo.get(path) ?? '';
    t.same(placeholders(theirs, 'en'), placeholders(icu, 'en'), `pseudo ${path}`);
  }
  t.equal(pseudoText('Sign in'), '[Ŝîĝñ îñ ōō]');
  t.equal(
    pseudoText("It's {n, plural, one {# talk} other {# talks}}"),
    "[Îţ''š {n, plural, one {# ţåļķ} other {# ţåļķš}} ōōō]",
  );
  const m = messagesOf(PSEUDO);
  t.equal(m.votes({ n: 2 }), '[2 ṽöţéš ōō]', 'plural and # still work');
  t.equal(m.hello({ name: 'Ada' }), '[Ĥéļļö, Ada ōō]', 'values are not accented');
});

/**
 * Namespaces the code indexes with a value it holds at run time (a state, a role, a reason key…), so
 * their keys never appear one by one in the source. Everything else must be named somewhere in src.
 */
const DYNAMIC = [
  'role', // m.role[membership.role]
  'stateName', // m.stateName[proposal.state]
  'taskStatus',
  'rsvpStatus',
  'nominationStatus',
  'wishStatus',
  'eventStatus',
  'deliveryStatus',
  'levelName',
  'seriesRhythm', // by the form's `every`
  'weekdays', // by index
  'destinationKind',
  'happening', // by happening name (event.published…)
  'signInFailures', // by failure kind
  'health.indicator', // by indicator key
  'health.status',
  'health.unit', // by the judgement's unit
  'health.reason', // by the rules' reason key (vitality.words.ts)
  'health.step', // by the rules' step key
  'health.threshold', // by threshold key
  'fieldProblem', // by Ajv keyword (web/action.tsx)
  'refusal', // by problem code (web/action.tsx)
  'refusalWith', // by problem code, with the error's values (web/action.tsx)
  'fieldName', // by form field name (web/action.tsx fieldLabel)
  'homeNext.rsvp', // by the person's RSVP status (home page)
  'board.dueGroup', // by due group (task board)
];

t.test('every English key is used somewhere in src (or sits in a namespace indexed at run time)', async (t) => {
  const root = path.join(REPO, 'src');
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => /\.tsx?$/.test(f) && !f.split(path.sep).join('/').startsWith('core/i18n/'),
  );
  const code = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  const unused: string[] = [];
  for (const [key] of texts(en)) {
    const dynamic = DYNAMIC.find((ns) => key === ns || key.startsWith(`${ns}.`));
    const name = dynamic ?? key;
    const last = name.split('.').pop()!;
    const named = new RegExp(`\\.${last}\\b|\\[['"]${last}['"]\\]`).test(code);
    if (!named && !unused.includes(name)) unused.push(name);
  }
  t.same(unused, [], 'keys nothing in src names: delete them, or list a run-time indexed namespace in DYNAMIC');
});

t.test('every refusal said with values is a code some service throws with its values (.saying)', async (t) => {
  const root = path.join(REPO, 'src');
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => /\.tsx?$/.test(f) && f.split(path.sep).join('/').startsWith('modules/'),
  );
  const code = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  t.ok(code.includes('.saying('), 'services give values');
  const unthrown = Object.keys(en.refusalWith).filter((c) => !code.includes(`'${c}'`));
  t.same(unthrown, [], 'refusalWith codes no service throws');
});
