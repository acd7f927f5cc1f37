import { loadConfig, type Config } from '@tidings/config';
import { describeError } from '@tidings/contracts';
import type { Logger } from 'pino';
import { readRedisDurability } from '@tidings/queue';
import { createLogger, createRuntime, type Runtime } from './runtime.js';
import { startServices, type StartService } from './service.js';
import { whenStopRequested, type StopReason } from './shutdown.js';

/** Options of {@link runServiceProcess}. */
export interface ServiceProcessOptions {
  /** Name for the logs (`fetcher`, `parser`, ... or `all`). */
  name: string;
  config?: Config;
  log?: Logger;
  /** Runs once the services are up, before waiting for a stop (the CLI starts the API here); its result is closed on stop. */
  alongside?: (runtime: Runtime) => Promise<{ close(): Promise<void> } | undefined>;
}

/**
 * The life of a worker process, in one place: configuration from the
 * environment (failing fast), logger, runtime, the services, then wait for
 * SIGTERM, SIGINT or the loss of the parent process, drain (active jobs
 * finish within TIDINGS_SHUTDOWN_TIMEOUT, the rest are handed back), close
 * the connections and resolve. Every `services/<name>/src/main.ts` and
 * `tidings worker|start` go through here.
 */
export async function runServiceProcess(services: readonly StartService[], options: ServiceProcessOptions): Promise<void> {
  const config = options.config ?? loadConfig(process.env);
  const log = (options.log ?? createLogger(config)).child({ service: options.name, pid: process.pid });
  // Listening from the start: a SIGTERM while connecting or starting must not kill the process half-registered
  // (its heartbeat left behind, its exit unclean); it stops as soon as it has started, the same way.
  let stopRequested: StopReason | null = null;
  const stop = whenStopRequested().then((reason) => (stopRequested = reason));
  let runtime: Runtime;
  try {
    runtime = await connectPatiently(config, log, () => stopRequested !== null);
  } catch (error) {
    if (stopRequested === null) throw error;
    // A stop asked for before the process could start is a clean stop, not a failure.
    log.info({ reason: stopRequested }, `${options.name} stopped before it could reach Redis or the index`);
    return;
  }
  try {
    await warnUnlessDurable(runtime, log);
    const running = await startServices(runtime, services, { role: options.name });
    let extra: { close(): Promise<void> } | undefined;
    try {
      extra = await options.alongside?.(runtime);
    } catch (error) {
      await running.close();
      throw error;
    }
    log.info({ queuePrefix: config.queuePrefix }, `${options.name} running`);
    const reason = await stop;
    log.info({ reason, shutdownTimeoutMs: config.jobs.shutdownTimeoutMs }, `${reason}: finishing active jobs`);
    exitAfterDeadline(config.jobs.shutdownTimeoutMs + CLOSE_GRACE_MS, log, options.name);
    await extra?.close();
    const { handedBack } = await running.close();
    log.info({ handedBack }, `${options.name} stopped`);
  } finally {
    await runtime.close();
  }
}

/** What a stop may take beyond TIDINGS_SHUTDOWN_TIMEOUT: handing jobs back, the last metrics, the heartbeat, closing connections. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Ends the process once a stop has taken `ms`. Its cleanup writes to Redis
 * (jobs handed back, the last metrics, the heartbeat) and to the index, and
 * while Redis is unreachable those commands wait for it forever (the
 * connections retry without a limit, so that a running worker rides out an
 * outage): a stop asked for then would never end, and the supervisor would
 * have to kill it. Nothing is lost by stopping: a job not handed back
 * returns to its queue when its lock expires, uncounted as a crash (the
 * outage excuses it), and the heartbeat expires. Said in the log, code
 * `shutdown-incomplete`; the exit is 0, a stop that was asked for.
 */
function exitAfterDeadline(ms: number, log: Logger, name: string): void {
  setTimeout(() => {
    log.warn({ code: 'shutdown-incomplete', afterMs: ms }, `${name} stopped without finishing its cleanup: Redis or the index did not answer within ${ms} ms`);
    process.exit(0);
  }, ms).unref();
}

/**
 * Logs a warning (code `redis-not-durable`) when Redis would not keep what it
 * acknowledged: the pipeline's guarantees need AOF with appendfsync always
 * and maxmemory-policy noeviction. It still runs: the operator decides, and
 * `tidings status` and /metrics (`tidings_redis_durable`) show it too.
 */
async function warnUnlessDurable(runtime: Runtime, log: Logger): Promise<void> {
  const { durable, problems } = await readRedisDurability(runtime.redis);
  if (durable === true) return;
  const what = durable === false ? 'Redis may lose acknowledged jobs' : "Redis' durability settings cannot be read";
  log.warn({ code: 'redis-not-durable', durable, problems }, `${what}: ${problems.join('; ')}`);
}

/** How long a starting worker keeps trying to reach Redis and the index before it gives up. */
const CONNECT_PATIENCE_MS = 60_000;

/**
 * createRuntime, tried again for a minute when Redis or the index does not
 * answer yet: a worker restarted while Redis restarts (or before PostgreSQL
 * is up) waits for it rather than exiting. A bad configuration still fails at once.
 */
async function connectPatiently(config: Config, log: Logger, stopping: () => boolean): Promise<Runtime> {
  const deadline = Date.now() + CONNECT_PATIENCE_MS;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await createRuntime(config, log, { autostartRedis: config.redisUrl === null });
    } catch (error) {
      // Asked to stop while still waiting for Redis or the index: give up now, not after the whole minute.
      if (stopping() || Date.now() + pause > deadline) throw error;
      log.warn({ code: 'unavailable', err: describeError(error), retryInMs: pause }, 'cannot reach Redis or the index yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * The entry point of one service's process: runs it and exits 0 after a
 * clean stop, 1 with one line on stderr when it cannot start.
 */
export function serviceMain(name: string, service: StartService): void {
  runServiceProcess([service], { name }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`tidings ${name}: ${describeError(error).message}\n`);
      process.exit(1);
    },
  );
}
