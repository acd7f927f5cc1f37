import type { Command } from 'commander';
import { describeError } from '@tidings/contracts/errors';
import { CliError, cliConfig, out, positiveInt, printJson, withIndex } from '../context.js';

/**
 * Turns the index's HTML snippet (escaped text, `<mark>` around matches) into
 * one line of terminal text, matches in bold: the article's line breaks and
 * control characters would otherwise break the listing's layout.
 */
export function highlight(snippet: string, tty = process.stdout.isTTY === true): string {
  return snippet
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\s\x00-\x1f\x7f]+/g, ' ')
    .trim()
    .replaceAll('<mark>', tty ? '\x1b[1m' : '')
    .replaceAll('</mark>', tty ? '\x1b[0m' : '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** `search` and `show`. */
export function registerQueryCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search over indexed articles, best first')
    .argument('<query...>', 'words (all must match), "exact phrase", -excluded, a OR b, prefix*')
    .option('--limit <n>', 'number of hits (at most 100)', positiveInt('--limit', 100), 10)
    .option('--json', 'print {"total", "hits": [...]} as JSON')
    .action(async (words: string[], options: { limit: number; json?: boolean }) => {
      const query = words.join(' ');
      const result = await withIndex(cliConfig(), async (index) => {
        try {
          return await index.search(query, { limit: options.limit });
        } catch (error) {
          throw new CliError(`bad query: ${describeError(error).message}`, 2);
        }
      });
      if (options.json) return printJson(result);
      if (result.total === 0) return out(`no articles match "${query}"`);
      out(`${result.total} article${result.total === 1 ? '' : 's'} match "${query}"${result.total > result.hits.length ? ` (showing ${result.hits.length})` : ''}\n`);
      for (const hit of result.hits) {
        out(`${hit.title}\n  ${hit.url}\n  ${[hit.siteName, hit.publishedAt?.slice(0, 10), `id ${hit.id}`].filter(Boolean).join(' · ')}\n  ${highlight(hit.snippet)}\n`);
      }
    });

  program
    .command('show')
    .description('show one stored article')
    .argument('<id|url>', 'article id (from search) or its URL')
    .option('--json', 'print the ArticleRecord as JSON')
    .option('--trace', 'print its stage timings instead: polled, fetched, extracted, indexed, and how long each took (JSON with --json)')
    .action(async (idOrUrl: string, options: { json?: boolean; trace?: boolean }) => {
      const record = await withIndex(cliConfig(), (index) => index.getArticle(idOrUrl));
      if (!record) throw new CliError(`no article ${idOrUrl} in the index`);
      if (options.trace) return (await import('./show-trace.js')).printTrace(record, Boolean(options.json));
      if (options.json) return printJson(record);
      out(record.title);
      out([record.siteName, record.authors.join(', '), record.publishedAt].filter(Boolean).join(' · '));
      out(record.url);
      out('');
      out(record.text);
    });
}
