/**
 * RFC 9457 problem+json in one place: domain errors, validation errors, Fastify's own errors and
 * PostgreSQL constraint violations all leave here as `application/problem+json`. The `onRoute` hook
 * declares the problem responses on every route, so the OpenAPI document tells the truth.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyRequests } from '../core/errors';
import { RETRY_AFTER_SECONDS, type DatabaseWatch } from '../db/outage';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the database is reachable, and the outage log (db/outage.ts). */
    database: DatabaseWatch;
  }
}

export const PROBLEM_TYPE = 'application/problem+json';

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details. `code` repeats the last segment of `type`.',
  properties: {
    type: { type: 'string', examples: ['/problems/cfp-closed'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string', description: 'the id of this request in the log (also the X-Request-Id header)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code'],
  additionalProperties: true,
} as const;

const ERROR_STATUSES = ['400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '500', '503'];
const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Rule broken',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  [k: string]: unknown;
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, p: Problem) {
  const { status, code, title, detail, ...extra } = p;
  return reply
    .code(status)
    .type(PROBLEM_TYPE)
    .send({
      type: `/problems/${code}`,
      title: title ?? STATUS_TITLES[status] ?? 'Error',
      status,
      code,
      ...(detail ? { detail } : {}),
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...extra,
    });
}

export type UnavailablePage = (req: FastifyRequest, reply: FastifyReply) => unknown;

const wantsPage = (req: FastifyRequest) =>
  !req.url.startsWith('/v1/') && /\btext\/html\b/.test(req.headers.accept ?? '');

/** 503 while the database is out: a problem, or for a browser the page that says so. */
export function sendUnavailable(req: FastifyRequest, reply: FastifyReply, page?: UnavailablePage) {
  req.server.database.refusedOne();
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (page && wantsPage(req)) return page(req, reply);
  return sendProblem(reply, req, {
    status: 503,
    code: 'database-unavailable',
    detail: `The database cannot be reached right now; nothing was changed. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
  });
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

function validationErrors(err: FastifyError): { path: string; message: string }[] {
  const ctx = (err as { validationContext?: string }).validationContext ?? 'body';
  return (err.validation as AjvError[]).map((v) => {
    let path = `${ctx}${(v.instancePath ?? '').replace(/\//g, '.')}`;
    let message = v.message ?? 'is invalid';
    if (v.keyword === 'required') path += `.${v.params?.missingProperty}`;
    if (v.keyword === 'additionalProperties') {
      path += `.${v.params?.additionalProperty}`;
      message = 'is not a known field';
    }
    if (v.keyword === 'enum') message += `: ${(v.params?.allowedValues as unknown[]).join(', ')}`;
    return { path, message };
  });
}

/** PostgreSQL constraint violations that a service did not translate itself. */
function fromDatabase(err: { code?: string; constraint?: string; driverError?: unknown }): Problem | null {
  const d = (err.driverError ?? err) as { code?: string; constraint?: string; detail?: string };
  switch (d.code) {
    case '23505':
      return {
        status: 409,
        code: 'already-exists',
        detail: 'Something with the same unique value exists already.',
        constraint: d.constraint,
      };
    case '23503':
      return {
        status: 409,
        code: 'in-use',
        detail: 'It is referenced by something else, or refers to something that does not exist.',
        constraint: d.constraint,
      };
    case '23514':
    case '23502':
      return {
        status: 422,
        code: 'rule-broken',
        detail: 'The change breaks a rule of the data model.',
        constraint: d.constraint,
      };
    case '23P01':
      return {
        status: 409,
        code: 'overlap',
        detail: 'It overlaps with something that may not overlap.',
        constraint: d.constraint,
      };
    case '40001':
    case '40P01':
      return { status: 409, code: 'concurrent-change', detail: 'A concurrent change got there first; try again.' };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021':
    case '22P05':
    case '54000':
      return { status: 400, code: 'invalid-value', detail: 'A value is not valid for its field.' };
    default:
      return null;
  }
}

/**
 * What a failure says, at either door (the API's problem+json, the pages' refusal): a domain error,
 * a validation error, a PostgreSQL refusal, a client error Fastify raised; null for an unexpected
 * one (a 500). An unreachable database is asked first by the callers (db/outage.ts): it is a 503.
 */
export function problemOf(err: FastifyError): Problem | null {
  if (err instanceof DomainError)
    return { status: err.status, code: err.code, title: err.title, detail: err.message, ...err.extra };
  if (err.validation) {
    const errors = validationErrors(err);
    return {
      status: 400,
      code: 'validation',
      title: 'Invalid request',
      detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
      errors,
    };
  }
  if (err instanceof QueryFailedError || (err as { severity?: string }).severity) {
    const p = fromDatabase(err as { code?: string });
    if (p) return p;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body-too-large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported-media-type'
          : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
              err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
              err instanceof SyntaxError
            ? 'invalid-json'
            : 'bad-request';
    return { status, code, detail: err.message };
  }
  return null;
}

export default fp(async function problemPlugin(
  app: FastifyInstance,
  opts: { notFoundPage?: (req: FastifyRequest, reply: FastifyReply) => unknown } = {},
) {
  app.addSchema(ProblemSchema);

  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return;
    const schema = (route.schema ??= {});
    const response = ((schema as { response?: Record<string, unknown> }).response ??= {});
    for (const status of ERROR_STATUSES) {
      if (!(status in response)) {
        response[status] = {
          description: STATUS_TITLES[Number(status)],
          content: { [PROBLEM_TYPE]: { schema: { $ref: 'Problem#' } } },
        };
      }
    }
  });

  app.setNotFoundHandler((req, reply) =>
    // A browser asking for a page that does not exist gets a page that says so.
    opts.notFoundPage && wantsPage(req)
      ? opts.notFoundPage(req, reply)
      : sendProblem(reply, req, {
          status: 404,
          code: 'not-found',
          detail: `No route ${req.method} ${req.url.split('?')[0]}.`,
        }),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds));
    if (!(err instanceof DomainError) && !err.validation && req.server.database?.report(err))
      return sendUnavailable(req, reply);
    const p = problemOf(err);
    if (p) return sendProblem(reply, req, p);
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, {
      status: 500,
      code: 'internal',
      detail: 'Something went wrong on our side; it has been logged.',
    });
  });
});
