/**
 * Request validation with two Ajv instances: query strings, params and headers are text, so they
 * are coerced ("50" → 50, one value → array); JSON bodies are not ("4" is not a score). Unknown
 * body fields are refused, never silently dropped.
 */
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

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
}
