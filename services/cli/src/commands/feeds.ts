import type { Command } from 'commander';
import type { FeedRecord } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { CliError, cliConfig, out, printJson, withIndex } from '../context.js';

/** `subscribe`, `unsubscribe` and `feeds`. */
export function registerFeedCommands(program: Command): void {
  program
    .command('subscribe')
    .description('subscribe to a feed (RSS, Atom or JSON Feed); prints the feed id')
    .argument('<url>', 'the feed URL')
    .option('--json', 'print the feed record as JSON')
    .action(async (url: string, options: { json?: boolean }) => {
      if (!normaliseUrl(url)) throw new CliError(`not an http(s) URL: ${url}`, 2);
      const { feed, created } = await withIndex(cliConfig(), (index) => index.addFeed(url));
      if (options.json) printJson({ ...feed, created });
      else out(feed.id);
    });

  program
    .command('unsubscribe')
    .description('stop polling a feed (articles already indexed stay)')
    .argument('<id|url>', 'feed id or URL')
    .action(async (idOrUrl: string) => {
      await withIndex(cliConfig(), async (index) => {
        const feed = (await index.listFeeds()).find((f) => f.id === idOrUrl || f.url === normaliseUrl(idOrUrl));
        if (!feed) throw new CliError(`no subscribed feed ${idOrUrl} (see "tidings feeds")`);
        await index.removeFeed(feed.id);
        out(feed.id);
      });
    });

  program
    .command('feeds')
    .description('list subscribed feeds with their last status')
    .option('--json', 'print {"feeds": [...]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const feeds = await withIndex(cliConfig(), (index) => index.listFeeds());
      if (options.json) return printJson({ feeds });
      if (feeds.length === 0) return out('no feeds yet: tidings subscribe <feed url>');
      for (const feed of feeds) out(formatFeed(feed));
    });
}

function formatFeed(feed: FeedRecord): string {
  const status = feed.lastStatus === null ? 'never fetched' : feed.lastStatus === 'error' ? `error: ${feed.lastError ?? 'unknown'}` : feed.lastStatus;
  const failures = feed.consecutiveFailures > 0 ? `, ${feed.consecutiveFailures} failures in a row` : '';
  return `${feed.id}  ${feed.url}\n    ${feed.title ?? '(untitled)'} - ${status}${failures}; last fetch ${feed.lastFetchAt ?? 'never'}; ${feed.itemsSeen} items seen`;
}
