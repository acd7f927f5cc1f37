import path from 'node:path';
import { z } from 'zod';

/** Parses "15m", "30s", "2h", "1d", "500ms" or a bare number of milliseconds. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?!\s)(ms|s|m|h|d)?\s*$/i.exec(value);
  if (!match) throw new Error(`not a duration: "${value}" (use e.g. 900000, 30s, 15m, 2h)`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
  return Math.round(amount * factor);
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parseDuration(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const EnvSchema = z.object({
  REDIS_URL: z.string().url().optional(),
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
  TIDINGS_FETCH_ALLOW_PRIVATE: z.string().default(''),
  TIDINGS_FETCH_TIMEOUT_MS: positiveInt(20_000),
  TIDINGS_FETCH_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  TIDINGS_FETCH_CONCURRENCY: positiveInt(8),
  TIDINGS_EXTRACT_CONCURRENCY: positiveInt(1),
  TIDINGS_EXTRACT_TIMEOUT_MS: positiveInt(20_000),
  TIDINGS_PARSE_TIMEOUT_MS: positiveInt(10_000),
  TIDINGS_PARSE_CONCURRENCY: positiveInt(2),
  TIDINGS_INDEX_CONCURRENCY: positiveInt(4),
  TIDINGS_FEED_MAX_ITEMS: positiveInt(500),
  TIDINGS_SHUTDOWN_TIMEOUT: duration('30s'),
  TIDINGS_JOB_LOCK: duration('60s'),
  TIDINGS_MAX_CRASHES: positiveInt(3),
  TIDINGS_FETCH_ALLOW_PRIVATE_LINKS: z.enum(['true', 'false', '1', '0']).default('false'),
  TIDINGS_BODY_TTL: duration('24h'),
  TIDINGS_RETRY_DELAY: duration('0'),
  TIDINGS_KEEP_COMPLETED: positiveInt(1_000),
  TIDINGS_KEEP_FAILED: positiveInt(5_000),
  TIDINGS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIDINGS_API_HOST: z.string().default('127.0.0.1'),
  TIDINGS_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  TIDINGS_API_TOKEN: z.string().min(16, 'at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  TIDINGS_API_PUBLIC_READ: z.enum(['true', 'false', '1', '0']).default('true'),
  TIDINGS_API_PUBLIC_URL: z.string().url().optional(),
  TIDINGS_API_MAX_STREAMS: positiveInt(100),
});

/** Tidings' whole configuration, read once at start. */
export interface Config {
  /** Explicit Redis URL, or null: use redis://127.0.0.1:6379, starting redis-server if nothing answers. */
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
      allowPrivate: e.TIDINGS_FETCH_ALLOW_PRIVATE.split(',').map((s) => s.trim()).filter(Boolean),
      timeoutMs: e.TIDINGS_FETCH_TIMEOUT_MS,
      maxBytes: e.TIDINGS_FETCH_MAX_BYTES,
      concurrency: e.TIDINGS_FETCH_CONCURRENCY,
      allowPrivateLinks: e.TIDINGS_FETCH_ALLOW_PRIVATE_LINKS === 'true' || e.TIDINGS_FETCH_ALLOW_PRIVATE_LINKS === '1',
    },
    extractConcurrency: e.TIDINGS_EXTRACT_CONCURRENCY,
    extractTimeoutMs: e.TIDINGS_EXTRACT_TIMEOUT_MS,
    parse: { timeoutMs: e.TIDINGS_PARSE_TIMEOUT_MS, concurrency: e.TIDINGS_PARSE_CONCURRENCY, maxItems: e.TIDINGS_FEED_MAX_ITEMS },
    indexConcurrency: e.TIDINGS_INDEX_CONCURRENCY,
    jobs: { lockMs: e.TIDINGS_JOB_LOCK, maxCrashes: e.TIDINGS_MAX_CRASHES, shutdownTimeoutMs: e.TIDINGS_SHUTDOWN_TIMEOUT },
    retryDelayMs: e.TIDINGS_RETRY_DELAY > 0 ? e.TIDINGS_RETRY_DELAY : null,
    bodyTtlMs: e.TIDINGS_BODY_TTL,
    keepCompleted: e.TIDINGS_KEEP_COMPLETED,
    keepFailed: e.TIDINGS_KEEP_FAILED,
    logLevel: e.TIDINGS_LOG_LEVEL,
    api: {
      host: e.TIDINGS_API_HOST,
      port: e.TIDINGS_API_PORT,
      token: e.TIDINGS_API_TOKEN ?? null,
      publicRead: e.TIDINGS_API_PUBLIC_READ === 'true' || e.TIDINGS_API_PUBLIC_READ === '1',
      publicUrl: e.TIDINGS_API_PUBLIC_URL ?? null,
      maxStreams: e.TIDINGS_API_MAX_STREAMS,
    },
  };
}

