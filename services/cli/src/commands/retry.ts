import type { Command } from 'commander';
import { ALL_QUEUES, type QueueName } from '@tidings/contracts/queues';
import type { LeftReason, RetryReport } from '@tidings/queue';
import { CliError, cliConfig, cliLogger, out, printJson, wholeNumber, withRuntime } from '../context.js';
import { countsByCode } from './counts-by-code.js';

interface RetryCommandOptions {
  queue?: string[];
  code?: string[];
  all?: boolean;
  olderThan?: string;
  limit?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The report for people: what was moved back, what was left and why. */
function printRetry(report: RetryReport, options: RetryCommandOptions): void {
  const verb = report.dryRun ? 'would retry' : 'retried';
  out(`${verb} ${report.retried} failed job${report.retried === 1 ? '' : 's'}${report.retried > 0 ? `: ${countsByCode(report.jobs)}` : ''}`);
  const left = (why: LeftReason, says: string, then = '') => {
    const entries = report.left.filter((entry) => entry.why === why);
    if (entries.length > 0) out(`left ${entries.reduce((sum, entry) => sum + entry.count, 0)} ${says}: ${countsByCode(entries)}${then}`);
  };
  left('permanent', 'that failed for good (retrying was not expected to help)', '; name a code with --code to retry them anyway');
  left('too-recent', `that failed less than ${options.olderThan} ago`);
  left('over-limit', `over --limit ${options.limit} (newer failures)`, '; run it again for more');
  if (report.gone > 0) out(`${report.gone} no longer failed when their turn came (retried or removed meanwhile)`);
  if (report.retried > 0 && !report.dryRun) out('they run when workers are up: tidings start, tidings worker <name>, or tidings run');
}

/** `--older-than` in ms: a duration with its unit (a bare number would be milliseconds, never what is meant). */
async function olderThanMs(value: string): Promise<number> {
  const { isBareNumber, parseDuration } = await import('@tidings/config');
  try {
    if (isBareNumber(value)) throw new Error(`"${value}" needs a unit, e.g. 45s, 30m, 2h or 1d`);
    return parseDuration(value);
  } catch (error) {
    throw new CliError(`--older-than: ${(error as Error).message}`, 2);
  }
}

/**
 * `tidings retry`: failed jobs run again. An article whose fetch, extraction
 * or indexing failed for good is claimed, so no later poll brings it back;
 * this moves such jobs back to their queue once the cause is gone.
 */
export function registerRetryCommand(program: Command): void {
  program
    .command('retry')
    .description('run failed jobs again: by default every article job that failed for a passing reason (network, timeout, host-backoff, 5xx...)')
    .option('--queue <name...>', `queues to retry (${ALL_QUEUES.join(', ')}; default the article stages: article-fetch article-extract article-index)`)
    .option('--code <code...>', 'only jobs that failed with these codes, including ones that failed for good (e.g. not-article after widening TIDINGS_INDEX_PAGE_TYPES)')
    .option('--all', 'every failed job of the queues, whatever its code')
    .option('--older-than <duration>', 'only jobs that failed at least this long ago, e.g. 45s, 30m, 2h or 1d')
    .option('--limit <n>', 'at most n jobs, the oldest failures first; the rest are left and counted')
    .option('--dry-run', 'list what would be retried, move nothing')
    .option(
      '--json',
      'print {"dryRun", "queues", "retried", "jobs": [{queue, jobId, code, url}] (oldest failure first), "left": [{queue, code, count, why}], "gone"} as JSON (why: permanent, other-code, too-recent or over-limit)',
    )
    .action(async (options: RetryCommandOptions) => {
      const { retryFailedJobs, RETRY_DEFAULT_QUEUES } = await import('@tidings/queue');
      const unknown = (options.queue ?? []).filter((name) => !(ALL_QUEUES as readonly string[]).includes(name));
      if (unknown.length > 0) throw new CliError(`--queue: no queue named ${unknown.join(', ')} (queues: ${ALL_QUEUES.join(', ')})`, 2);
      if (options.all && options.code) throw new CliError('--all and --code: give one (--all retries every code)', 2);
      const limit = options.limit === undefined ? undefined : wholeNumber(options.limit);
      if (limit === null) throw new CliError(`--limit: "${options.limit}" is not a whole number of jobs`, 2);
      if (limit === 0) throw new CliError('--limit 0 retries nothing: give at least 1 (or --dry-run to see what would be retried)', 2);
      const queues = (options.queue as QueueName[] | undefined) ?? RETRY_DEFAULT_QUEUES;
      const filter = {
        queues,
        codes: options.code ?? null,
        all: Boolean(options.all),
        olderThanMs: options.olderThan === undefined ? undefined : await olderThanMs(options.olderThan),
        limit,
      };
      const config = await cliConfig();
      const log = await cliLogger(config, true);
      const report = await withRuntime(config, log, (runtime) => retryFailedJobs(runtime.queues, filter, { dryRun: Boolean(options.dryRun) }));
      if (options.json) return printJson(report);
      printRetry(report, options);
    });
}
