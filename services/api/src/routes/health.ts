import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { ErrorSchema } from '../schemas/common.js';

/** How long a readiness check may take before it counts as a failure. */
const CHECK_TIMEOUT_MS = 2_000;

const ReadySchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ redis: z.string().describe("'ok' or what failed"), index: z.string() }),
  })
  .meta({ id: 'Readiness' });

/** 'ok', or a short reason (never the underlying error text, which may carry addresses or SQL). */
async function check(probe: () => Promise<unknown>, what: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = Symbol('timed out');
  const timeout = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([probe(), timeout])) === timedOut ? `${what} did not answer within ${CHECK_TIMEOUT_MS} ms` : 'ok';
  } catch {
    return `${what} is unreachable`;
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz (the process is up), /readyz (Redis and the index answer) and /metrics (Prometheus). */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    { schema: { tags: ['health'], summary: 'Redis and the index answer (503 when not)', response: { 200: ReadySchema, 503: ReadySchema } } },
    async (_request, reply) => {
      const [redis, index] = await Promise.all([check(() => deps.redis.ping(), 'Redis'), check(() => deps.index.countArticles(), 'the index')]);
      const ready = redis === 'ok' && index === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { redis, index } });
    },
  );

  app.get(
    '/metrics',
    {
      onRequest: requireAccess(deps.auth, 'read'),
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics: queue depths, job durations, fetch results, articles indexed, feed failures, lag',
        produces: ['text/plain'],
        response: { 200: z.string(), 401: ErrorSchema },
      },
    },
    async (_request, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.render()),
  );
};
