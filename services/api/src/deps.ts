import type { Logger } from 'pino';
import type { SavedSearchStore } from '@tidings/alerts';
import type { TidingsIndex } from '@tidings/index';
import type { TidingsMetrics } from '@tidings/metrics';
import type { PipelineQueues, RedisClient } from '@tidings/queue';
import type { DiscoveryFetchOptions } from '@tidings/subscriptions';
import type { AuthSettings } from './auth.js';
import type { HostSettings } from './host-check.js';
import type { AnnouncementSource } from './live-streams.js';
import type { MatchSource } from './match-streams.js';
import type { OpmlCodec } from './opml.js';
import type { WebSubCallbackDeps } from './routes/websub.js';

/** Everything the API's routes use; built by main.ts from the runtime, or by a test. */
export interface ApiDeps {
  index: TidingsIndex;
  queues: PipelineQueues;
  /** For /readyz (a PING). */
  redis: RedisClient;
  log: Logger;
  auth: AuthSettings;
  /** Newly indexed articles as the Redis stream holds them (LiveEventHub), for /api/stream and its resumption. */
  events: AnnouncementSource;
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
   * The fetcher's settings (TIDINGS_FETCH_*): a feed is refused at
   * subscription exactly when the fetcher would refuse it, and the page or
   * feed subscribed to is fetched with the same limits. Default
   * {@link DEFAULT_FETCH_SETTINGS}.
   */
  fetch?: DiscoveryFetchOptions;
  /**
   * Longest one OPML import (POST /api/opml) may take, in milliseconds; the
   * feeds it has not come to are answered as `unprocessed`. Default
   * DEFAULT_IMPORT_BUDGET_MS of @tidings/subscriptions.
   */
  opmlImportBudgetMs?: number;
  /** Saved searches (Redis); without it the /api/saved-searches routes are not served. */
  savedSearches?: SavedSearchStore;
  /** WebSub callbacks (`/websub/:id`); given only when WebSub is on (TIDINGS_API_PUBLIC_URL), else not served. */
  webSub?: WebSubCallbackDeps;
  /** Saved-search matches as the Redis stream of matches holds them (LiveEventHub.alertMatches), for /api/saved-searches/:id/stream and its resumption (not served without). */
  alertMatches?: MatchSource;
}

/** Fetch settings when none are given (a test's app): no private-address exemptions, the configuration's default limits. */
export const DEFAULT_FETCH_SETTINGS: DiscoveryFetchOptions = { allowPrivate: [], timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024 };

/** Live streams one API process serves at once when not configured. */
export const DEFAULT_MAX_STREAMS = 100;
