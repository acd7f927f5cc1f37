import type { Command } from 'commander';
import { ALL_QUEUES } from '@tidings/contracts';
import { queueCounts } from '@tidings/queue';
import type { Runtime } from '@tidings/runtime';
import { CliError, cliConfig, cliLogger, note, out, printJson, withRuntime } from '../context.js';
import { runUntilIdle, startWorkers, WORKER_NAMES, type RunSummary, type WorkerName } from '../pipeline.js';

/** Prints what a run did: JSON on stdout, or a short report. */
export function reportRun(summary: RunSummary, json: boolean): void {
  if (json) return printJson(summary);
  out(`polled ${summary.feeds} feed${summary.feeds === 1 ? '' : 's'}; ${summary.indexed} new article${summary.indexed === 1 ? '' : 's'} indexed; ${summary.failed.length} failed`);
  for (const failure of summary.failed) out(`  failed ${failure.queue} ${failure.url ?? ''}: [${failure.code}] ${failure.reason}`);
}

/** Writes a one-line progress report to stderr. */
export function progressLine(summary: RunSummary, pending: number): void {
  const c = summary.completed;
  note(`[run] feeds ${c['feed-fetch']}/${summary.feeds} fetched, ${c['feed-parse']} parsed · articles ${c['article-fetch']} fetched, ${c['article-extract']} extracted, ${c['article-index']} indexed · ${summary.failed.length} failed · ${pending} pending`);
}

/** Runs until SIGINT/SIGTERM, then closes gracefully (active jobs finish). */
async function runForever(runtime: Runtime, names: readonly WorkerName[]): Promise<void> {
  const pipeline = await startWorkers(runtime, names);
  note(`tidings: ${names.join(', ')} running (queue prefix "${runtime.config.queuePrefix}", data in ${runtime.config.dataDir}); Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      note(`tidings: ${signal}, finishing active jobs...`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await pipeline.close();
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
      const config = cliConfig();
      const log = cliLogger(config, true);
      const summary = await withRuntime(config, log, async (runtime) => {
        if ((await runtime.index.listFeeds()).length === 0) note('no feeds subscribed: add one with "tidings subscribe <feed url>"');
        return runUntilIdle(runtime, options.quiet ? undefined : progressLine);
      });
      reportRun(summary, Boolean(options.json));
    });

  program
    .command('start')
    .description('run the scheduler and every worker in this process until stopped')
    .action(async () => {
      const config = cliConfig();
      await withRuntime(config, cliLogger(config, false), (runtime) => runForever(runtime, WORKER_NAMES));
    });

  program
    .command('worker')
    .description('run one worker alone (run as many copies, on as many machines, as the load needs)')
    .argument('<name>', WORKER_NAMES.join('|'))
    .action(async (name: string) => {
      if (!(WORKER_NAMES as readonly string[]).includes(name)) throw new CliError(`unknown worker "${name}": one of ${WORKER_NAMES.join(', ')}`, 2);
      const config = cliConfig();
      await withRuntime(config, cliLogger(config, false), (runtime) => runForever(runtime, [name as WorkerName]));
    });

  program
    .command('status')
    .description('job counts per queue and the size of the index')
    .option('--json', 'print {"queues": {...}, "index": {...}} as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const status = await withRuntime(
        config,
        cliLogger(config, true),
        async (runtime) => ({
          queues: await queueCounts(runtime.queues),
          index: { articles: await runtime.index.countArticles(), feeds: (await runtime.index.listFeeds()).length },
        }),
        { autostartRedis: false },
      );
      if (options.json) return printJson(status);
      out('queue            waiting  active  delayed  completed  failed');
      for (const name of ALL_QUEUES) {
        const c = status.queues[name];
        out(`${name.padEnd(16)} ${String(c.waiting).padStart(7)} ${String(c.active).padStart(7)} ${String(c.delayed).padStart(8)} ${String(c.completed).padStart(10)} ${String(c.failed).padStart(7)}`);
      }
      out(`\nindex: ${status.index.articles} articles from ${status.index.feeds} feeds`);
    });
}
