/**
 * The pseudo-locale `xx-pseudo`: English with every literal letter accented, each text bracketed and
 * a third longer ("Sign in" → "[Ŝîĝñ îñ ōōō]"). A page read in it shows at a glance which words
 * are not from the catalogue (plain ASCII) and which controls clip longer translations. Only the
 * literal text of the ICU AST changes: placeholders, plural and select keys stay as they are, so the
 * pseudo catalogue formats with English's values. Never offered to readers: the browser test
 * (test/browser-pseudo.test.ts) turns it on with BROWNBAG_PSEUDO_LOCALE=1 and asks for it through
 * Accept-Language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { isMessage, type Catalogue } from './catalogue';

export const PSEUDO = 'xx-pseudo';
export type Pseudo = typeof PSEUDO;

/** True when the pseudo-locale is switched on (tests only) and the header asks for it. */
export const pseudoAsked = (acceptLanguage: string | undefined) =>
  process.env.BROWNBAG_PSEUDO_LOCALE === '1' && (acceptLanguage ?? '').toLowerCase().includes(PSEUDO);

const FROM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TO = 'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŜŢÛṼŴẊÝŽåƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž';
const ACCENT = new Map([...FROM].map((c, i) => [c, [...TO][i]]));

/** Letters accented; what is not an ASCII letter (digits, punctuation, spaces) stays. */
export const accent = (text: string) => [...text].map((c) => ACCENT.get(c) ?? c).join('');

interface El {
  type: number;
  value?: string;
  style?: unknown;
  offset?: number;
  pluralType?: 'cardinal' | 'ordinal';
  options?: Record<string, { value: El[] }>;
}

/** A literal back into ICU: apostrophes doubled, braces quoted, `#` quoted inside a plural. */
const quote = (s: string, inPlural: boolean) =>
  s.replace(/'/g, "''").replace(inPlural ? /[{}#]/g : /[{}]/g, (c) => `'${c}'`);

/** The ICU text of an AST, literals passed through `f`. */
function print(els: El[], f: (s: string) => string, inPlural = false): string {
  return els
    .map((e) => {
      const opts = (plural: boolean) =>
        Object.entries(e.options ?? {})
          .map(([k, o]) => `${k} {${print(o.value, f, plural)}}`)
          .join(' ');
      switch (e.type) {
        case 0:
          return quote(f(e.value ?? ''), inPlural);
        case 1:
          return `{${e.value}}`;
        case 2:
        case 3:
        case 4: {
          const kind = ['', '', 'number', 'date', 'time'][e.type];
          return typeof e.style === 'string' ? `{${e.value}, ${kind}, ${e.style}}` : `{${e.value}, ${kind}}`;
        }
        case 5:
          return `{${e.value}, select, ${opts(inPlural)}}`;
        case 6: {
          const offset = e.offset ? `offset:${e.offset} ` : '';
          return `{${e.value}, ${e.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}, ${offset}${opts(true)}}`;
        }
        case 7:
          return '#';
        default:
          throw new Error(`pseudo: no printer for ICU element type ${e.type}`);
      }
    })
    .join('');
}

/** The letters a text shows at most: its literals, and of each plural or select its longest branch. */
const letters = (els: El[]): number =>
  els.reduce(
    (n, e) =>
      n +
      (e.type === 0
        ? (e.value ?? '').replace(/[^A-Za-z]/g, '').length
        : Math.max(0, ...Object.values(e.options ?? {}).map((o) => letters(o.value)))),
    0,
  );

/** One ICU text in pseudo form: literals accented, the whole bracketed and padded by about a third. */
export function pseudoText(icu: string): string {
  const ast = new IntlMessageFormat(icu, 'en', undefined, { ignoreTag: true }).getAst() as El[];
  // The padding in words of up to five letters, so it wraps as a translation would.
  const pad = 'ō'.repeat(Math.max(1, Math.ceil(letters(ast) / 3))).replace(/(.{5})(?=.)/g, '$1 ');
  return `[${print(ast, accent)} ${pad}]`;
}

/** The pseudo catalogue of an English catalogue: the same keys, every text through pseudoText. */
export function pseudoCatalogue<T extends object>(en: T): Catalogue<T> {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? pseudoText(v)
      : isMessage(v)
        ? pseudoText(v.icu)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(en) as Catalogue<T>;
}
