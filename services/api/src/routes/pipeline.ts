import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { readPipelineView, type PipelineView } from '@tidings/metrics';
import { requireAccess } from '../auth.js';
import { DEFAULT_MAX_STREAMS, type ApiDeps } from '../deps.js';
import { PipelineSampler } from './pipeline-sampler.js';
import { EVENT_STREAM_HEADERS } from './stream.js';

/** How often the pipeline view is sampled while someone watches it. */
export const DEFAULT_PIPELINE_SAMPLE_MS = 2_000;
/** A watcher this far behind (bytes not yet sent) is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * The pipeline view's data (its page, /pipeline, is served with the search
 * page's files by page.ts): GET /api/pipeline (one snapshot as JSON) and
 * GET /api/pipeline/stream (Server-Sent Events, one `view` event per
 * sample). One sampler per API process reads the figures for every watcher
 * (see pipeline-sampler.ts); the page needs nothing from outside this host.
 */
export const pipelineRoutes: FastifyPluginAsync<{ deps: ApiDeps; sampleMs?: number }> = async (app, { deps, sampleMs }) => {
  const sampler = new PipelineSampler<PipelineView>(
    () => readPipelineView(deps.redis, deps.queues, deps.index),
    sampleMs ?? DEFAULT_PIPELINE_SAMPLE_MS,
    (error) => deps.log.warn({ err: error }, 'could not sample the pipeline view'),
  );
  const open = new Set<ServerResponse>();
  const maxStreams = deps.maxStreams ?? DEFAULT_MAX_STREAMS;
  app.addHook('preClose', async () => {
    sampler.close();
    for (const response of open) response.end();
  });

  app.get('/api/pipeline', { onRequest: requireAccess(deps.auth, 'read'), schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send((await sampler.latest()).json),
  );

  app.get('/api/pipeline/stream', { onRequest: requireAccess(deps.auth, 'read'), schema: { hide: true } }, async (request, reply) => {
    if (open.size >= maxStreams) {
      return reply.code(503).header('Retry-After', '10').send({ statusCode: 503, error: 'too-many-streams', message: `this API already serves ${maxStreams} pipeline streams` });
    }
    reply.hijack();
    const response = reply.raw;
    if (request.method === 'HEAD') {
      // The stream's headers and nothing more: a HEAD has no body to wait for.
      response.writeHead(200, EVENT_STREAM_HEADERS);
      response.end();
      return;
    }
    request.raw.socket.setTimeout(0);
    response.writeHead(200, EVENT_STREAM_HEADERS);
    open.add(response);
    const send = (chunk: string) => {
      if (response.writableEnded || response.destroyed) return;
      if (response.writableLength > MAX_BUFFERED_BYTES) {
        response.destroy();
        return;
      }
      response.write(chunk);
    };
    send('retry: 5000\n\n');
    const unsubscribe = sampler.subscribe((_view, json) => send(`event: view\ndata: ${json}\n\n`));
    response.on('close', () => {
      unsubscribe();
      open.delete(response);
    });
  });
};