/** The documented variables with their defaults, for `--help` and the README. */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: 'REDIS_URL', default: 'redis://127.0.0.1:6379', description: 'Redis for the queues; when unset and nothing answers, Tidings starts redis-server itself' },
  { name: 'TIDINGS_QUEUE_PREFIX', default: 'tidings', description: 'key prefix that keeps several installations apart on one Redis' },
  { name: 'TIDINGS_DATA_DIR', default: './data', description: 'where the SQLite index (and a self-started Redis) keep their files' },
  {
    name: 'TIDINGS_INDEX_URL',
    default: '(unset: SQLite)',
    description: 'postgres://user@host:5432/db to keep the index in PostgreSQL instead (?schema=name, default tidings)',
  },
  { name: 'TIDINGS_POLL_INTERVAL', default: '15m', description: "a feed's polling interval until its own rhythm is known (ms, or 30s / 15m / 2h)" },
  { name: 'TIDINGS_POLL_MIN', default: '5m', description: 'shortest adaptive polling interval of a feed' },
  { name: 'TIDINGS_POLL_MAX', default: '24h', description: 'longest adaptive polling interval (and cap on failure backoff and Retry-After)' },
  { name: 'TIDINGS_FEED_MAX_FAILURES', default: '10', description: 'consecutive failed polls after which a feed is paused' },
  { name: 'TIDINGS_HOST_CONCURRENCY', default: '2', description: 'requests in flight to one host, across every fetcher process' },
  { name: 'TIDINGS_HOST_DELAY_MS', default: '1000', description: 'least time between two request starts to one host, across every fetcher process' },
  {
    name: 'TIDINGS_FETCH_ALLOW_PRIVATE',
    default: '',
    description: 'comma-separated CIDR, CIDR:port, host:port or [v6]:port entries whose feeds (and those feeds\' same-origin pages) pass the private-address (SSRF) guard',
  },
  { name: 'TIDINGS_FETCH_ALLOW_PRIVATE_LINKS', default: 'false', description: 'true: the exemption also covers any linked page inside the allowed entries, not only same-origin ones' },
  { name: 'TIDINGS_FETCH_TIMEOUT_MS', default: '20000', description: 'per-request timeout' },
  { name: 'TIDINGS_FETCH_MAX_BYTES', default: '10485760', description: 'largest body accepted (after decompression)' },
  { name: 'TIDINGS_FETCH_CONCURRENCY', default: '8', description: 'fetch jobs one fetcher runs at once' },
  { name: 'TIDINGS_EXTRACT_CONCURRENCY', default: '1', description: 'extract jobs one extractor runs at once' },
  { name: 'TIDINGS_EXTRACT_TIMEOUT_MS', default: '20000', description: 'longest one page extraction may take before its worker thread is stopped' },
  { name: 'TIDINGS_PARSE_TIMEOUT_MS', default: '10000', description: 'longest one feed parse may take before its worker thread is stopped (a permanent [timeout])' },
  { name: 'TIDINGS_PARSE_CONCURRENCY', default: '2', description: 'feed-parse jobs (and parse threads) one parser runs at once' },
  { name: 'TIDINGS_INDEX_CONCURRENCY', default: '4', description: 'index jobs one indexer runs at once' },
  { name: 'TIDINGS_FEED_MAX_ITEMS', default: '500', description: 'most items of one feed document queued for fetching (the rest are dropped with a warning)' },
  { name: 'TIDINGS_JOB_LOCK', default: '60s', description: "a job's lock: a killed worker's jobs return to the queue after about this long" },
  { name: 'TIDINGS_MAX_CRASHES', default: '3', description: 'times a job may take its worker down (killed, out of memory) before it fails with [worker-crash]' },
  { name: 'TIDINGS_SHUTDOWN_TIMEOUT', default: '30s', description: 'on SIGTERM/SIGINT, how long active jobs may finish before they are handed back and the process exits 0' },
  { name: 'TIDINGS_BODY_TTL', default: '24h', description: 'how long fetched bodies wait in Redis for the next stage' },
  { name: 'TIDINGS_RETRY_DELAY', default: '(per stage: 1s-5s)', description: 'base delay of the exponential retry backoff, for every stage' },
  { name: 'TIDINGS_KEEP_COMPLETED', default: '1000', description: 'completed jobs kept per queue' },
  { name: 'TIDINGS_KEEP_FAILED', default: '5000', description: 'failed jobs kept per queue (with their reasons)' },
  { name: 'TIDINGS_LOG_LEVEL', default: 'info', description: 'pino log level' },
  { name: 'TIDINGS_API_HOST', default: '127.0.0.1', description: 'address the HTTP API listens on (a non-loopback one needs TIDINGS_API_TOKEN)' },
  { name: 'TIDINGS_API_PORT', default: '8080', description: 'port of the HTTP API (0: any free port)' },
  { name: 'TIDINGS_API_TOKEN', default: '(unset)', description: 'bearer token required for API writes and the dashboard (16+ characters)' },
  { name: 'TIDINGS_API_PUBLIC_READ', default: 'true', description: 'false: API reads need the token too' },
  { name: 'TIDINGS_API_PUBLIC_URL', default: '(unset)', description: "the API's public address; its host is accepted in the Host header besides loopback names" },
  { name: 'TIDINGS_API_MAX_STREAMS', default: '100', description: 'most live-stream (SSE) clients at once' },
];
