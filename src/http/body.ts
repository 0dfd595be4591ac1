/**
 * What reaches a route is well-formed: a JSON body must be valid UTF-8 (a stray byte would otherwise
 * become U+FFFD inside someone's title, silently), and errors the HTTP parser raises before Fastify
 * sees a request (headers or URL too large, garbage) still answer problem+json.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import secureJson from 'secure-json-parse';
import { sendProblem } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function registerJsonParser(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(
        Object.assign(new Error('The body is not valid UTF-8.'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_UTF8' }),
      );
    }
    if (text.length === 0)
      return done(
        Object.assign(new Error("Body cannot be empty when content-type is set to 'application/json'"), {
          statusCode: 400,
          code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
        }),
      );
    try {
      done(null, secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }));
    } catch (e) {
      done(Object.assign(e as Error, { statusCode: 400 }), undefined);
    }
  });
}

const problem = (status: number, title: string, detail: string) => {
  const body = JSON.stringify({
    type: `/problems/${status === 431 ? 'headers-too-large' : 'bad-request'}`,
    title,
    status,
    detail,
    code: status === 431 ? 'headers-too-large' : 'bad-request',
  });
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
};

/** Fastify's clientErrorHandler: the HTTP parser's refusals as problem+json. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  socket.end(
    tooLarge
      ? problem(
          431,
          'Request Header Fields Too Large',
          'The request line or headers are too large (the URL is too long, or too many cookies).',
        )
      : problem(400, 'Bad Request', 'The request is not valid HTTP.'),
  );
}

/**
 * Fastify's refusals before routing (a path segment longer than a route parameter may be, a URL
 * that does not decode, a body the schema validator could not even read): problem+json too.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendProblem(reply, req, {
      status: 414,
      code: 'uri-too-long',
      title: 'URI too long',
      detail: 'A part of the path is longer than any identifier this API uses.',
    });
  if (err.code === 'FST_ERR_BAD_URL')
    return sendProblem(reply, req, { status: 400, code: 'bad-url', detail: 'The URL cannot be decoded.' });
  return sendProblem(reply, req, { status: err.statusCode ?? 400, code: 'bad-request', detail: err.message });
}
