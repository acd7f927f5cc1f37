import type { Logger } from 'pino';
import type { RedisClient } from './redis-client.js';

/** Wait after a failed round; doubled for each failure in a row, up to READ_RETRY_MAX_MS. */
export const READ_RETRY_MS = 100;
/** Longest wait between two failed rounds. */
export const READ_RETRY_MAX_MS = 5_000;

/** What {@link startReadLoop} runs. */
export interface ReadLoopOptions {
  /** Duplicated into the loop's own connection: a blocked read holds the one it is sent on. */
  redis: RedisClient;
  log: Logger;
  /** What reads, for the log lines (`alerter`, `live streams`). */
  what: string;
  /**
   * One round: a read (blocking on `connection`, or not) and the handling of
   * what it read. `stopping()` turns true once the loop is asked to stop: a
   * long round may end early, leaving the rest for later.
   */
  round(connection: RedisClient, stopping: () => boolean): Promise<void>;
  /** Called after a failed round, before the wait (to check what the failure may have undone); a failure here counts as the round's. */
  afterFailure?(): Promise<void>;
}

/** A running read loop. */
export interface ReadLoop {
  /** Asks the loop to stop (a blocked read is cut short) and resolves once the round under way has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `round` again and again until stopped, on a connection of its own.
 * A round that fails (Redis went away, or came back without the data) is
 * logged and the next starts after a short wait, longer after each failure
 * in a row: ioredis reconnects meanwhile (or holds the commands until it
 * has), and the loop carries on where it was. Nothing but `stop` ends it.
 */
export function startReadLoop(options: ReadLoopOptions): ReadLoop {
  const { log, what } = options;
  const connection = options.redis.duplicate();
  connection.on('error', (error: unknown) => log.warn({ err: error }, `${what}: Redis connection error`));
  let stopped = false;
  let askStop = (): void => {};
  const asked = new Promise<void>((resolve) => (askStop = resolve));
  const stopping = () => stopped;
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        await options.round(connection, stopping);
        failures = 0;
      } catch (error) {
        // Stopping disconnects the connection: the read it cut short fails, and that is no failure.
        if (stopped) break;
        failures++;
        const waitMs = Math.min(READ_RETRY_MS * 2 ** (failures - 1), READ_RETRY_MAX_MS);
        log.warn({ err: error, failures, retryInMs: waitMs }, `${what}: reading the stream failed; trying again`);
        // Neither waits past a stop: Redis may be away for good.
        await Promise.race([options.afterFailure?.().catch((again: unknown) => log.warn({ err: again }, `${what}: could not recover from the failed read`)), asked]);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, waitMs))), asked]);
        clearTimeout(timer);
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      askStop();
      connection.disconnect();
      await loop;
    },
  };
}
