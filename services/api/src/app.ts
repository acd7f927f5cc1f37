import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { TIDINGS_VERSION } from '@tidings/http';
import type { ApiDeps } from './deps.js';
import { handleError } from './errors.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { opmlRoutes } from './routes/opml.js';
import { pageRoutes } from './routes/page.js';
import { searchRoutes } from './routes/search.js';
import { streamRoutes } from './routes/stream.js';

/** Longest request target (path and query string) accepted; longer ones get 414. */
export const MAX_URL_LENGTH = 8 * 1024;
/** Largest request body by default (routes that take more say so). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Builds the API (routes, schemas, OpenAPI, dashboard, page) without
 * listening, so tests can `inject` requests or listen on port 0.
 */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ service: 'api' }) as FastifyBaseLogger,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Article ids may be given as URL-encoded article URLs.
    routerOptions: { maxParamLength: 2048 },
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({ statusCode: 404, error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      await reply.code(414).send({ statusCode: 414, error: 'uri-too-long', message: `the request target is longer than ${MAX_URL_LENGTH} characters` });
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tidings API',
        version: TIDINGS_VERSION,
        description: 'Search what Tidings has read, manage feeds, follow new articles live. Writes need `Authorization: Bearer <TIDINGS_API_TOKEN>` when a token is set.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: deps.auth.token ? [{ bearer: [] }] : [],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  // The JSON API: zod validates requests and shapes responses; the same schemas make the OpenAPI document.
  await app.register(async (api) => {
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    await api.register(searchRoutes, { deps });
    await api.register(feedRoutes, { deps });
    await api.register(opmlRoutes, { deps });
    await api.register(streamRoutes, { deps });
    await api.register(healthRoutes, { deps });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(dashboardRoutes, { deps });
  await app.register(pageRoutes);
  return app;
}
