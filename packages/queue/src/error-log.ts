import type { Logger } from 'pino';

/** Network error codes of a connection to Redis that is down or going away. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** How often the same connection trouble is logged again while it lasts. */
const REPEAT_MS = 10_000;

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return error instanceof Error && /Connection is closed|connect ECONNREFUSED|Stream isn't writeable/i.test(error.message);
}

/**
 * An 'error' listener for a BullMQ worker (or any Redis client) that logs
 * every error, except that while Redis is unreachable the connection's
 * errors, which come several times a second for the whole outage (hundreds
 * of identical lines a minute), are logged once, then at most every 10 s
 * with how many were left out: code `redis-unreachable`, at warn level (the
 * worker reconnects by itself).
 */
export function workerErrorLogger(log: Logger, message: string, fields: Record<string, unknown> = {}): (error: Error) => void {
  let lastLoggedAt = 0;
  let left = 0;
  return (error) => {
    if (!isConnectionError(error)) {
      log.error({ ...fields, err: error }, message);
      return;
    }
    const now = Date.now();
    if (now - lastLoggedAt < REPEAT_MS) {
      left += 1;
      return;
    }
    log.warn({ ...fields, code: 'redis-unreachable', err: error, ...(left > 0 ? { leftOut: left } : {}) }, `${message}: Redis is unreachable; reconnecting`);
    lastLoggedAt = now;
    left = 0;
  };
}
