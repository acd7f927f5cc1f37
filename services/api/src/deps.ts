import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TidingsIndex } from '@tidings/index';
import type { TidingsMetrics } from '@tidings/metrics';
import type { IndexedEvent, PipelineQueues } from '@tidings/queue';
import type { AuthSettings } from './auth.js';
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
}
