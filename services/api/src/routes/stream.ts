import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IndexedEvent } from '@tidings/queue';
import { requireAccess } from '../auth.js';
import { DEFAULT_MAX_STREAMS, type ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { articleEventId } from '../event-ids.js';
import { LiveStreams, REPLAY_CAPACITY, type StreamSlot } from '../live-streams.js';
import { MatchStreams, type SavedSearchMatch } from '../match-streams.js';
import { filtersOf, MatchStreamHeaders, StreamHeaders, StreamQuery } from '../schemas/articles.js';
import { ErrorSchema, IdParams, READ_ERRORS } from '../schemas/common.js';
import { followsEverything, type StreamFilter } from '../stream-filter.js';

/** A reader this far behind (bytes not yet sent) is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The JSON of one `article` event. */
export function streamEventData(event: IndexedEvent, snippet: string | null): string {
  const { id, url, title, siteName, authors, publishedAt, indexedAt } = event;
  return JSON.stringify({ id, url, title, siteName, authors, publishedAt, indexedAt, snippet });
}

/** The frame of one `article` event; its id ({@link articleEventId}) is what a reader sends back as Last-Event-ID. */
function articleEventFrame(event: IndexedEvent, snippet: string | null): string {
  return `id: ${articleEventId(event)}\nevent: article\ndata: ${streamEventData(event, snippet)}\n\n`;
}

/**
 * The frame of one saved-search match: `event: match`, the match as the
 * alerter announced it; its id, the id of that announcement on the stream of
 * matches (isMatchEventId of event-ids.ts), is what a reader sends back as
 * Last-Event-ID.
 */
export function matchEventFrame({ id, event }: SavedSearchMatch): string {
  return `id: ${id}\nevent: match\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The response headers of a live stream (and of a HEAD request for one). */
export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

/** Seconds a client turned away for too many streams is asked to wait (Retry-After). */
const FULL_RETRY_AFTER_SECONDS = 10;

/**
 * GET /api/stream: Server-Sent Events, one `article` event per newly indexed
 * article (filtered by the query when one is given), a `ready` event once
 * the stream is live, and a comment line as keep-alive. At most
 * `deps.maxStreams` at once (503 with Retry-After beyond); filtered streams
 * are matched in batches, one query per batch and distinct filter (see
 * live-streams.ts). A stream is exempt from the server's idle timeout: it
 * stays open until the reader leaves or the server closes.
 *
 * GET /api/saved-searches/:id/stream: one saved search's matches (`match`
 * events) as the alerter announces them, under the same cap, resumed after
 * a Last-Event-ID as /api/stream is (match-streams.ts). Served when the API
 * has saved searches and a source of their matches.
 */
export const streamRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  const open = new Set<ServerResponse>();
  const heartbeatMs = (deps.streamHeartbeatSeconds ?? 15) * 1000;
  const maxStreams = deps.maxStreams ?? DEFAULT_MAX_STREAMS;
  const streams = new LiveStreams(deps.index, deps.events, deps.log, maxStreams, deps.alertMatches && new MatchStreams(deps.alertMatches, deps.log));

  // End live streams first, or closing the server would wait for them forever.
  app.addHook('preClose', async () => {
    for (const response of open) response.end();
  });
  app.addHook('onClose', async () => streams.close());

  app.get(
    '/api/stream',
    {
      onRequest: requireAccess(deps.auth, 'read'),
      schema: {
        tags: ['articles'],
        summary: `Newly indexed articles as Server-Sent Events (event: article, data: a hit with indexedAt); resumes after a Last-Event-ID; 503 beyond ${maxStreams} streams`,
        querystring: StreamQuery,
        headers: StreamHeaders,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const slot = streams.reserve();
      if (slot === null) return refuseStream(request, reply, maxStreams);
      const filter: StreamFilter = { q: request.query.q, filters: filtersOf(request.query) };
      try {
        // Validates the query before the stream starts: a malformed one is a 400, not a silent stream.
        if (!followsEverything(filter)) await deps.index.search(filter.q, { limit: 0, filters: filter.filters });
      } catch (error) {
        slot.release();
        throw error;
      }

      // Checked by StreamHeaders; an empty one is none. One not found (older, or a bare article id) starts live, `resumed: false`.
      const lastEventId = request.headers['last-event-id'] || undefined;
      openEventStream(request, reply, open, heartbeatMs, slot, (send, ready) =>
        slot.attach(
          filter,
          {
            ready: (resumed) => ready({ q: filter.q, filters: filter.filters, ...(lastEventId === undefined ? {} : { resumed }) }),
            sink: (event, hit) => send(articleEventFrame(event, hit?.snippet ?? null)),
          },
          lastEventId,
        ),
      );
    },
  );

  const store = deps.savedSearches;
  if (!store || !deps.alertMatches) return;
  app.get(
    '/api/saved-searches/:id/stream',
    {
      onRequest: requireAccess(deps.auth, 'read'),
      schema: {
        tags: ['saved searches'],
        summary: `A saved search's matches as Server-Sent Events, as the alerter finds them (event: match, data: {searchId, matchedAt, article}); resumes after a Last-Event-ID; 503 beyond ${maxStreams} streams`,
        description: [
          "`event: ready` once live (`{savedSearch}`), then one `event: match` per match. Each match event's `id:` is the id of the match's announcement on the installation's Redis stream of matches (`<ms>-<seq>`, e.g. `1764700000000-0`).",
          `Reconnecting with \`Last-Event-ID\` (as EventSource does) first replays, after \`ready\`, this search's matches announced since that event, from the installation's last ${REPLAY_CAPACITY} match announcements (any API process resumes any reader), then goes on live, none twice; \`ready\` then says \`"resumed": true\`, or \`false\` when the id is not among them (older, another search's, or a bare article id as ids were before): the stream is live from now and may have missed matches.`,
          'An id the stream cannot have sent is a 400 `bad-request`.',
        ].join(' '),
        params: IdParams,
        headers: MatchStreamHeaders,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), 404: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const slot = streams.reserve();
      if (slot === null) return refuseStream(request, reply, maxStreams);
      try {
        if (!(await store.get(request.params.id))) throw new ApiError(404, 'not-found', `no saved search ${request.params.id}`);
      } catch (error) {
        slot.release();
        throw error;
      }
      // Checked by MatchStreamHeaders; an empty one is none. One not found (older, or a bare article id) starts live, `resumed: false`.
      const lastEventId = request.headers['last-event-id'] || undefined;
      const searchId = request.params.id;
      openEventStream(request, reply, open, heartbeatMs, slot, (send, ready) =>
        slot.attachMatches(
          searchId,
          {
            ready: (resumed) => ready({ savedSearch: searchId, ...(lastEventId === undefined ? {} : { resumed }) }),
            sink: (match) => send(matchEventFrame(match)),
          },
          lastEventId,
        ),
      );
    },
  );
};

