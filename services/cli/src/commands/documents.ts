import type { Command } from 'commander';
import type { ArticleRecord, ParsedFeed } from '@tidings/contracts';
import { describeError, TidingsError } from '@tidings/contracts/errors';
import type { ExtractionPool } from '@tidings/service-extractor/extraction-pool';
import { CliError, cliConfig, out, printJson } from '../context.js';

/**
 * `extract` and `parse-feed`: the pure stages on their own, no queues. A
 * local file gets the limits a fetched body gets: the size cap
 * (TIDINGS_FETCH_MAX_BYTES, decompressed too) and the time budget of the
 * stage, in a worker thread that is stopped when it runs out
 * (TIDINGS_EXTRACT_TIMEOUT_MS, TIDINGS_PARSE_TIMEOUT_MS): the same pools the
 * extractor and the parser use.
 */
export function registerDocumentCommands(program: Command): void {
  program
    .command('extract')
    .description('extract article records from HTML files or URLs (no queues, nothing stored)')
    .argument('<inputs...>', 'HTML files (.gz is fine) or http(s) URLs')
    .option('--url <pageUrl>', 'the page URL a file was saved from (base for links, canonical fallback)')
    .option('--json', 'print the ArticleRecord of the one input as JSON')
    .option('--jsonl', 'print one JSON line per input: {"input", "record"} or {"input", "error": {"code", "message"}}')
    .action(async (inputs: string[], options: { url?: string; json?: boolean; jsonl?: boolean }) => {
      if (options.json && inputs.length > 1) throw new CliError('--json takes one input; use --jsonl for several', 2);
      const { createExtractionPool } = await import('@tidings/service-extractor/extraction-pool');
      // The thread starts first, its time budget to follow: it loads the extractor while this one
      // loads the configuration and the input reader, and reads and decodes the input. The executable
      // started it before loading the program (main.ts): a pool of these limits takes that thread over.
      const loadingConfig = cliConfig();
      const pool: ExtractionPool = createExtractionPool({ threads: 1, timeoutMs: loadingConfig.then((config) => config.extractTimeoutMs) });
      try {
        const config = await loadingConfig;
        const [{ readInput }, { articleId }] = await Promise.all([import('../inputs.js'), import('@tidings/url')]);
        const extractOne = async (input: string): Promise<ArticleRecord> => {
          const document = await readInput(input, 'page', config);
          // The record's JSON has no place for them: what decoding the input guessed goes to stderr, as parse-feed's warnings do.
          for (const warning of document.warnings) process.stderr.write(`warning: ${input}: ${warning}\n`);
          const pageUrl = options.url ?? document.sourceUrl;
          const extracted = await pool.extract(document.text, { url: pageUrl });
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
      } finally {
        await pool.close();
      }
    });

  program
    .command('parse-feed')
    .description('parse an RSS, Atom or JSON feed (no queues, nothing stored)')
    .argument('<input>', 'a feed file or http(s) URL')
    .option('--url <feedUrl>', 'the URL the file was fetched from (base for relative links)')
    .option('--json', 'print the parsed feed as JSON')
    .action(async (input: string, options: { url?: string; json?: boolean }) => {
      const [{ createParsePool }, { readInput }, { normaliseUrl }] = await Promise.all([
        import('@tidings/service-parser/parse-pool'),
        import('../inputs.js'),
        import('@tidings/url'),
      ]);
      // The base of every relative link: a wrong one would quietly leave them all unresolved.
      if (options.url !== undefined && normaliseUrl(options.url) === null) throw new CliError(`--url: not an absolute http(s) URL: ${options.url}`, 2);
      const config = await cliConfig();
      let pool: ReturnType<typeof createParsePool> | null = null;
      let parsed: ParsedFeed;
      try {
        const document = await readInput(input, 'feed', config);
        pool = createParsePool({ threads: 1, timeoutMs: config.parse.timeoutMs });
        // From a file without --url, relative links stay unresolved ('' is no base URL).
        const feedUrl = options.url ?? (document.sourceUrl.startsWith('http') ? document.sourceUrl : '');
        // As the parser service reads a fetched feed: its Content-Location too (unless --url names another address).
        const contentLocation = options.url === undefined ? document.contentLocation : undefined;
        parsed = await pool.parse(document.text, { feedUrl, ...(contentLocation ? { contentLocation } : {}) }).catch((error: unknown) => {
          throw feedUrl === '' ? namingInput(error, input, config.parse.timeoutMs) : error;
        });
        // The charset guesses made decoding a file come first, as parseFeedBytes reports them.
        parsed = { ...parsed, warnings: [...document.warnings, ...parsed.warnings] };
      } catch (error) {
        throw new CliError(`${input}: ${describeError(error).message}`);
      } finally {
        await pool?.close();
      }
      if (options.json) return printJson(parsed);
      out(`${parsed.feed.title ?? '(untitled feed)'} [${parsed.format}] - ${parsed.items.length} items`);
      for (const item of parsed.items) out(`  ${item.publishedAt?.slice(0, 10) ?? '          '}  ${item.title ?? '(untitled)'}\n              ${item.url ?? '(no link)'}`);
      for (const warning of parsed.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}

/**
 * The parse pool names a task by its feed URL; a file read without --url has
 * none, so its budget errors are told again naming the file.
 */
function namingInput(error: unknown, input: string, timeoutMs: number): unknown {
  if (!(error instanceof TidingsError)) return error;
  if (error.code === 'timeout') {
    return new TidingsError('timeout', `parsing ${input} took longer than ${timeoutMs} ms (TIDINGS_PARSE_TIMEOUT_MS); its worker thread was stopped`, {
      permanent: true,
      cause: error,
    });
  }
  if (error.code === 'too-large') return new TidingsError('too-large', `parsing ${input} ran out of memory; its worker thread was stopped`, { permanent: true, cause: error });
  return error;
}
