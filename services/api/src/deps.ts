import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TidingsIndex } from '@tidings/index';
import type { TidingsMetrics } from '@tidings/metrics';
import type { IndexedEvent, PipelineQueues } from '@tidings/queue';
import type { AuthSettings } from './auth.js';
import type { HostSettings } from './host-check.js';
import type { OpmlCodec } from './opml.js';

/** Everything the API's routes use; built by main.ts from the runtime, or by a test. */
export interface ApiDeps {
  index: TidingsIndex;
  queues: PipelineQueues;
  /** For /readyz (a PING). */
  redis: Redis;
  log: Logger;
  auth: AuthSettings;
  /** Newly indexed articles, for /api/stream. */
  events: { listen(listener: (event: IndexedEvent) => void): () => void };
  metrics: TidingsMetrics;
  /** OPML import/export; null answers 501 until an implementation is wired. */
  opml: OpmlCodec | null;
  /** Seconds between keep-alive comments on a live stream. */
  streamHeartbeatSeconds?: number;
  /** Most live streams at once (TIDINGS_API_MAX_STREAMS); more get 503. Default {@link DEFAULT_MAX_STREAMS}. */
  maxStreams?: number;
  /**
   * Where the API is reached, for the Host check against DNS rebinding: the
   * listen address and TIDINGS_API_PUBLIC_URL. Default: loopback names only.
   */
  hosts?: HostSettings;
  /**
   * The fetcher's private-address allow-list (TIDINGS_FETCH_ALLOW_PRIVATE), so
   * a feed is refused at subscription exactly when the fetcher would refuse
   * it. Default: no exemptions.
   */
  fetch?: { allowPrivate: string[] };
}

/** Live streams one API process serves at once when not configured. */
export const DEFAULT_MAX_STREAMS = 100;
