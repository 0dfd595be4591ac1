/**
 * Request validation with two Ajv instances: query strings, params and headers are text, so they
 * are coerced ("50" → 50, one value → array); JSON bodies are not ("4" is not a score). Unknown
 * body fields are refused, never silently dropped: every body schema says additionalProperties
 * false, and an API route that takes no body at all refuses any field sent to it (an empty body,
 * null or {} are fine), e.g. `PUT …/members/me {"role":"organizer"}` is a 400, not a plain join.
 */
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const common: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
  addUsedSchema: false,
};

/** The JSON bodies' validator: the pages check their forms with it too (web/form.ts). */
export const bodies = addFormats(new Ajv({ ...common, coerceTypes: false }));
const texts = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));

export function registerValidation(app: FastifyInstance) {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodies : texts).compile(schema));
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (!route.url.startsWith('/v1/') || !methods.some((m) => UNSAFE.has(m))) return;
    if ((route.schema as { body?: unknown } | undefined)?.body) return;
    route.preValidation = ([] as unknown[]).concat(
      route.preValidation ?? [],
      refuseAnyBody,
    ) as typeof route.preValidation;
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route without a body schema takes no fields: each one sent is named in a 400, as a schema would. */
async function refuseAnyBody(req: FastifyRequest) {
  const body = req.body;
  if (body === undefined || body === null) return;
  const fields = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
  if (fields?.length === 0) return;
  const err = Object.assign(new Error('This request takes no body.'), {
    statusCode: 400,
    validationContext: 'body',
    validation: fields
      ? fields.map((f) => ({ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: f } }))
      : [{ instancePath: '', keyword: 'type', params: {}, message: 'must be empty: this request takes no body' }],
  });
  throw err;
}
