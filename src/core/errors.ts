/**
 * Domain errors. Services throw these; one handler (http/problem.ts) turns them into RFC 9457
 * problem+json. `code` becomes the problem's `type` (/problems/<code>) and `code` members.
 */
export class DomainError extends Error {
  /**
   * The values of the detail, for the pages to say it in the reader's language (`refusalWith.<code>` of
   * the catalogue, web/action.tsx refusalText). Not in the problem body: the API's JSON is `extra`.
   * Moments are ISO strings, with the time zone they are said in as `zone`.
   */
  values: Record<string, string | number> = {};

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  /** This error, its detail's values given (see `values`). */
  saying(values: Record<string, string | number>): this {
    this.values = values;
    return this;
  }
}

export class BadRequest extends DomainError {
  constructor(code: string, detail: string, extra?: Record<string, unknown>) {
    super(400, code, 'Bad request', detail, extra);
  }
}
export class Unauthorized extends DomainError {
  constructor(detail = 'Send a valid API token: Authorization: Bearer <token>.') {
    super(401, 'unauthorized', 'Authentication required', detail);
  }
}
export class Forbidden extends DomainError {
  constructor(detail: string, code = 'forbidden') {
    super(403, code, 'Not allowed', detail);
  }
}
/** An unsafe request rode on a session cookie without the session's CSRF token. */
export class CsrfRefused extends DomainError {
  constructor() {
    super(
      403,
      'csrf',
      'Not allowed',
      'Requests made with a session cookie must carry its CSRF token (X-CSRF-Token header or _csrf field).',
    );
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'not-found', 'Not found', `${what} was not found.`);
  }
}
export class Conflict extends DomainError {
  constructor(code: string, detail: string, extra?: Record<string, unknown>) {
    super(409, code, 'Conflict', detail, extra);
  }
}
export class PreconditionFailed extends DomainError {
  constructor(detail = 'The resource changed since you read it (If-Match does not match its ETag); read it again.') {
    super(412, 'stale-etag', 'Precondition failed', detail);
  }
}
export class RuleBroken extends DomainError {
  constructor(code: string, detail: string, extra?: Record<string, unknown>) {
    super(422, code, 'Rule broken', detail, extra);
  }
}
export class TooManyRequests extends DomainError {
  constructor(
    code: string,
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, 'Too many requests', detail, { retryAfter: retryAfterSeconds });
  }
}
