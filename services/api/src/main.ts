import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SavedSearchStore } from '@tidings/alerts';
import { checkAllowList } from '@tidings/http';
import { readIndexFigures, readPipelineFigures, TidingsMetrics } from '@tidings/metrics';
import { pollingPolicy } from '@tidings/polling';
import type { Runtime } from '@tidings/runtime';
import { WebSubStore } from '@tidings/websub';
import { buildApp, type ApiTimeouts } from './app.js';
import { assertSafeListen } from './auth.js';
import { LiveEventHub } from './event-hub.js';
import { TIDINGS_OPML, type OpmlCodec } from './opml.js';
import type { WebSubCallbackDeps } from './routes/websub.js';

/** A listening API and how to stop it. */
export interface ApiServer {
  /** Where it serves, e.g. http://127.0.0.1:8080 */
  url: string;
  app: FastifyInstance;
  /** Ends live streams, stops listening, stops reading events. */
  close(): Promise<void>;
}

export interface StartApiOptions {
  /** Overrides TIDINGS_API_HOST. */
  host?: string;
  /** Overrides TIDINGS_API_PORT (0: any free port). */
  port?: number;
  /** OPML import/export (default @tidings/opml); null makes those two routes answer 501. */
  opml?: OpmlCodec | null;
  /** Overrides of the server's timeouts (DEFAULT_TIMEOUTS). */
  timeouts?: Partial<ApiTimeouts>;
  /** Seconds between keep-alive comments on live streams (default 15). */
  streamHeartbeatSeconds?: number;
}

/** The URL a listening server answers on (IPv6 hosts in brackets). */
export function serverUrl(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * The API service: builds the app on the runtime's Redis, queues and index,
 * reads the stream of indexed articles, and listens. Refuses a non-loopback
 * address without TIDINGS_API_TOKEN, and a malformed TIDINGS_FETCH_ALLOW_PRIVATE.
 */
export async function startApi(runtime: Runtime, options: StartApiOptions = {}): Promise<ApiServer> {
  const { config } = runtime;
  const host = options.host ?? config.api.host;
  const port = options.port ?? config.api.port;
  assertSafeListen(host, config.api.token);
  // A malformed TIDINGS_FETCH_ALLOW_PRIVATE entry would fail every subscription: say so now.
  checkAllowList(config.fetch.allowPrivate);
  const log = runtime.log.child({ service: 'api' });
  const events = await LiveEventHub.connect(runtime.redis, config.queuePrefix, log);
  const metrics = new TidingsMetrics(async () => {
    const [pipeline, index] = await Promise.all([readPipelineFigures(runtime.redis, runtime.queues), readIndexFigures(runtime.index)]);
    return { pipeline, index };
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      index: runtime.index,
      queues: runtime.queues,
      redis: runtime.redis,
      log: runtime.log,
      auth: { token: config.api.token, publicRead: config.api.publicRead },
      events,
      metrics,
      opml: options.opml === undefined ? TIDINGS_OPML : options.opml,
      maxStreams: config.api.maxStreams,
      hosts: { listenHost: host, publicUrl: config.api.publicUrl },
      fetch: config.fetch,
      savedSearches: new SavedSearchStore(runtime.redis, config.queuePrefix),
      ...webSubCallbacks(runtime),
      alertMatches: events.alertMatches,
      ...(options.streamHeartbeatSeconds === undefined ? {} : { streamHeartbeatSeconds: options.streamHeartbeatSeconds }),
    }, { timeouts: options.timeouts });
    await app.listen({ host, port });
  } catch (error) {
    await events.close();
    throw error;
  }
  const url = serverUrl(app.server.address());
  log.info({ url, auth: config.api.token ? (config.api.publicRead ? 'writes' : 'all') : 'none' }, 'API listening');
  return {
    url,
    app,
    close: async () => {
      await app.close();
      await events.close();
    },
  };
}

/** The WebSub callbacks' dependencies, when WebSub is on (TIDINGS_API_PUBLIC_URL set). */
function webSubCallbacks(runtime: Runtime): { webSub?: WebSubCallbackDeps } {
  const { config } = runtime;
  if (config.websub.publicUrl === null) return {};
  return {
    webSub: {
      store: new WebSubStore(runtime.redis, config.queuePrefix),
      bodies: runtime.bodies,
      polling: { index: runtime.index, policy: pollingPolicy(config) },
      leaseMs: config.websub.leaseMs,
      safetyPollMs: config.websub.safetyPollMs,
      maxBytes: config.fetch.maxBytes,
    },
  };
}
