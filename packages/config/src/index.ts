import path from 'node:path';
import { z } from 'zod';
// The allow-list grammar has one parser, the one the fetcher uses (a light module: no HTTP client).
import { checkAllowList } from '@tidings/url';
import { parseRedisUrl } from './redis-url.js';

export * from './redis-url.js';
export * from './variables.js';

/** Parses "15m", "30s", "2h", "1d", "500ms" or a bare number of milliseconds. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?!\s)(ms|s|m|h|d)?\s*$/i.exec(value);
  if (!match) throw new Error(`not a duration: "${value}" (use e.g. 900000, 30s, 15m, 2h)`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
  return Math.round(amount * factor);
}

/** Whether a duration is a number alone: read as milliseconds by parseDuration, but where people type it a missing unit. */
export function isBareNumber(value: string): boolean {
  return /^\s*\d+(?:\.\d+)?\s*$/u.test(value);
}

/** Shortest retention accepted: anything shorter is far more likely a missing unit than a wish. */
export const MIN_RETENTION_MS = 3_600_000;

/**
 * Parses a retention period ("180d", "12h", "90m"): how long articles are
 * kept. "0" means keep forever (null). A unit is required (a bare "180"
 * would be 180 ms and prune everything), and it must be at least an hour.
 */
export function parseRetention(value: string): number | null {
  const trimmed = value.trim();
  if (/^0+(\.0+)?$/u.test(trimmed)) return null;
  if (isBareNumber(trimmed)) throw new Error(`retention "${value}" needs a unit (e.g. 180d, 12h); 0 keeps articles forever`);
  const ms = parseDuration(trimmed);
  if (ms === 0) return null;
  if (ms < MIN_RETENTION_MS) throw new Error(`retention "${value}" is shorter than an hour; use e.g. 180d or 12h (0 keeps articles forever)`);
  return ms;
}

/** A setting read by `parse`, whose Error message becomes the configuration error. */
const parsedWith = <T>(fallback: string, parse: (value: string) => T) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

/** Node.js keeps a timer of at most this many ms (a longer one fires at once, with a warning). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const TIMER_LIMIT = `the longest timer Node.js keeps (${MAX_TIMER_MS} ms, about 24.8 days)`;

/**
 * A duration setting: longer than 0 unless `zero` allows it (a TTL, a lock or
 * an interval of 0 breaks what it times), and at most MAX_TIMER_MS when it is
 * a timer's (`timer`).
 */
const duration = (fallback: string, { zero = false, timer = false } = {}) =>
  parsedWith(fallback, (value) => {
    const ms = parseDuration(value);
    if (ms === 0 && !zero) throw new Error(`"${value}" must be longer than 0`);
    if (timer && ms > MAX_TIMER_MS) throw new Error(`"${value}" is longer than ${TIMER_LIMIT}`);
    return ms;
  });

