import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { parseOpmlBytes } from '@tidings/opml';
import { CliError, cliConfig, out, printJson, withIndex } from '../context.js';

/** `import <file.opml>` and `export`. */
export function registerOpmlCommands(program: Command): void {
  program
    .command('import')
    .description('subscribe to every feed of an OPML file; folders and categories become feed tags')
    .argument('<file>', 'an OPML file ("-" for standard input)')
    .option('--json', 'print {"added": [...], "skipped": [...], "invalid": [...]} as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { importSubscriptions } = await import('@tidings/subscriptions');
      const document = await parseOpmlFile(file, await readOpml(file));
      const config = await cliConfig();
      // The one import (the API's too): what the fetcher would refuse is reported as invalid, not subscribed.
      const report = await withIndex(config, (index) => importSubscriptions(index, document, config.fetch));
      if (options.json) return printJson(report);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      out(`added ${plural(report.added.length, 'feed')}, skipped ${report.skipped.length} (duplicates), ${report.invalid.length} invalid`);
      for (const feed of report.added) out(`  added    ${feed.id}  ${feed.url}${feed.tags.length ? `  [${feed.tags.join(', ')}]` : ''}`);
      for (const feed of report.skipped) out(`  skipped  ${feed.id}  ${feed.url}: ${feed.reason}`);
      for (const entry of report.invalid) out(`  invalid  ${entry.entry}: ${entry.reason}`);
    });

  program
    .command('export')
    .description('print every subscribed feed as OPML 2.0 (tags as folders and categories)')
    .action(async () => {
      const { writeOpml } = await import('@tidings/opml');
      const feeds = await withIndex(await cliConfig(), (index) => index.listFeeds());
      process.stdout.write(writeOpml(feeds.map((feed) => ({ url: feed.url, title: feed.title, tags: feed.tags }))));
    });
}

/** The file's bytes: its charset is the file's to say (its XML declaration or byte order mark), read by parseOpmlBytes. */
async function readOpml(file: string): Promise<Buffer> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

async function parseOpmlFile(file: string, bytes: Buffer): Promise<ReturnType<typeof parseOpmlBytes>> {
  const { NotOpmlError, parseOpmlBytes } = await import('@tidings/opml');
  try {
    return parseOpmlBytes(bytes);
  } catch (error) {
    if (error instanceof NotOpmlError) throw new CliError(`${file} is ${error.message}`);
    throw error;
  }
}
