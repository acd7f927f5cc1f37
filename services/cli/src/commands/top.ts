// `tidings top`: the pipeline view's figures in the terminal, redrawn in place until `q`.
// Registration only: the screen (top-screen.ts) and the figures load when the command runs.
import type { Command } from 'commander';
import { cliConfig, cliLogger, CliError, out, withRuntime } from '../context.js';

/** `top`. */
export function registerTopCommand(program: Command): void {
  program
    .command('top')
    .description('live view of the pipeline (stages, rates, durations, lag, failures, workers), redrawn in place; q quits. Not on a terminal: one snapshot')
    .option('--interval <seconds>', 'seconds between redraws [2]', (value) => {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds < 0.2) throw new CliError(`--interval: a number of seconds, at least 0.2, got "${value}"`, 2);
      return seconds;
    })
    .action(async (options: { interval?: number }) => {
      const { readPipelineView } = await import('@tidings/metrics');
      const { renderTop, runLive } = await import('./top-screen.js');
      const config = await cliConfig();
      await withRuntime(
        config,
        await cliLogger(config, true),
        async (runtime) => {
          const read = () => readPipelineView(runtime.redis, runtime.queues, runtime.index);
          if (!process.stdout.isTTY || !process.stdin.isTTY) {
            for (const line of renderTop(await read(), Number.MAX_SAFE_INTEGER)) out(line);
            return;
          }
          await runLive(read, (options.interval ?? 2) * 1000);
        },
        { autostartRedis: false },
      );
    });
}
