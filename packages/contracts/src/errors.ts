/**
 * Typed pipeline errors. Packages throw these; services turn `permanent` ones
 * into BullMQ's UnrecoverableError so retrying stops. Decide by type and code,
 * never by message text.
 */
export type ErrorCode =
  | 'invalid-url'
  | 'blocked-address'
  | 'dns-failed'
  | 'network'
  | 'timeout'
  | 'too-many-redirects'
  | 'too-large'
  | 'http-status'
  | 'unsupported-content'
  | 'malformed-feed'
  | 'not-an-article'
  /** The page was extracted but is of a type the index does not store (a product, a listing...; TIDINGS_INDEX_PAGE_TYPES) (permanent). */
  | 'not-article'
  | 'invalid-payload'
  | 'body-expired'
  | 'not-found'
  | 'io'
  /** robots.txt of the article's host disallows the Tidings user agent there (permanent). */
  | 'robots-disallowed'
  /** The host asked to be left alone (Retry-After) for longer than this job may wait (retryable). */
  | 'host-backoff'
  /** The job was running in a worker that died (killed, out of memory) or stalled too many times: it is not tried again (permanent). */
  | 'worker-crash'
  /**
   * A service Tidings depends on (the index database) cannot be reached now.
   * Not the job's fault: the job waits for it (put aside, no attempt spent).
   */
  | 'unavailable';

export class TidingsError extends Error {
  /** Machine-readable reason, stable across versions. */
  readonly code: ErrorCode;
  /** True when retrying cannot help (a 404, a page that is not an article...). */
  readonly permanent: boolean;

  constructor(code: ErrorCode, message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TidingsError';
    this.code = code;
    this.permanent = options.permanent;
  }
}

/** An HTTP response whose status says the fetch failed. */
export class HttpStatusError extends TidingsError {
  readonly status: number;
  readonly url: string;
  /** Response headers (names lower-case), e.g. `retry-after` on a 429/503; empty when not known. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, url: string, headers: Record<string, string> = {}) {
    // 408 and 429 are "try later"; every other 4xx will not change by retrying, nor will a 3xx that reaches here
    // (a 304 to a request that asked nothing conditional, a redirect without a Location).
    const permanent = (status >= 300 && status < 400) || (status >= 400 && status < 500 && status !== 408 && status !== 429);
    super('http-status', `HTTP ${status} from ${url}`, { permanent });
    this.name = 'HttpStatusError';
    this.status = status;
    this.url = url;
    this.headers = headers;
  }
}

/** True when `error` is a TidingsError that retrying cannot fix. */
export function isPermanent(error: unknown): boolean {
  return error instanceof TidingsError && error.permanent;
}

/** `{code, message}` for any thrown value, for CLI output and feed status. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof TidingsError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
