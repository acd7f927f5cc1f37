import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { TIDINGS_VERSION } from '@tidings/http';
import type { ApiDeps } from './deps.js';
import { handleError } from './errors.js';
import { allowedHostNames, requireKnownHost } from './host-check.js';
import { answerRouteMiss } from './route-misses.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { opmlRoutes } from './routes/opml.js';
import { pageRoutes } from './routes/page.js';
import { pipelineRoutes } from './routes/pipeline.js';
import { savedSearchRoutes } from './routes/saved-searches.js';
import { searchRoutes } from './routes/search.js';
import { storyRoutes } from './routes/stories.js';
import { streamRoutes } from './routes/stream.js';
import { webSubRoutes } from './routes/websub.js';

/** Longest request target (path and query string) accepted; longer ones get 414. */
export const MAX_URL_LENGTH = 8 * 1024;
/** Largest request body by default (routes that take more say so). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * How long the server waits for clients, so slow or silent ones cannot hold
 * connections (and memory) forever. Live streams are exempt from `idleMs`
 * (routes/stream.ts); the others do not apply to a response being streamed.
 */
export interface ApiTimeouts {
  /** Longest a client may take to send a request's headers (slowloris); then 408 and the connection is closed. */
  headersMs: number;
  /** Longest a client may take to send a whole request, body included; then 408. */
  requestMs: number;
  /**
   * How long an idle keep-alive connection is kept for the next request.
   * Longer than the 60 s idle timeout common proxies (nginx, cloud load
   * balancers) use, so the proxy closes first and never reuses a connection
   * we are closing.
   */
  keepAliveMs: number;
  /** Longest a connection may be silent both ways before it is closed (a response nobody reads...). */
  idleMs: number;
  /** How often the header and request deadlines are checked. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: ApiTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000, idleMs: 120_000, checkIntervalMs: 1_000 };

/** Options of {@link buildApp} beyond its dependencies. */
export interface BuildAppOptions {
  /** Overrides of {@link DEFAULT_TIMEOUTS} (tests use short ones). */
  timeouts?: Partial<ApiTimeouts>;
  /** How often the pipeline view is sampled while watched (default 2 s). */
  pipelineSampleMs?: number;
}

/**
 * Builds the API (routes, schemas, OpenAPI, dashboard, page) without
 * listening, so tests can `inject` requests or listen on port 0.
 */
export async function buildApp(deps: ApiDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    loggerInstance: deps.log.child({ service: 'api' }) as FastifyBaseLogger,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Access logs are debug lines (onResponse hook below): at the default info level a busy API does not flood the log.
    logController: new LogController({ disableRequestLogging: true }),
    // Article ids may be given as URL-encoded article URLs.
    routerOptions: { maxParamLength: 2048 },
    // Fastify's defaults wait for a request body forever (requestTimeout 0) and never drop a silent connection.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    http: { headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs), connectionsCheckingInterval: timeouts.checkIntervalMs },
    // Fastify's refusals before routing (a malformed %-escape, a parameter over maxParamLength) in the API's error shape too.
    frameworkErrors: handleError,
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(answerRouteMiss(app));
  // First of all: a request for a name this API is not reached by (DNS rebinding) gets nothing else.
  app.addHook('onRequest', requireKnownHost(allowedHostNames(deps.hosts ?? {})));
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      await reply.code(414).send({ statusCode: 414, error: 'uri-too-long', message: `the request target is longer than ${MAX_URL_LENGTH} characters` });
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
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
    await api.register(storyRoutes, { deps });
    await api.register(feedRoutes, { deps });
    await api.register(opmlRoutes, { deps });
    await api.register(streamRoutes, { deps });
    await api.register(healthRoutes, { deps });
    if (deps.savedSearches) await api.register(savedSearchRoutes, { deps, store: deps.savedSearches });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(dashboardRoutes, { deps });
  await app.register(pageRoutes);
  if (deps.webSub) await app.register(webSubRoutes, { deps, webSub: deps.webSub });
  await app.register(pipelineRoutes, { deps, ...(options.pipelineSampleMs ? { sampleMs: options.pipelineSampleMs } : {}) });
  return app;
}
