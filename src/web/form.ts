/**
 * One contract for both doors: a page form is read with the API's own TypeBox schema and checked by
 * the API's own Ajv instance (http/validation.ts), after turning form strings into the JSON the
 * schema expects (numbers, booleans, null for an emptied nullable field, arrays from repeated fields
 * or one per line). Its controls take their HTML attributes from the same schema, so the browser and
 * the server agree on lengths, choices and what is required.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FastifyError } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { DomainError } from '../core/errors';
import { problemOf } from '../http/problem';
import { bodies } from '../http/validation';

export type FormFields = Record<string, string | string[] | undefined>;
/** A form body as the browser sends it: text fields, some repeated; the route's schema for every form. */
export const FormFields = Type.Unsafe<FormFields>(
  Type.Object(
    { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
    {
      additionalProperties: Type.Union([
        Type.String({ maxLength: 65536 }),
        Type.Array(Type.String({ maxLength: 65536 }), { maxItems: 200 }),
      ]),
    },
  ),
);

/** The version a page form read (a hidden field), for the optimistic check the API does with If-Match. */
export const VersionField = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 0 })) });

type Json = Record<string, unknown>;
interface Node {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The API schema a page form is read with (readForm in the handler): the parity test posts its
     * invalid cases through the page. `null` for a form of buttons only.
     */
    form?: TSchema | null;
    /** The schema's fields the form has (the rest are the API's alone). */
    formFields?: readonly string[];
  }
}

/** A page form route: its URL, the schema that reads it, the fields it has. */
export interface PageForm {
  url: string;
  schema: TSchema | null;
  fields?: readonly string[];
}
const FORMS = new Map<string, PageForm>();

/**
 * Called for every page route (web/scope.tsx): a POST page names the schema its form is read with;
 * one still on a schema of its own (Fastify checks its body) is recorded with that schema.
 */
export function recordForm(route: {
  url: string;
  method: string | string[];
  config?: { form?: TSchema | null; formFields?: readonly string[]; public?: boolean };
  schema?: { body?: unknown };
}) {
  if (route.method !== 'POST' || route.config?.public) return;
  const body = route.schema?.body as TSchema | undefined;
  if (route.config?.form === undefined && body === FormFields)
    throw new Error(`${route.url}: a page form names the API schema it is read with (config.form)`);
  const schema = route.config?.form !== undefined ? route.config.form : (body ?? null);
  FORMS.set(route.url, { url: route.url, schema, fields: route.config?.formFields });
}

/** Every page form known so far (the parity test walks them). */
export const pageForms = () => [...FORMS.values()];

const validators = new WeakMap<object, ValidateFunction>();
function validator(schema: object): ValidateFunction {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = bodies.compile(schema)));
  return v;
}

/** The schema's branches (a union such as Nullable(T) is read as T, which may also be null). */
const branches = (n: Node): Node[] => (n.anyOf ? n.anyOf.flatMap(branches) : [n]);
const typesOf = (n: Node): string[] =>
  branches(n).flatMap((b) =>
    b.type ? ([] as string[]).concat(b.type) : b.enum || b.const !== undefined ? ['string'] : [],
  );
const nullable = (n: Node) => typesOf(n).includes('null');
const TRUE = new Set(['true', 'on', '1', 'yes']);
const FALSE = new Set(['false', 'off', '0', 'no']);

/** One form value as the schema's JSON; what cannot be read is left as it was (Ajv then says why). */
function coerce(n: Node, raw: string | string[]): unknown {
  const types = typesOf(n);
  if (types.includes('array')) {
    const items = branches(n).find((b) => b.items)?.items ?? {};
    const tight = items.format === 'email' || items.format === 'uuid';
    const list = Array.isArray(raw) ? raw : raw.split(tight ? /[\s,;]+/ : /\r?\n/);
    return list
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => coerce(items, x));
  }
  if (Array.isArray(raw)) return raw;
  // An address is never meant with the spaces around it (browsers trim type=email; text boxes do not).
  if (branches(n).some((b) => b.format === 'email')) raw = raw.trim();
  if (raw === '') {
    if (types.includes('string') && validator(n)('')) return '';
    return nullable(n) ? null : undefined;
  }
  if ((types.includes('integer') || types.includes('number')) && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  if (types.includes('boolean')) {
    if (TRUE.has(raw)) return true;
    if (FALSE.has(raw)) return false;
  }
  return raw;
}

/** A field the schema refused, and why (Ajv's keyword and parameters, for the catalogue's words). */
export interface FieldProblem {
  field: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A form the API's schema refuses: the same 400 `validation` problem the API answers, field by field. */
export class FormRefused extends DomainError {
  constructor(readonly fields: FieldProblem[]) {
    const errors = fields.map((f) => ({ path: `body.${f.field}`, message: f.keyword }));
    super(400, 'validation', 'Invalid request', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors });
  }
}

