import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { describeError, isPermanent, type JobFailure } from '@tidings/contracts';

/** What a worker throws to BullMQ for a failed job: the message is `[code] reason`, and both parts travel typed too. */
export interface TypedJobError extends Error {
  code?: string;
  reason?: string;
}

/**
 * What every worker (the pipeline's stages, the alerter's deliveries, the
 * WebSub hub requests) does with a job whose handler threw: logs it with its
 * typed code (`err.code`), records `failure: {code, reason, permanent}` in the job's
 * data when it fails for good (permanent, or its last attempt), so other
 * processes read the code (jobFailureOf in contracts), and returns the error
 * to throw: an UnrecoverableError for a permanent failure (no retry), else
 * an Error BullMQ retries; both read `[code] message`.
 *
 * @param what names the job in the log line: "feed-fetch job", "alert delivery".
 */
export async function failedJob(job: Job, error: unknown, log: Logger, what: string): Promise<TypedJobError> {
  const { code, message } = describeError(error);
  const permanent = isPermanent(error);
  log.warn({ code, err: { code, message }, permanent }, `${what} failed: [${code}] ${message}`);
  if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
    const record: JobFailure = { code, reason: message, permanent };
    await job.updateData({ ...(job.data as object), failure: record }).catch((updateError: unknown) => log.warn({ err: updateError }, 'could not record the failure code on the job'));
  }
  const failure: TypedJobError = permanent ? new UnrecoverableError(`[${code}] ${message}`) : new Error(`[${code}] ${message}`);
  failure.code = code;
  failure.reason = message;
  if (!permanent && error instanceof Error) failure.stack = error.stack;
  return failure;
}
