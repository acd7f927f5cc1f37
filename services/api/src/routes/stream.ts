import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IndexedEvent } from '@tidings/queue';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { filtersOf, StreamQuery } from '../schemas/articles.js';
import { READ_ERRORS } from '../schemas/common.js';
import { followsEverything, matchStream, type StreamFilter } from '../stream-filter.js';

/** A reader this far behind (bytes not yet sent) is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The JSON of one `article` event. */
export function streamEventData(event: IndexedEvent, snippet: string | null): string {
  const { id, url, title, siteName, authors, publishedAt, indexedAt } = event;
  return JSON.stringify({ id, url, title, siteName, authors, publishedAt, indexedAt, snippet });
}

/**
 * GET /api/stream: Server-Sent Events, one `article` event per newly indexed
 * article (filtered by the query when one is given), a `ready` event once
 * the stream is live, and a comment line as keep-alive.
 */
export const streamRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  const open = new Set<ServerResponse>();
  const heartbeatMs = (deps.streamHeartbeatSeconds ?? 15) * 1000;

  // End live streams first, or closing the server would wait for them forever.
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
  });

  app.get(
    '/api/stream',
    {
      onRequest: requireAccess(deps.auth, 'read'),
      schema: {
        tags: ['articles'],
        summary: 'Newly indexed articles as Server-Sent Events (event: article, data: a hit with indexedAt)',
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const filter: StreamFilter = { q: request.query.q, filters: filtersOf(request.query) };
      const everything = followsEverything(filter);
      // Validates the query before the stream starts: a malformed one is a 400, not a silent stream.
      if (!everything) await deps.index.search(filter.q, { limit: 0, filters: filter.filters });

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      open.add(response);
      const send = (chunk: string) => {
        if (response.writableEnded) return;
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          request.log.warn('live stream reader too slow: dropped');
          response.destroy();
          return;
        }
        response.write(chunk);
      };

      // Matching awaits the index: a chain keeps events in the order they were indexed.
      let chain = Promise.resolve();
      const stopListening = deps.events.listen((event) => {
        chain = chain
          .then(async () => {
            const hit = everything ? null : await matchStream(deps.index, filter, event);
            if (!everything && !hit) return;
            send(`id: ${event.id}\nevent: article\ndata: ${streamEventData(event, hit?.snippet ?? null)}\n\n`);
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not match an article against a live stream'));
      });
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      response.on('close', () => {
        clearInterval(heartbeat);
        stopListening();
        open.delete(response);
      });
      send(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ q: filter.q, filters: filter.filters })}\n\n`);
    },
  );
};
