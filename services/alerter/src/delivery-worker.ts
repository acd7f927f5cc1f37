import { DelayedError, Worker, type Job } from 'bullmq';
import {
  ALERT_DELIVER_QUEUE,
  ALERT_JOBS,
  AlertDeliverJobSchema,
  AlertDigestJobSchema,
  TidingsError,
  type AlertDeliverJob,
  type AlertDigestJob,
} from '@tidings/contracts';
import { failedJob, workerErrorLogger, type RedisClient } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { handleAlertDeliver, handleAlertDigest, type AlerterDeps } from './handler.js';
import { ReceiverBusy } from './receiver-slots.js';
import { RECEIVER_BACKOFF_CODE, receiverBackOffAsked, type AskedBackOff } from './receiver-backoff.js';

/** The payload of one alert-deliver job, by its name: each name has its schema (contracts ALERT_JOBS). */
type AlertJob = { name: typeof ALERT_JOBS.deliver; data: AlertDeliverJob } | { name: typeof ALERT_JOBS.digest; data: AlertDigestJob };

/** @throws TidingsError `invalid-payload` (permanent), naming the field. */
function parseAlertJob(job: Job): AlertJob {
  const parsed = job.name === ALERT_JOBS.digest ? AlertDigestJobSchema.safeParse(job.data) : AlertDeliverJobSchema.safeParse(job.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TidingsError('invalid-payload', `invalid ${ALERT_DELIVER_QUEUE} ${job.name} job: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`, { permanent: true });
  }
  return job.name === ALERT_JOBS.digest ? { name: ALERT_JOBS.digest, data: parsed.data as AlertDigestJob } : { name: ALERT_JOBS.deliver, data: parsed.data as AlertDeliverJob };
}

/**
 * Leaves the receiver of a delivery answered with Retry-After alone, for
 * every alerter, and so holds that delivery's own retry too. Logged once per
 * back-off (by whichever alerter began it); a failure to record it is logged
 * and leaves the job to fail as it would have, its retry on the backoff
 * alone.
 */
async function holdReceiver(deps: AlerterDeps, asked: AskedBackOff, jobLog: Runtime['log']): Promise<void> {
  const { receiver, status } = asked;
  try {
    const { leftMs, started } = await deps.receiverBackOff.hold(receiver, asked.waitMs);
    if (started) jobLog.info({ code: RECEIVER_BACKOFF_CODE, receiver, status, backOffMs: leftMs }, 'receiver asked for time (Retry-After): no alerter delivers to it until then');
    else jobLog.debug({ receiver, status, backOffMs: leftMs }, 'receiver asked for time again: its back-off lasts until the later time');
  } catch (error) {
    jobLog.warn({ err: error, receiver }, 'could not hold the receiver back: its deliveries, the retry of this one among them, wait on the backoff alone');
  }
}

/** What {@link startDeliveryWorker} needs. */
export interface DeliveryWorkerOptions {
  connection: RedisClient;
  /** BullMQ's key prefix for the queue (queueKeyPrefix). */
  prefix: string;
  log: Runtime['log'];
  concurrency: number;
  deps: AlerterDeps;
}

/**
 * The worker of `alert-deliver`: posts each match or digest, signed. Every
 * job is re-validated; a failure is logged with its code and fails the job
 * with `[code] message`, for good (UnrecoverableError) when retrying cannot
 * help, and a job that fails for good carries `failure: {code, reason}` in
 * its data (jobFailureOf), as the pipeline's jobs do. A delivery whose
 * receiver has its share of deliveries in flight is put aside, no attempt
 * spent. A receiver's Retry-After (429/503) is honoured (retry-after.ts): the
 * attempt counts, and the receiver is left alone for what it asked, up to an
 * hour, by every alerter (receiver-backoff.ts): the retry and every other
 * delivery to it that comes up before then is put aside, as a busy
 * receiver's are, until a little past the end.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): Worker {
  const { deps } = options;
  const worker = new Worker(
    ALERT_DELIVER_QUEUE,
    async (job: Job, token?: string) => {
      const attempt = job.attemptsMade + 1;
      const jobLog = options.log.child({ queue: ALERT_DELIVER_QUEUE, jobId: job.id, attempt, searchId: (job.data as { searchId?: unknown } | null)?.searchId });
      try {
        const parsed = parseAlertJob(job);
        if (parsed.name === ALERT_JOBS.digest) {
          const result = await handleAlertDigest(parsed.data, deps, attempt);
          jobLog.info(result, result.delivered ? 'digest delivered' : 'no digest: nothing matched, or the saved search or its digest is gone');
          return result;
        }
        const result = await handleAlertDeliver(parsed.data, deps, attempt);
        jobLog.info(result, result.delivered ? 'alert delivered' : 'alert dropped: the saved search or its webhook is gone');
        return result;
      } catch (error) {
        if (error instanceof ReceiverBusy) {
          jobLog.debug(
            { receiver: error.receiver, waitMs: error.waitMs, reason: error.reason },
            error.reason === 'backoff' ? 'alert waits until its receiver asked to be tried again' : 'alert waits for its receiver',
          );
          await job.moveToDelayed(Date.now() + error.waitMs, token);
          throw new DelayedError();
        }
        const asked = receiverBackOffAsked(error);
        // Before the job goes back for its retry, which then finds the receiver held whichever alerter takes it. Even on the
        // last attempt: the sooner every alerter knows, the fewer deliveries go to a receiver that asked for time.
        if (asked !== null) await holdReceiver(deps, asked, jobLog);
        throw await failedJob(job, error, jobLog, 'alert delivery');
      }
    },
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency },
  );
  worker.on('error', workerErrorLogger(options.log, 'alert-deliver worker error'));
  return worker;
}
