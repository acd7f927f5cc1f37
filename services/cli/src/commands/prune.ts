import type { Command } from 'commander';
import { CliError, cliConfig, out, printJson, withIndex } from '../context.js';

interface PruneCommandOptions {
  olderThan?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `tidings prune`: retention by hand. Deletes the articles fetched longer
 * ago than `--older-than` (default TIDINGS_RETENTION), their story links and
 * the item claims made before then, in batches, while the pipeline runs.
 */
export function registerPruneCommand(program: Command): void {
  program
    .command('prune')
    .description('delete articles fetched longer ago than the retention, with their story links and seen-item claims')
    .option('--older-than <duration>', 'how old is too old, e.g. 180d or 12h (default TIDINGS_RETENTION)')
    .option('--dry-run', 'count what would go, delete nothing')
    .option('--json', 'print {"articles", "seenItems", "stories", "cutoff", "dryRun"} as JSON')
    .action(async (options: PruneCommandOptions) => {
      const { parseRetention } = await import('@tidings/config');
      const config = await cliConfig();
      let retentionMs: number | null;
      try {
        retentionMs = options.olderThan === undefined ? config.retentionMs : parseRetention(options.olderThan);
      } catch (error) {
        throw new CliError(`--older-than: ${(error as Error).message}`, 2);
      }
      if (retentionMs === null) {
        throw new CliError(options.olderThan === undefined ? 'no retention set: give --older-than (e.g. 180d) or set TIDINGS_RETENTION' : '--older-than 0 keeps everything: nothing to prune', 2);
      }
      const before = new Date(Date.now() - retentionMs);
      const result = await withIndex(config, (index) => index.prune({ before, dryRun: Boolean(options.dryRun) }));
      if (options.json) return printJson(result);
      const verb = result.dryRun ? 'would remove' : 'removed';
      out(`${verb} ${result.articles} articles, ${result.seenItems} seen items and ${result.stories} stories fetched or claimed before ${result.cutoff}`);
    });
}
