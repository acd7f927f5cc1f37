import type { Command } from 'commander';
import { describeError, type ArticleRecord } from '@tidings/contracts';
import { extractArticle } from '@tidings/extract';
import { parseFeed, parseFeedBytes } from '@tidings/feed';
import { articleId } from '@tidings/url';
import { CliError, cliConfig, out, printJson } from '../context.js';
import { readInput } from '../inputs.js';

/** `extract` and `parse-feed`: the pure stages on their own, no queues. */
export function registerDocumentCommands(program: Command): void {
  program
    .command('extract')
    .description('extract article records from HTML files or URLs (no queues, nothing stored)')
    .argument('<inputs...>', 'HTML files (.gz is fine) or http(s) URLs')
    .option('--url <pageUrl>', 'the page URL a file was saved from (base for links, canonical fallback)')
    .option('--json', 'print the ArticleRecord of the one input as JSON')
    .option('--jsonl', 'print one JSON line per input: {"input", "record"} or {"input", "error": {"code", "message"}}')
    .action(async (inputs: string[], options: { url?: string; json?: boolean; jsonl?: boolean }) => {
      const config = cliConfig();
      if (options.json && inputs.length > 1) throw new CliError('--json takes one input; use --jsonl for several', 2);
      const extractOne = async (input: string): Promise<ArticleRecord> => {
        const document = await readInput(input, 'page', config);
        const pageUrl = options.url ?? document.sourceUrl;
        const extracted = extractArticle(document.text, { url: pageUrl });
        return { ...extracted, id: articleId(extracted.url), feedUrls: [], fetchedAt: new Date().toISOString() };
      };
      if (options.jsonl || inputs.length > 1) {
        let failed = 0;
        for (const input of inputs) {
          try {
            out(JSON.stringify({ input, record: await extractOne(input) }));
          } catch (error) {
            failed++;
            out(JSON.stringify({ input, error: describeError(error) }));
          }
        }
        if (failed === inputs.length) process.exitCode = 1;
        return;
      }
      const record = await extractOne(inputs[0]!).catch((error: unknown) => {
        throw new CliError(`${inputs[0]}: ${describeError(error).message}`);
      });
      if (options.json) return printJson(record);
      out(`${record.title}\n${[record.siteName, record.authors.join(', '), record.publishedAt].filter(Boolean).join(' · ')}\n${record.url}\n\n${record.text}`);
    });

  program
    .command('parse-feed')
    .description('parse an RSS, Atom or JSON feed (no queues, nothing stored)')
    .argument('<input>', 'a feed file or http(s) URL')
    .option('--url <feedUrl>', 'the URL the file was fetched from (base for relative links)')
    .option('--json', 'print the parsed feed as JSON')
    .action(async (input: string, options: { url?: string; json?: boolean }) => {
      const config = cliConfig();
      let parsed;
      try {
        const document = await readInput(input, 'feed', config);
        const feedUrl = options.url ?? (document.sourceUrl.startsWith('http') ? document.sourceUrl : null);
        // From a file, the parser decodes the bytes itself so its charset guesses show up as warnings.
        parsed = document.bytes ? await parseFeedBytes(document.bytes, { contentType: null, feedUrl }) : await parseFeed(document.text, { feedUrl });
      } catch (error) {
        throw new CliError(`${input}: ${describeError(error).message}`);
      }
      if (options.json) return printJson(parsed);
      out(`${parsed.feed.title ?? '(untitled feed)'} [${parsed.format}] - ${parsed.items.length} items`);
      for (const item of parsed.items) out(`  ${item.publishedAt?.slice(0, 10) ?? '          '}  ${item.title ?? '(untitled)'}\n              ${item.url ?? '(no link)'}`);
      for (const warning of parsed.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}
