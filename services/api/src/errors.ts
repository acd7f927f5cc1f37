import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { TidingsError } from '@tidings/contracts';
import type { ErrorBody } from './schemas/common.js';

/** An answer the API gives on purpose (404 for an unknown feed...). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status and code for each TidingsError code a route can meet; anything else is the server's fault. */
const TIDINGS_STATUS: Partial<Record<string, { status: number; code: string }>> = {
  'invalid-payload': { status: 400, code: 'invalid-query' },
  'invalid-url': { status: 400, code: 'invalid-url' },
  'blocked-address': { status: 400, code: 'blocked-address' },
  'not-found': { status: 404, code: 'not-found' },
  io: { status: 503, code: 'unavailable' },
};

/** Codes of Fastify's own client errors by status (others are `bad-request`). */
const CLIENT_ERROR_CODES: Partial<Record<number, string>> = { 413: 'too-large', 414: 'uri-too-long', 415: 'unsupported-media-type' };

/**
 * Maps a thrown error to the answer: validation problems and malformed
 * queries are 400 with a message that says what is wrong; the index being
 * unreachable is 503; anything unexpected is 500 with a generic message.
 * Internal error text (SQL, stack traces) is logged, never sent.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) return { statusCode: error.statusCode, error: error.code, message: error.message };
  if (error instanceof TidingsError) {
    const mapped = TIDINGS_STATUS[error.code];
    if (mapped?.status === 503) return { statusCode: 503, error: mapped.code, message: 'the index is unavailable; try again shortly' };
    if (mapped) return { statusCode: mapped.status, error: mapped.code, message: error.message };
    return { statusCode: 500, error: 'internal', message: 'internal error' };
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = fastifyError.validationContext ?? 'request';
    const detail = error.validation
      .map((issue) => `${[context, ...issue.instancePath.split('/').filter(Boolean)].join('.')}: ${issue.message}`)
      .join('; ');
    return { statusCode: 400, error: 'bad-request', message: detail };
  }
  if (isResponseSerializationError(error)) return { statusCode: 500, error: 'internal', message: 'internal error' };
  // Fastify's own client errors: unparseable JSON, body too large, wrong content type...
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: CLIENT_ERROR_CODES[status] ?? 'bad-request', message: fastifyError.message ?? 'bad request' };
  }
  return { statusCode: 500, error: 'internal', message: 'internal error' };
}

/** The fastify error handler: logs server faults in full, answers with {@link toErrorBody}. */
export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const body = toErrorBody(error);
  if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error, message: body.message }, 'request refused');
  return reply.code(body.statusCode).send(body);
}
