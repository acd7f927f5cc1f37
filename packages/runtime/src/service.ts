import type { Worker } from 'bullmq';
import { PipelineMetricsRecorder, StageTimelineRecorder } from '@tidings/metrics';
import { drainWorkers, observeStageJobs, type FinalFailure, type StageWorkerOptions } from '@tidings/queue';
import { startHeartbeat } from './heartbeat.js';
import type { Runtime } from './runtime.js';

/** What a service hands back when started: its BullMQ workers, and anything else to stop. */
export interface ServiceHandle {
  workers: Worker[];
  /** Stops what is not a BullMQ worker (the scheduler's loop); called before the workers drain. */
  close?(): Promise<void>;
}

/** Hooks the composition root may pass to a service. */
export interface ServiceHooks {
  /** Called for every job that failed for good (`tidings run` reports them). */
  onFinalFailure?: (failure: FinalFailure) => void;
  /** Longest a fetch job may be kept waiting for a host (a one-off run bounds it). */
  maxDeferMs?: number;
  /** What the heartbeat calls this process (`fetcher`, ...); default `all`. */
  role?: string;
}

/** Starts one service (a worker role) on a runtime. Each service exports one, as `service` in its package. */
export type StartService = (runtime: Runtime, hooks: ServiceHooks) => ServiceHandle | Promise<ServiceHandle>;

/** The options every stage worker of a runtime shares: connection, prefix, logger, locks and crash limit from the config. */
export function stageWorkerOptions(runtime: Runtime, concurrency: number): StageWorkerOptions {
  return {
    connection: runtime.redis,
    prefix: runtime.config.queuePrefix,
    log: runtime.log,
    concurrency,
    lockDurationMs: runtime.config.jobs.lockMs,
    maxCrashes: runtime.config.jobs.maxCrashes,
  };
}

/** Several services running in one process, and how to stop them. */
export interface RunningServices {
  workers: Worker[];
  /**
   * Stops taking jobs; active ones may finish within TIDINGS_SHUTDOWN_TIMEOUT,
   * then are handed back to their queues. Resolves with how many were handed back.
   */
  close(): Promise<{ handedBack: number }>;
}

/**
 * Starts services in this process, with the metrics recorder that puts job
 * durations, fetch results and lag in Redis for `/metrics` and `status`
 * (gathered for a second between writes, and written on close).
 */
export async function startServices(runtime: Runtime, services: readonly StartService[], hooks: ServiceHooks = {}): Promise<RunningServices> {
  // Tracing only with a collector configured: otherwise no OpenTelemetry module is even loaded.
  const tracing = runtime.config.otlpEndpoint
    ? await (await import('./tracing.js')).startTracing({ endpoint: runtime.config.otlpEndpoint, role: hooks.role ?? 'all', log: runtime.log })
    : null;
  const recorder = new PipelineMetricsRecorder(runtime.redis, runtime.config.queuePrefix, (error) => runtime.log.warn({ err: error }, 'could not record metrics'));
  const timeline = new StageTimelineRecorder(runtime.redis, runtime.config.queuePrefix, (error) => runtime.log.warn({ err: error }, 'could not record stage timings'));
  const stopObserving = observeStageJobs(recorder.observe);
  const stopTimeline = observeStageJobs(timeline.observe);
  const handles: ServiceHandle[] = [];
  for (const start of services) handles.push(await start(runtime, hooks));
  const workers = handles.flatMap((handle) => handle.workers);
  const heartbeat = await startHeartbeat({ redis: runtime.redis, prefix: runtime.config.queuePrefix, role: hooks.role ?? 'all', ttlMs: runtime.config.heartbeatTtlMs, log: runtime.log });
  return {
    workers,
    close: async () => {
      await Promise.all(handles.map((handle) => handle.close?.()));
      const drained = await drainWorkers(workers, runtime.config.jobs.shutdownTimeoutMs, runtime.log);
      stopObserving();
      stopTimeline();
      // The counts gathered since the last write (the recorder writes once a second) go out before the connection closes.
      await recorder.flush().catch((error: unknown) => runtime.log.warn({ err: error }, 'could not record metrics'));
      await heartbeat.stop();
      await tracing?.shutdown();
      return drained;
    },
  };
}
