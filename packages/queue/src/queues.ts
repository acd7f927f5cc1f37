import { Queue, type JobsOptions, type QueueOptions } from 'bullmq';
import { ALL_QUEUES, RETRY_POLICY, parsePayload, type ALERT_DELIVER_QUEUE, type JobPayload, type QueueName, type WEBSUB_QUEUE } from '@tidings/contracts';

/** The queues beside the pipeline's stages, each with its own contract. */
export type SideQueueName = typeof ALERT_DELIVER_QUEUE | typeof WEBSUB_QUEUE;
import { isRedisCluster, type RedisClient } from './redis-client.js';
import { jobTracing, TRACE_FIELD } from './job-tracing.js';

/**
 * The key prefix BullMQ gives `queue`'s keys (`<prefix>:<queue>:...`). On a
 * single Redis it is the installation's prefix, as it always was, so queued
 * jobs survive an upgrade. On a Redis Cluster every key of a queue must sit
 * in one slot (BullMQ's scripts touch several at once), so the prefix gains
 * the queue's name as a hash tag: `tidings:{article-fetch}:article-fetch:wait`.
 * Each queue then has its own slot, and the queues spread over the masters.
 * The same holds for the queues beside the pipeline (alert deliveries, WebSub
 * hub requests).
 */
export function queueKeyPrefix(prefix: string, queue: QueueName | SideQueueName, connection: RedisClient): string {
  return isRedisCluster(connection) ? `${prefix}:{${queue}}` : prefix;
}

/** Limits and timings every producer applies to the jobs it adds. */
export interface JobDefaults {
  keepCompleted: number;
  keepFailed: number;
  /** Base delay for exponential retry backoff; overrides each queue's own when set. */
  retryDelayMs?: number | null;
}

/**
 * A BullMQ producer on a shared connection. The connection's errors (Redis
 * away) are logged where it was made (the runtime); BullMQ also hands them
 * to every queue on it, and a queue with no listener wrote each to stderr
 * as a bare stack trace, hundreds a minute during an outage, outside the
 * JSON log. The one way a Tidings producer queue is made.
 */
export function producerQueue<T = unknown>(name: string, options: QueueOptions): Queue<T> {
  const queue = new Queue<T>(name, options);
  queue.on('error', () => {});
  return queue;
}

/** The default options for a job on `queue`: retry policy from the contract, bounded retention. */
export function jobOptions(queue: QueueName, defaults: JobDefaults): JobsOptions {
  const policy = RETRY_POLICY[queue];
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: defaults.retryDelayMs ?? policy.backoffMs },
    // Bounded so Redis memory stays flat however long Tidings runs; failed jobs are kept longer for their reasons.
    removeOnComplete: { count: defaults.keepCompleted },
    removeOnFail: { count: defaults.keepFailed },
  };
}

/**
 * One producer per queue, typed by the contract: what goes in is validated
 * against the same schema the consumer re-checks.
 */
export class PipelineQueues {
  readonly queues: Map<QueueName, Queue>;

  constructor(
    connection: RedisClient,
    /** The installation's prefix (TIDINGS_QUEUE_PREFIX); BullMQ's own keys use {@link queueKeyPrefix}. */
    readonly prefix: string,
    private readonly defaults: JobDefaults,
  ) {
    this.queues = new Map(ALL_QUEUES.map((name) => [name, producerQueue(name, { connection, prefix: queueKeyPrefix(prefix, name, connection) })]));
  }

  /** The BullMQ queue behind `name`. */
  get(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  /**
   * Adds a job. `jobId`, when given, makes the add idempotent: a retried
   * producer does not enqueue the same work twice (BullMQ ignores a known id).
   */
  async add<Q extends QueueName>(name: Q, payload: JobPayload<Q>, options: { jobId?: string; priority?: number } = {}): Promise<void> {
    parsePayload(name, payload);
    // With tracing on, the job carries the producer's trace context to the next stage's process.
    const carrier = jobTracing()?.inject();
    await this.get(name).add(name, carrier ? { ...payload, [TRACE_FIELD]: carrier } : payload, {
      ...jobOptions(name, this.defaults),
      ...(options.jobId ? { jobId: options.jobId.replaceAll(':', '_') } : {}),
      ...(options.priority ? { priority: options.priority } : {}),
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** Per-queue job counts, as `tidings status` prints them. */
export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/** Counts of every queue, in pipeline order. */
export async function queueCounts(queues: PipelineQueues): Promise<Record<QueueName, QueueCounts>> {
  const entries = await Promise.all(
    ALL_QUEUES.map(async (name) => {
      const counts = await queues.get(name).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
      return [
        name,
        {
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
          active: counts.active ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
          delayed: counts.delayed ?? 0,
        },
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
}

/**
 * Work still to do: waiting, active and delayed jobs (retries, and jobs put
 * aside for a busy host). The scheduler never queues polls ahead of time, so
 * every delayed job is pending work of this run.
 */
export async function pendingJobs(queues: PipelineQueues): Promise<number> {
  let pending = 0;
  for (const name of ALL_QUEUES) {
    const counts = await queues.get(name).getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'delayed');
    pending += Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  }
  return pending;
}
