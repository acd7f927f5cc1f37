import type { Command } from 'commander';
import { CliError, cliConfig, cliLogger, note, out, printJson, withRuntime } from '../context.js';
import type { RunSummary } from '../pipeline.js';
import { WORKER_NAMES, type WorkerName } from '../worker-names.js';
import { progressReporter } from '../progress.js';
import { portNumber, serveApi } from './api.js';

/** Prints what a run did: JSON on stdout, or a short report. */
export function reportRun(summary: RunSummary, json: boolean): void {
  if (json) return printJson(summary);
  out(`polled ${summary.feeds} feed${summary.feeds === 1 ? '' : 's'}; ${summary.indexed} new article${summary.indexed === 1 ? '' : 's'} indexed; ${summary.failed.length} failed${summary.refetched > 0 ? `; ${summary.refetched} page${summary.refetched === 1 ? '' : 's'} fetched again (stored body gone)` : ''}`);
  for (const failure of summary.failed) out(`  failed ${failure.queue} ${failure.url ?? ''}: [${failure.code}] ${failure.reason}`);
  // An article whose job failed is claimed: no later poll brings it back.
  if (summary.failed.length > 0) out('  (once the cause is gone, "tidings retry" runs the failed article jobs again; see "tidings retry --help")');
}

/**
 * Runs workers (and with `api`, the HTTP API) until SIGTERM, SIGINT or the
 * loss of the package manager that started it, then drains: the same path as each service's
 * own entry point.
 */
async function runForever(names: readonly WorkerName[], options: { api?: { host?: string; port?: number } } = {}): Promise<void> {
  const { runServiceProcess } = await import('@tidings/runtime');
  const { servicesNamed } = await import('../pipeline.js');
  const config = await cliConfig();
  const log = await cliLogger(config, false);
  note(`tidings: ${names.join(', ')} starting (queue prefix "${config.queuePrefix}", data in ${config.dataDir}); Ctrl-C to stop`);
  try {
    await runServiceProcess(servicesNamed(names), {
      name: names.length === 1 ? (names[0] as string) : 'all',
      config,
      log,
      alongside: async (runtime) => (options.api ? serveApi(runtime, options.api) : undefined),
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
  note('tidings: stopped');
  // Exit now, as every service's own entry point does (serviceMain): a job handed back at the shutdown
  // timeout may still be running here (a fetch waiting on a host that does not answer), and would hold
  // the process until its own timeout ends, far past TIDINGS_SHUTDOWN_TIMEOUT; its late result is
  // refused anyway (its lock is gone, and so are the connections).
  process.exit(0);
}

/** `run`, `start`, `worker` and `status`. */
export function registerPipelineCommands(program: Command): void {
  program
    .command('run')
    .description('poll every subscribed feed once and carry every new item through all stages')
    .option('--until-idle', 'exit when every queue is empty (the only mode for now; the default)')
    .option('--json', 'print the run summary as JSON')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (options: { untilIdle?: boolean; json?: boolean; quiet?: boolean }) => {
      const { runUntilIdle } = await import('../pipeline.js');
      const config = await cliConfig();
      const log = await cliLogger(config, true);
      const summary = await withRuntime(config, log, async (runtime) => {
        if ((await runtime.index.listFeeds()).length === 0) note('no feeds subscribed: add one with "tidings subscribe <feed url>"');
        const progress = progressReporter();
        try {
          return await runUntilIdle(runtime, options.quiet ? undefined : progress.update);
        } finally {
          progress.end();
        }
      });
      reportRun(summary, Boolean(options.json));
    });

  program
    .command('start')
    .description('run the scheduler, every worker and the HTTP API in this process until stopped')
    .option('--host <address>', 'API address [TIDINGS_API_HOST, 127.0.0.1]')
    .option('--port <port>', 'API port [TIDINGS_API_PORT, 8080]', portNumber)
    .option('--no-api', 'do not serve the HTTP API')
    .action(async (options: { api: boolean; host?: string; port?: number }) => {
      const api = options.api ? { ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}) } : undefined;
      await runForever(WORKER_NAMES, { api });
    });

  program
    .command('worker')
    .description('run one worker alone (run as many copies, on as many machines, as the load needs)')
    .argument('<name>', WORKER_NAMES.join('|'))
    .action(async (name: string) => {
      if (!(WORKER_NAMES as readonly string[]).includes(name)) throw new CliError(`unknown worker "${name}": one of ${WORKER_NAMES.join(', ')}`, 2);
      await runForever([name as WorkerName]);
    });

  program
    .command('status')
    .description('job counts and rates per queue, job durations, fetch results, lag and the size of the index')
    .option('--json', 'print {"queues": {...}, "index": {...}, "rates": {...}, "metrics": {...}, "workers": [...]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const { readIndexFigures, readPipelineFigures } = await import('@tidings/metrics');
      const { printStatus, statusReport } = await import('./status.js');
      const config = await cliConfig();
      const report = await withRuntime(
        config,
        await cliLogger(config, true),
        async (runtime) => statusReport(await readPipelineFigures(runtime.redis, runtime.queues), await readIndexFigures(runtime.index)),
        { autostartRedis: false },
      );
      if (options.json) return printJson(report);
      printStatus(report);
    });
}
