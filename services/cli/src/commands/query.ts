import { Option, type Command } from 'commander';
import type { SearchCollapse, SearchHit } from '@tidings/contracts';
import { describeError } from '@tidings/contracts/errors';
import { CliError, cliConfig, out, positiveInt, printJson, withIndex } from '../context.js';

/** The values of `--collapse` (contracts' SearchCollapseSchema; not imported as a value, so `--help` does not load zod). */
const COLLAPSE_CHOICES = ['story'] as const satisfies readonly SearchCollapse[];

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

/** For a hit of a search collapsed by story: how many other sites reported it, or nothing. */
export function alsoReported(hit: SearchHit): string | null {
  const others = (hit.storySites?.length ?? 1) - 1;
  if (others <= 0) return null;
  return `also reported by ${others} other source${others === 1 ? '' : 's'} (${hit.storySize ?? 1} articles in story ${hit.storyId ?? hit.id})`;
}

/** `search` and `show`. */
export function registerQueryCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search over indexed articles, best first')
    .argument('<query...>', 'words (all must match), "exact phrase", -excluded, a OR b, prefix*')
    .option('--limit <n>', 'number of hits (at most 100)', positiveInt('--limit', 100), 10)
    .option('--json', 'print {"total", "hits": [...]} as JSON')
    .addOption(new Option('--collapse <what>', 'story: one hit per story, saying how many other sources reported it').choices(COLLAPSE_CHOICES))
    .action(async (words: string[], options: { limit: number; json?: boolean; collapse?: 'story' }) => {
      const query = words.join(' ');
      const result = await withIndex(await cliConfig(), async (index) => {
        try {
          return await index.search(query, { limit: options.limit, ...(options.collapse ? { collapse: options.collapse } : {}) });
        } catch (error) {
          throw new CliError(`bad query: ${describeError(error).message}`, 2);
        }
      });
      if (options.json) return printJson(result);
      if (result.total === 0) return out(`no articles match "${query}"`);
      const unit = options.collapse ? 'stor' : 'article';
      const plural = options.collapse ? (result.total === 1 ? 'y' : 'ies') : result.total === 1 ? '' : 's';
      out(`${result.total} ${unit}${plural} match "${query}"${result.total > result.hits.length ? ` (showing ${result.hits.length})` : ''}\n`);
      for (const hit of result.hits) {
        const also = alsoReported(hit);
        out(`${hit.title}\n  ${hit.url}\n  ${[hit.siteName, hit.publishedAt?.slice(0, 10), `id ${hit.id}`].filter(Boolean).join(' · ')}\n  ${highlight(hit.snippet)}\n${also ? `  ${also}\n` : ''}`);
      }
    });

  program
    .command('show')
    .description('show one stored article')
    .argument('<id|url>', 'article id (from search) or its URL')
    .option('--json', 'print the ArticleRecord as JSON')
    .option('--trace', 'print its stage timings instead: polled, fetched, extracted, indexed, and how long each took (JSON with --json)')
    .action(async (idOrUrl: string, options: { json?: boolean; trace?: boolean }) => {
      const record = await withIndex(await cliConfig(), (index) => index.getArticle(idOrUrl));
      if (!record) throw new CliError(`no article ${idOrUrl} in the index`);
      if (options.trace) return (await import('./show-trace.js')).printTrace(record, Boolean(options.json));
      if (options.json) return printJson(record);
      out(record.title);
      out([record.siteName, record.authors.join(', '), record.publishedAt].filter(Boolean).join(' · '));
      out(record.url);
      if (record.storyId) out(`story ${record.storyId}`);
      out('');
      out(record.text);
    });
}
