/**
 * Message catalogues: every word Brownbag shows, mails or writes into a calendar, as ICU MessageFormat
 * (FormatJS's `intl-messageformat`), so plurals, selects and numbers follow each language's own rules
 * (Russian and Polish have four plural forms, Hebrew a dual).
 *
 * English (`messages/en.ts`) is the source: a plain string is a text without values; a text with values
 * is declared with `msg<{ n: number }>('{n, plural, one {# talk} other {# talks}}')`, which also says
 * what the values are, so a call site that forgets one does not compile. Every other language is a
 * `Catalogue` — the same keys, plain strings — so a missing or extra key is a compile error, and
 * test/unit/catalogues.test.ts checks that each translation has the same placeholders as English.
 *
 * `compile(en, lang)` turns a catalogue into `Messages`: texts without values become strings (formatted
 * once), texts with values become functions `m.key({ n: 3 })`.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { direction } from './languages';

declare const ARGS: unique symbol;
/** A text with values, as English declares it. At run time it is a marked object holding the ICU text. */
export interface Message<A extends Record<string, unknown>> {
  readonly icu: string;
  readonly [ARGS]?: A;
}
export type Values = Record<string, string | number | Date | null | undefined>;

export function msg<A extends Values>(icu: string): Message<A> {
  return { icu } as Message<A>;
}
export const isMessage = (v: unknown): v is Message<Values> =>
  typeof v === 'object' && v !== null && typeof (v as { icu?: unknown }).icu === 'string';

/** What a translation must hold for the English catalogue T: the same keys, texts as plain ICU strings. */
export type Catalogue<T> = {
  [K in keyof T]: T[K] extends Message<infer _A>
    ? string
    : T[K] extends string
      ? string
      : T[K] extends (...a: never[]) => unknown
        ? T[K] // a text not yet in ICU form (the catalogue test refuses them)
        : Catalogue<T[K]>;
};

/** What templates use: strings, and functions for the texts with values. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends Message<infer A>
    ? (values: A) => string
    : T[K] extends string
      ? string
      : T[K] extends (...a: never[]) => unknown
        ? T[K]
        : Messages<T[K]>;
};

/** The catalogue entry `path` of `cat` ("signIn.withProvider"), or undefined. */
export function entryAt(cat: unknown, path: string): unknown {
  let at: unknown = cat;
  for (const k of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
  return at;
}

/**
 * The text `key` of a compiled namespace chosen at run time (a health reason key, an Ajv keyword):
 * formatted with `values` when it has values, as it is when it has none; undefined for a key the
 * namespace does not have. Typed code calls `m.ns.key({ … })` instead.
 */
export function pick(ns: object, key: string, values: Values = {}): string | undefined {
  const e = Object.hasOwn(ns, key) ? (ns as Record<string, unknown>)[key] : undefined;
  if (typeof e === 'function') return String((e as (v: Values) => unknown)(values));
  return typeof e === 'string' ? e : undefined;
}

/** Every text of a catalogue as [dotted path, ICU text] (Message entries unwrapped). */
export function* texts(cat: object, prefix = ''): Generator<[string, string]> {
  for (const [k, v] of Object.entries(cat)) {
    const path = prefix + k;
    if (typeof v === 'string') yield [path, v];
    else if (isMessage(v)) yield [path, v.icu];
    else if (v && typeof v === 'object') yield* texts(v, `${path}.`);
  }
}

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };
/** The names of a message's plain text arguments ({name}), nested ones included; not selects or numbers. */
function textArguments(els: Element[], out = new Set<string>()): Set<string> {
  for (const e of els) {
    if (e.type === 1 && e.value) out.add(e.value);
    for (const o of Object.values(e.options ?? {})) textArguments(o.value, out);
  }
  return out;
}

/**
 * In a right-to-left language, each text value (a name, a title, an address) is set in bidi isolation
 * (FSI … PDI), so a Latin name inside Hebrew keeps its own order and moves no punctuation around it.
 */
function isolating(format: IntlMessageFormat, rtl: boolean) {
  const names = rtl ? textArguments(format.getAst() as Element[]) : null;
  return (values: Values): Values => {
    if (!names?.size) return values;
    const out: Values = { ...values };
    for (const k of names) if (typeof out[k] === 'string') out[k] = `\u2068${out[k]}\u2069`;
    return out;
  };
}

function compileEntry(source: unknown, translated: unknown, lang: string, path: string): unknown {
  if (isMessage(source)) {
    const text = typeof translated === 'string' ? translated : source.icu;
    const format = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true });
    const isolate = isolating(format, direction(lang) === 'rtl');
    const compiled = (values: Values) => {
      const out = format.format(isolate(values) as Record<string, string | number | Date>);
      return Array.isArray(out) ? out.join('') : String(out);
    };
    return compiled;
  }
  if (typeof source === 'string') {
    const text = typeof translated === 'string' ? translated : source;
    return String(new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }).format());
  }
  if (source && typeof source === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(source))
      out[k] = compileEntry(v, (translated as Record<string, unknown> | undefined)?.[k], lang, `${path}${k}.`);
    return out;
  }
  // Anything else (a legacy function entry) passes through as the translation has it, else as English.
  return typeof translated === typeof source ? translated : source;
}

/**
 * The `Messages` for `lang`: the translation's texts where it has them, English's otherwise (the
 * catalogue test keeps translations complete; the fallback only keeps a page readable meanwhile).
 */
export function compile<T extends object>(source: T, translated: Catalogue<T> | undefined, lang: string): Messages<T> {
  return compileEntry(source, translated, lang, '') as Messages<T>;
}
