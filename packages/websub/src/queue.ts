import { Worker, type Job, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { TidingsError, WEBSUB_QUEUE, WEBSUB_RETRY, WebSubJobSchema, type WebSubJob } from '@tidings/contracts';
import { failedJob, producerQueue, queueKeyPrefix, workerErrorLogger, type JobDefaults, type RedisClient } from '@tidings/queue';

/** The producer side of the hub queue (the parser asks for subscriptions, the scheduler for renewals). */
export class WebSubRequests {
  private readonly queue: Queue;

  constructor(connection: RedisClient, prefix: string, defaults: JobDefaults) {
    this.queue = producerQueue(WEBSUB_QUEUE, {
      connection,
      prefix: queueKeyPrefix(prefix, WEBSUB_QUEUE, connection),
      defaultJobOptions: {
        attempts: WEBSUB_RETRY.attempts,
        backoff: { type: 'exponential', delay: defaults.retryDelayMs ?? WEBSUB_RETRY.backoffMs },
        removeOnComplete: { count: defaults.keepCompleted },
        removeOnFail: { count: defaults.keepFailed },
      },
    });
  }

  /** Queues a request under `jobId` (BullMQ ignores an id it already has: a request asked twice is sent once). */
  async add(job: WebSubJob, jobId: string): Promise<void> {
    await this.queue.add(job.action, WebSubJobSchema.parse(job), { jobId: jobId.replaceAll(':', '_') });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * Runs `handle` for every request on the hub queue: each job re-validated
 * (an invalid one fails at once, with the reason), a child logger per job,
 * and failures typed and logged with their code: a permanent TidingsError
 * ends the job (UnrecoverableError), anything else is retried with backoff;
 * the failed reason reads `[code] message`, and a job that fails for good
 * carries `failure: {code, reason}` in its data (jobFailureOf), as the
 * pipeline's jobs do.
 */
export function startWebSubWorker(
  options: { connection: RedisClient; prefix: string; log: Logger; concurrency: number },
  handle: (job: WebSubJob, log: Logger) => Promise<unknown>,
): Worker {
  const worker = new Worker(
    WEBSUB_QUEUE,
    async (job: Job) => {
      const attempt = job.attemptsMade + 1;
      const log = options.log.child({ queue: WEBSUB_QUEUE, jobId: job.id, attempt });
      try {
        const parsed = WebSubJobSchema.safeParse(job.data);
        if (!parsed.success) {
          const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
          throw new TidingsError('invalid-payload', `invalid ${WEBSUB_QUEUE} job: ${detail}`, { permanent: true });
        }
        return await handle(parsed.data, log);
      } catch (error) {
        throw await failedJob(job, error, log, `${WEBSUB_QUEUE} job`);
      }
    },
    { connection: options.connection, prefix: queueKeyPrefix(options.prefix, WEBSUB_QUEUE, options.connection), concurrency: options.concurrency },
  );
  worker.on('error', workerErrorLogger(options.log, 'worker error', { queue: WEBSUB_QUEUE }));
  return worker;
}