const fieldOf = (e: ErrorObject) => {
  const path = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required') path.push(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') path.push(String(e.params.additionalProperty));
  return path[0] ?? '';
};

/**
 * The form's fields that the schema names, as the schema's type, checked as the API checks its
 * body; throws FormRefused with every field's first problem. Fields the schema does not name (the
 * CSRF token, a button's name, where to go next) are the page's own and are left out.
 */
export function readForm<T extends TSchema>(
  schema: T,
  form: FormFields | Record<string, unknown>,
  pick?: readonly string[],
): Static<T> {
  const s = schema as unknown as Node;
  const json: Json = {};
  for (const [k, n] of Object.entries(s.properties ?? {})) {
    if (pick && !pick.includes(k)) continue;
    const raw = form[k];
    if (raw === undefined) continue;
    // A value the page already read from its presentation (rows of "key, name, minutes") is checked as it is.
    const text = typeof raw === 'string' || (Array.isArray(raw) && raw.every((x) => typeof x === 'string'));
    const v = text ? coerce(n, raw as string | string[]) : raw;
    if (v !== undefined) json[k] = v;
  }
  const check = validator(schema);
  if (check(json)) return json as Static<T>;
  // The shared instance stops at the first error; each field is asked on its own for the rest.
  const fields = new Map<string, FieldProblem>();
  for (const e of check.errors ?? [])
    fields.set(fieldOf(e), { field: fieldOf(e), keyword: e.keyword, params: e.params });
  for (const [k, n] of Object.entries(s.properties ?? {})) {
    if (fields.has(k) || json[k] === undefined) continue;
    const one = validator(n);
    if (!one(json[k])) {
      const e = one.errors![0];
      fields.set(k, { field: k, keyword: e.keyword, params: e.params });
    }
  }
  throw new FormRefused([...fields.values()]);
}

/** What a refused page action shows: the status, the message, and the fields at fault. */
export interface PageRefusal {
  status: number;
  /** the problem's code: the catalogue's `refusal.<code>` says it in the reader's language, when it has one */
  code: string;
  detail: string;
  /** the detail's values (DomainError.values), for the catalogue's `refusalWith.<code>` */
  values: Record<string, string | number>;
  fields: FieldProblem[];
}

/**
 * A failure as the pages show it, mapped exactly as the API maps it (http/problem.ts); null for
 * what is no refusal (an outage, or a fault of ours), which the page error handler answers.
 */
export function pageRefusal(err: unknown): PageRefusal | null {
  if (!(err instanceof Error)) return null;
  const p = problemOf(err as FastifyError);
  if (!p || p.status >= 500) return null;
  return {
    status: p.status,
    code: p.code,
    detail: p.detail ?? p.title ?? p.code,
    values: err instanceof DomainError ? err.values : {},
    fields: err instanceof FormRefused ? err.fields : [],
  };
}

/**
 * The HTML attributes of a form control, from the schema of its field. What people write (free text,
 * not one of the schema's choices) takes its direction from its own first letters (dir="auto"): a
 * Hebrew title in an English page, or an e-mail address in a Hebrew one, reads as it was written.
 */
export function control(schema: TSchema, name: string) {
  const s = schema as unknown as Node;
  const n = s.properties?.[name] ?? {};
  const b = branches(n).find((x) => x.type !== 'null') ?? n;
  const written = typesOf(n).some((t) => t === 'string' || t === 'array') && !b.enum && b.const === undefined;
  return {
    name,
    dir: written ? ('auto' as const) : undefined,
    required: !!s.required?.includes(name) && !typesOf(n).includes('boolean'),
    maxLength: b.maxLength,
    minLength: b.minLength,
    min: b.minimum,
    max: b.maximum,
  };
}

/** A select's options: the values the schema's enum allows. */
export function choices(schema: TSchema, name: string): string[] {
  const n = (schema as unknown as Node).properties?.[name] ?? {};
  return branches(n).flatMap((b) => (b.enum ?? (b.const !== undefined ? [b.const] : [])) as string[]);
}

/** The most items an array field takes (co-speakers: 5). */
export const maxItems = (schema: TSchema, name: string) =>
  branches((schema as unknown as Node).properties?.[name] ?? {}).find((b) => b.maxItems !== undefined)?.maxItems;

/** The whole numbers a field allows, from its minimum to its maximum (a score: 1 to 5). */
export function range(schema: TSchema, name: string): number[] {
  const n = (schema as unknown as Node).properties?.[name] ?? {};
  const b = branches(n).find((x) => x.minimum !== undefined && x.maximum !== undefined);
  return b ? Array.from({ length: b.maximum! - b.minimum! + 1 }, (_, k) => b.minimum! + k) : [];
}
