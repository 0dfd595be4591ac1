/**
 * The mail and calendar translations waiting in src/core/i18n/pending/i18n-mail.ts hold exactly the
 * keys of English's `mail` and `calendarText`, each valid ICU with English's placeholders, so the
 * integrator can move them into the catalogues as they are.
 */
import t from 'tap';
import { IntlMessageFormat } from 'intl-messageformat';
import { entryAt, texts } from '../../src/core/i18n/catalogue';
import { en } from '../../src/core/i18n/messages/en';
import { pending } from '../../src/core/i18n/pending/i18n-mail';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

function placeholders(icu: string, lang: string): string[] {
  const out = new Set<string>();
  const walk = (els: Element[]) => {
    for (const e of els) {
      if (e.value !== undefined && e.type !== 0 && e.type !== 7) out.add(`${e.value}:${e.type}`);
      for (const o of Object.values(e.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(icu, lang, undefined, { ignoreTag: true }).getAst() as Element[]);
  return [...out].sort();
}

const source = { mail: en.mail, calendarText: en.calendarText };

for (const [lang, cat] of Object.entries(pending)) {
  t.test(`${lang}: the mail and calendar texts, complete and with English's placeholders`, async (t) => {
    const theirs = [...texts(cat)].map(([path]) => path).sort();
    const ours = [...texts(source)].map(([path]) => path).sort();
    t.same(theirs, ours, 'the same keys');
    for (const [path, icu] of texts(source)) {
      const text = entryAt(cat, path);
      if (typeof text !== 'string') continue;
      t.same(placeholders(text, lang), placeholders(icu, 'en'), `${lang} ${path}`);
      // Formats with every value given (a plural's count in each of a few forms).
      for (const n of [1, 2, 5, 22]) {
        const values = Object.fromEntries(
          placeholders(icu, 'en').map((p) => [p.split(':')[0], p.endsWith(':6') ? n : 'x']),
        );
        t.doesNotThrow(() => new IntlMessageFormat(text, lang).format(values), `${lang} ${path} formats (${n})`);
      }
    }
  });
}