/** 503 with Retry-After: every live-stream place is taken. */
function refuseStream(request: FastifyRequest, reply: FastifyReply, maxStreams: number): FastifyReply {
  request.log.warn({ maxStreams }, 'live stream refused: too many open');
  return reply
    .code(503)
    .header('Retry-After', String(FULL_RETRY_AFTER_SECONDS))
    .send({ statusCode: 503, error: 'too-many-streams', message: `this API already serves ${maxStreams} live streams (TIDINGS_API_MAX_STREAMS); try again shortly` });
}

/**
 * Turns the request into a live Server-Sent Events stream on `slot`:
 * `attach` wires the slot to `send`, and calls `ready` with what the
 * `ready` event says before it sends anything else (at once, or once a
 * resumed stream's place is found). Keep-alive comments every
 * `heartbeatMs`; a reader that falls MAX_BUFFERED_BYTES behind is dropped;
 * the slot is released when the stream ends, whoever ends it.
 */
function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  open: Set<ServerResponse>,
  heartbeatMs: number,
  slot: StreamSlot,
  attach: (send: (chunk: string) => void, ready: (data: unknown) => void) => void,
): void {
  reply.hijack();
  const response = reply.raw;
  if (request.raw.socket.destroyed) {
    // The reader left while the request was being checked.
    slot.release();
    return;
  }
  if (request.method === 'HEAD') {
    // The stream's headers and nothing more: a HEAD has no body to wait for, so it must not hold a place (and its connection) open.
    slot.release();
    response.writeHead(200, EVENT_STREAM_HEADERS);
    response.end();
    return;
  }
  // A live stream is meant to sit quiet between events: the idle timeout is for other requests.
  request.raw.socket.setTimeout(0);
  response.writeHead(200, EVENT_STREAM_HEADERS);
  open.add(response);
  const send = (chunk: string) => {
    if (response.writableEnded || response.destroyed) return;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      request.log.warn('live stream reader too slow: dropped');
      response.destroy();
      return;
    }
    response.write(chunk);
  };
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  response.on('close', () => {
    clearInterval(heartbeat);
    slot.release();
    open.delete(response);
  });
  attach(send, (data) => send(`retry: 5000\nevent: ready\ndata: ${JSON.stringify(data)}\n\n`));
}
