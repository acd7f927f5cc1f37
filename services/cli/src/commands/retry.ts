import type { Command } from 'commander';
import { ALL_QUEUES, type QueueName } from '@tidings/contracts/queues';
import type { RetryReport } from '@tidings/queue';
import { CliError, cliConfig, cliLogger, out, printJson, withRuntime } from '../context.js';

interface RetryCommandOptions {
  queue?: string[];
  code?: string[];
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** Counts per queue and code, as `article-fetch [host-backoff] 3 · ...`. */
function countsByCode(entries: Iterable<{ queue: string; code: string; count?: number }>): string {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.queue} [${entry.code}]`;
    counts.set(key, (counts.get(key) ?? 0) + (entry.count ?? 1));
  }
  return [...counts].map(([key, count]) => `${key} ${count}`).join(' · ');
}

/** The report for people: what was moved back, what was left and why. */
function printRetry(report: RetryReport): void {
  const verb = report.dryRun ? 'would retry' : 'retried';
  out(`${verb} ${report.retried} failed job${report.retried === 1 ? '' : 's'}${report.retried > 0 ? `: ${countsByCode(report.jobs)}` : ''}`);
  const permanent = report.left.filter((entry) => entry.why === 'permanent');
  if (permanent.length > 0) out(`left ${permanent.reduce((sum, entry) => sum + entry.count, 0)} that failed for good (retrying was not expected to help): ${countsByCode(permanent)}; name a code with --code to retry them anyway`);
  if (report.gone > 0) out(`${report.gone} no longer failed when their turn came (retried or removed meanwhile)`);
  if (report.retried > 0 && !report.dryRun) out('they run when workers are up: tidings start, tidings worker <name>, or tidings run');
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
    .option('--dry-run', 'list what would be retried, move nothing')
    .option('--json', 'print {"dryRun", "queues", "retried", "jobs": [{queue, jobId, code, url}], "left": [{queue, code, count, why}], "gone"} as JSON')
    .action(async (options: RetryCommandOptions) => {
      const { retryFailedJobs, RETRY_DEFAULT_QUEUES } = await import('@tidings/queue');
      const unknown = (options.queue ?? []).filter((name) => !(ALL_QUEUES as readonly string[]).includes(name));
      if (unknown.length > 0) throw new CliError(`--queue: no queue named ${unknown.join(', ')} (queues: ${ALL_QUEUES.join(', ')})`, 2);
      if (options.all && options.code) throw new CliError('--all and --code: give one (--all retries every code)', 2);
      const queues = (options.queue as QueueName[] | undefined) ?? RETRY_DEFAULT_QUEUES;
      const config = await cliConfig();
      const log = await cliLogger(config, true);
      const report = await withRuntime(config, log, (runtime) =>
        retryFailedJobs(runtime.queues, { queues, codes: options.code ?? null, all: Boolean(options.all) }, { dryRun: Boolean(options.dryRun) }),
      );
      if (options.json) return printJson(report);
      printRetry(report);
    });
}
