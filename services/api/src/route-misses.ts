import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers for requests no route takes, in the API's error shape: a path
 * served for other methods is a 405 naming them in `Allow` (so a client
 * learns it used the wrong method, not a wrong address), anything else a
 * 404. Fastify's own refusals before routing (a malformed percent-escape,
 * a parameter over maxParamLength) go through the API's error handler via
 * its `frameworkErrors` option (app.ts), so they too carry a typed code.
 */

/** Methods a route may be registered for (HEAD comes with every GET). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The methods some route of `app` answers on `path` (without its query string), in {@link METHODS} order. */
function methodsServing(app: FastifyInstance, path: string): string[] {
  return METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/**
 * A not-found handler for `app`: 405 with `Allow` when the path is served
 * only for other methods, else 404 (no route, or a route of this method
 * that called `reply.callNotFound()`).
 */
export function answerRouteMiss(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const serving = methodsServing(app, path);
    // A route of this very method that found nothing (a static file missing, say) is a 404, not a wrong method.
    const allowed = serving.includes(request.method) ? [] : serving;
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('Allow', allowed.join(', '))
        .send({ statusCode: 405, error: 'method-not-allowed', message: `${path} takes ${allowed.join(', ')}, not ${request.method}` });
    }
    return reply.code(404).send({ statusCode: 404, error: 'not-found', message: `no route ${request.method} ${path}` });
  };
}