/** A comma-separated setting as its non-empty entries. */
const splitList = (value: string) => value.split(',').map((entry) => entry.trim()).filter(Boolean);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A time budget in ms, kept by a timer. */
const timeoutMs = (fallback: number) => z.coerce.number().int().positive().max(MAX_TIMER_MS, `at most ${TIMER_LIMIT}`).default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const EnvSchema = z.object({
  // One server (redis://, rediss://) or a Redis Cluster (redis+cluster://host1:port1,host2:port2): see redis-url.ts.
  REDIS_URL: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseRedisUrl(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  TIDINGS_QUEUE_PREFIX: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . - only').default('tidings'),
  TIDINGS_DATA_DIR: z.string().default('./data'),
  TIDINGS_INDEX_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL (leave unset for SQLite in TIDINGS_DATA_DIR)')
    .optional(),
  TIDINGS_POLL_INTERVAL: duration('15m'),
  TIDINGS_POLL_MIN: duration('5m'),
  TIDINGS_POLL_MAX: duration('24h'),
  TIDINGS_FEED_MAX_FAILURES: positiveInt(10),
  TIDINGS_HOST_CONCURRENCY: positiveInt(2),
  TIDINGS_HOST_DELAY_MS: nonNegativeInt(1_000),
  TIDINGS_FETCH_ALLOW_PRIVATE: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        checkAllowList(splitList(value));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  TIDINGS_FETCH_TIMEOUT_MS: timeoutMs(20_000),
  TIDINGS_FETCH_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  TIDINGS_FETCH_CONCURRENCY: positiveInt(8),
  TIDINGS_EXTRACT_CONCURRENCY: positiveInt(1),
  TIDINGS_EXTRACT_TIMEOUT_MS: timeoutMs(20_000),
  TIDINGS_PARSE_TIMEOUT_MS: timeoutMs(10_000),
  TIDINGS_PARSE_CONCURRENCY: positiveInt(2),
  TIDINGS_INDEX_CONCURRENCY: positiveInt(4),
  // The page types the indexer stores (the names of PAGE_TYPES in @tidings/contracts, which this package does not import).
  TIDINGS_INDEX_PAGE_TYPES: z
    .string()
    .default('article,forum,documentation')
    .transform((value) => value.split(',').map((type) => type.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.enum(['article', 'forum', 'documentation', 'product', 'collection', 'listing', 'service'])).min(1, 'name at least one page type')),
  TIDINGS_FEED_MAX_ITEMS: positiveInt(500),
  TIDINGS_SHUTDOWN_TIMEOUT: duration('30s', { zero: true, timer: true }),
  TIDINGS_JOB_LOCK: duration('60s', { timer: true }),
  TIDINGS_MAX_CRASHES: positiveInt(3),
  TIDINGS_FETCH_ALLOW_PRIVATE_LINKS: z.enum(['true', 'false', '1', '0']).default('false'),
  TIDINGS_BODY_TTL: duration('24h'),
  TIDINGS_RETRY_DELAY: duration('0', { zero: true, timer: true }),
  TIDINGS_KEEP_COMPLETED: positiveInt(1_000),
  TIDINGS_KEEP_FAILED: positiveInt(5_000),
  TIDINGS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIDINGS_API_HOST: z.string().default('127.0.0.1'),
  TIDINGS_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  TIDINGS_API_TOKEN: z.string().min(16, 'at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  TIDINGS_API_PUBLIC_READ: z.enum(['true', 'false', '1', '0']).default('true'),
  TIDINGS_API_PUBLIC_URL: z.string().url().optional(),
  TIDINGS_API_MAX_STREAMS: positiveInt(100),
  TIDINGS_WEBSUB_LEASE: duration('7d'),
  TIDINGS_WEBSUB_SAFETY_POLL: duration('6h'),
  TIDINGS_HEARTBEAT_TTL: duration('30s', { timer: true }),
  TIDINGS_RETENTION: parsedWith('0', parseRetention),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});

/** Tidings' whole configuration, read once at start. */
export interface Config {
  /** Explicit Redis URL (one server, or a cluster: see parseRedisUrl), or null: use redis://127.0.0.1:6379, starting redis-server if nothing answers. */
  redisUrl: string | null;
  queuePrefix: string;
  dataDir: string;
  /** PostgreSQL index (postgres://...), or null: the SQLite index in dataDir. */
  indexUrl: string | null;
  /** Interval of a feed whose own rhythm is not known yet (clamped to the polling bounds). */
  pollIntervalMs: number;
  /** Adaptive polling: bounds of every feed's interval, and when failures pause a feed. */
  polling: {
    minMs: number;
    maxMs: number;
    /** Consecutive failed polls after which a feed is paused. */
    maxFailures: number;
  };
  /** Per-host limits shared by every fetcher process (kept in Redis). */
  politeness: {
    /** Requests to one host in flight at once. */
    hostConcurrency: number;
    /** Least time between the starts of two requests to one host. */
    hostDelayMs: number;
  };
  fetch: {
    /**
     * Private addresses the SSRF guard lets through for feeds, as `CIDR` or
     * `CIDR:port` / `host:port` entries (e.g. 127.0.0.1:8931 for a local test site).
     */
    allowPrivate: string[];
    /**
     * Whether the exemption also covers any link a feed points at inside the
     * allowed ranges. False (default): an article page on a private address is
     * fetched only when it has the same origin (host and port) as the exempted
     * feed that listed it.
     */
    allowPrivateLinks: boolean;
    timeoutMs: number;
    maxBytes: number;
    concurrency: number;
  };
  extractConcurrency: number;
  /** Longest one page's extraction may take; past it the worker thread is stopped and the job fails. */
  extractTimeoutMs: number;
  /** Feed parsing: off the main thread in a worker-thread pool, each parse under a time budget. */
  parse: {
    timeoutMs: number;
    /** Feed-parse jobs one parser process runs at once (and its worker threads). */
    concurrency: number;
    /** Most items of one feed document queued for fetching; the rest are dropped with a warning. */
    maxItems: number;
  };
  /** Index jobs one indexer process runs at once. */
  indexConcurrency: number;
  /** The page types (ArticleRecord.pageType) the indexer stores; records of other types fail with [not-article]. */
  indexPageTypes: Array<'article' | 'forum' | 'documentation' | 'product' | 'collection' | 'listing' | 'service'>;
  /** Crash safety and shutdown. */
  jobs: {
    /** How long a job's lock lasts without renewal: a killed worker's jobs go back to the queue after about this long. */
    lockMs: number;
    /** Times a job may be picked up by a worker that then died (or stalled) before it fails with `worker-crash`. */
    maxCrashes: number;
    /** On SIGTERM/SIGINT, how long active jobs may run on before they are handed back and the process exits. */
    shutdownTimeoutMs: number;
  };
  /** Base delay of the exponential retry backoff; null keeps each queue's own (contracts RETRY_POLICY). */
  retryDelayMs: number | null;
  /** How long fetched bodies stay in Redis waiting for the next stage. */
  bodyTtlMs: number;
  /** removeOnComplete / removeOnFail limits per queue. */
  keepCompleted: number;
  keepFailed: number;
  logLevel: string;
  /** How long a worker process's heartbeat lives in Redis without a refresh (refreshed every third of it): a killed worker vanishes from the live list within it. */
  heartbeatTtlMs: number;
  /**
   * How long articles are kept (TIDINGS_RETENTION), by when Tidings fetched
   * them; null keeps them forever. The scheduler prunes older articles, their
   * story links and seen-item claims (`tidings prune` does it by hand).
   */
  retentionMs: number | null;
  /** OpenTelemetry: the OTLP/HTTP collector traces go to, or null: tracing off (nothing loaded). */
  otlpEndpoint: string | null;
  /** The HTTP API (`tidings api`, `tidings start`). */
  api: {
    host: string;
    port: number;
    /** Bearer token for writes and the dashboard (and reads unless publicRead); null: no auth, loopback only. */
    token: string | null;
    /** Whether reads are open when a token is set. */
    publicRead: boolean;
    /** The address people reach the API at (behind a proxy, say); its host is accepted in `Host` besides loopback names. */
    publicUrl: string | null;
    /** Most live-stream (SSE) clients at once; more get 503. */
    maxStreams: number;
  };
  /**
   * WebSub push: on when TIDINGS_API_PUBLIC_URL is set (hubs call back
   * there); off, feeds are polled as always.
   */
  websub: {
    /** The API's public URL the callbacks hang under, or null: WebSub off. */
    publicUrl: string | null;
    /** The lease asked of hubs (TIDINGS_WEBSUB_LEASE); a hub may grant another. */
    leaseMs: number;
    /** How often a feed whose content is pushed is still polled, at least (TIDINGS_WEBSUB_SAFETY_POLL; at most TIDINGS_POLL_MAX). */
    safetyPollMs: number;
  };
}

/** Default Redis address when REDIS_URL is not set. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Validates the environment into a Config. Throws one Error listing every bad
 * variable, so a misconfiguration fails at start, not mid-job.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${detail}`);
  }
  const e = result.data;
  if (e.TIDINGS_POLL_MIN > e.TIDINGS_POLL_MAX) {
    throw new Error(`invalid configuration: TIDINGS_POLL_MIN (${e.TIDINGS_POLL_MIN} ms) is above TIDINGS_POLL_MAX (${e.TIDINGS_POLL_MAX} ms)`);
  }
  return {
    redisUrl: e.REDIS_URL ?? null,
    queuePrefix: e.TIDINGS_QUEUE_PREFIX,
    dataDir: path.resolve(e.TIDINGS_DATA_DIR),
    indexUrl: e.TIDINGS_INDEX_URL ?? null,
    pollIntervalMs: e.TIDINGS_POLL_INTERVAL,
    polling: { minMs: e.TIDINGS_POLL_MIN, maxMs: e.TIDINGS_POLL_MAX, maxFailures: e.TIDINGS_FEED_MAX_FAILURES },
    politeness: { hostConcurrency: e.TIDINGS_HOST_CONCURRENCY, hostDelayMs: e.TIDINGS_HOST_DELAY_MS },
    fetch: {
      allowPrivate: splitList(e.TIDINGS_FETCH_ALLOW_PRIVATE),
      timeoutMs: e.TIDINGS_FETCH_TIMEOUT_MS,
      maxBytes: e.TIDINGS_FETCH_MAX_BYTES,
      concurrency: e.TIDINGS_FETCH_CONCURRENCY,
      allowPrivateLinks: e.TIDINGS_FETCH_ALLOW_PRIVATE_LINKS === 'true' || e.TIDINGS_FETCH_ALLOW_PRIVATE_LINKS === '1',
    },
    extractConcurrency: e.TIDINGS_EXTRACT_CONCURRENCY,
    extractTimeoutMs: e.TIDINGS_EXTRACT_TIMEOUT_MS,
    parse: { timeoutMs: e.TIDINGS_PARSE_TIMEOUT_MS, concurrency: e.TIDINGS_PARSE_CONCURRENCY, maxItems: e.TIDINGS_FEED_MAX_ITEMS },
    indexConcurrency: e.TIDINGS_INDEX_CONCURRENCY,
    indexPageTypes: e.TIDINGS_INDEX_PAGE_TYPES,
    jobs: { lockMs: e.TIDINGS_JOB_LOCK, maxCrashes: e.TIDINGS_MAX_CRASHES, shutdownTimeoutMs: e.TIDINGS_SHUTDOWN_TIMEOUT },
    retryDelayMs: e.TIDINGS_RETRY_DELAY > 0 ? e.TIDINGS_RETRY_DELAY : null,
    bodyTtlMs: e.TIDINGS_BODY_TTL,
    keepCompleted: e.TIDINGS_KEEP_COMPLETED,
    keepFailed: e.TIDINGS_KEEP_FAILED,
    logLevel: e.TIDINGS_LOG_LEVEL,
    heartbeatTtlMs: Math.max(e.TIDINGS_HEARTBEAT_TTL, 1_000),
    retentionMs: e.TIDINGS_RETENTION,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    api: {
      host: e.TIDINGS_API_HOST,
      port: e.TIDINGS_API_PORT,
      token: e.TIDINGS_API_TOKEN ?? null,
      publicRead: e.TIDINGS_API_PUBLIC_READ === 'true' || e.TIDINGS_API_PUBLIC_READ === '1',
      publicUrl: e.TIDINGS_API_PUBLIC_URL ?? null,
      maxStreams: e.TIDINGS_API_MAX_STREAMS,
    },
    websub: {
      publicUrl: e.TIDINGS_API_PUBLIC_URL ?? null,
      leaseMs: Math.max(e.TIDINGS_WEBSUB_LEASE, 1_000),
      safetyPollMs: e.TIDINGS_WEBSUB_SAFETY_POLL,
    },
  };
}
