import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { FeedRecord, WebSubView } from '@tidings/contracts';
import { describeError, TidingsError } from '@tidings/contracts/errors';
import type { Config } from '@tidings/config';
import type { TidingsIndex } from '@tidings/index';
import type { FoundFeed, Subscription } from '@tidings/subscriptions';
import { CliError, cliConfig, cliLogger, note, out, printJson, withIndex, withRuntime } from '../context.js';

/** Exit code of `subscribe` when a page offers several feeds and nobody can be asked which. */
export const EXIT_CHOOSE_FEED = 3;

/** `subscribe`, `unsubscribe`, `resume` and `feeds`. */
export function registerFeedCommands(program: Command): void {
  program
    .command('subscribe')
    .description('subscribe to a feed, or to the feeds a web page links to; prints the feed id(s)')
    .argument('<url>', 'a feed URL, or a site/page URL whose feeds are looked for')
    .option('--all', 'when the page offers several feeds, subscribe to all of them')
    .option('--as-given', 'subscribe to the URL as given, without fetching it or looking for feeds (a feed that is down or broken now)')
    .option('--json', 'print the feed record as JSON ({"feeds": [...]} when several were added)')
    .addHelpText(
      'after',
      `\nA web page is searched for <link rel="alternate"> feeds, then the common feed paths of its site.\n` +
        `When it offers several, you are asked which (on a terminal); otherwise they are listed and the\n` +
        `command exits ${EXIT_CHOOSE_FEED}: subscribe to one of them, or pass --all.`,
    )
    .action(async (url: string, options: { all?: boolean; asGiven?: boolean; json?: boolean }) => {
      const { normaliseUrl } = await import('@tidings/url');
      if (!normaliseUrl(url)) throw new CliError(`not an http(s) URL: ${url}`, 2);
      const config = await cliConfig();
      const added = await withIndex(config, (index) => subscribeFeeds(index, url, config, { all: Boolean(options.all), asGiven: Boolean(options.asGiven) }));
      if (added.length === 1) {
        const [{ feed, created }] = added as [Subscription];
        if (options.json) printJson({ ...feed, created });
        else out(feed.id);
        return;
      }
      if (options.json) printJson({ feeds: added.map(({ feed, created }) => ({ ...feed, created })) });
      else for (const { feed } of added) out(feed.id);
    });

  program
    .command('unsubscribe')
    .description('stop polling a feed (articles already indexed stay)')
    .argument('<id|url>', 'feed id or URL')
    .action(async (idOrUrl: string) => {
      await withIndex(await cliConfig(), async (index) => {
        const feed = await findFeed(index, idOrUrl);
        await index.removeFeed(feed.id);
        out(feed.id);
      });
    });

  program
    .command('resume')
    .description('poll a paused or stopped feed again, from now on')
    .argument('<id|url>', 'feed id or URL')
    .action(async (idOrUrl: string) => {
      await withIndex(await cliConfig(), async (index) => {
        const feed = await findFeed(index, idOrUrl);
        const { resumedByHandPatch } = await import('@tidings/polling');
        await index.updateFeed(feed.id, resumedByHandPatch(new Date()));
        out(feed.id);
      });
    });

  program
    .command('feeds')
    .description('list subscribed feeds with their health: last fetch and status, next poll, interval, failures, items seen')
    .option('--json', 'print {"feeds": [...]} as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = await cliConfig();
      const feeds = await feedsWithWebSub(config);
      if (options.json) return printJson({ feeds });
      if (feeds.length === 0) return out('no feeds yet: tidings subscribe <feed url>');
      const now = Date.now();
      for (const feed of feeds) out(formatFeed(feed, now));
    });
}

/**
 * Every feed with its WebSub subscription (`websub`: state, hub, topic,
 * leaseExpires...; null when it has none). With WebSub off (no
 * TIDINGS_API_PUBLIC_URL) every `websub` is null and Redis is not needed.
 */
async function feedsWithWebSub(config: Config): Promise<Array<FeedRecord & { websub: WebSubView | null }>> {
  if (config.websub.publicUrl === null) return (await withIndex(config, (index) => index.listFeeds())).map((feed) => ({ ...feed, websub: null }));
  const { WebSubStore } = await import('@tidings/websub');
  return withRuntime(config, await cliLogger(config, true), async (runtime) => {
    const views = await new WebSubStore(runtime.redis, config.queuePrefix).views();
    return (await runtime.index.listFeeds()).map((feed) => ({ ...feed, websub: views.get(feed.id) ?? null }));
  });
}

/** A subscribed feed by id or URL, or a CliError naming the way to list them. */
async function findFeed(index: TidingsIndex, idOrUrl: string): Promise<FeedRecord> {
  const { normaliseUrl } = await import('@tidings/url');
  const normalised = normaliseUrl(idOrUrl);
  const feed = (await index.listFeeds()).find((f) => f.id === idOrUrl || f.url === normalised);
  if (!feed) throw new CliError(`no subscribed feed ${idOrUrl} (see "tidings feeds")`);
  return feed;
}

/**
 * `subscribe <url>` through the one subscribe path (@tidings/subscriptions),
 * its outcomes told the CLI way: a URL the fetcher would refuse exits 2, a
 * page with several feeds asks which on a terminal (or, with nobody to ask,
 * lists them and exits {@link EXIT_CHOOSE_FEED}), a URL offering no feed exits 1.
 */
async function subscribeFeeds(index: TidingsIndex, url: string, config: Config, { all, asGiven }: { all: boolean; asGiven: boolean }): Promise<Subscription[]> {
  const { subscribe, SubscribeError } = await import('@tidings/subscriptions');
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  try {
    return await subscribe(index, url, {
      fetch: config.fetch,
      asGiven,
      choose: all ? (feeds) => feeds : interactive ? (feeds) => chooseFeeds(url, feeds) : undefined,
      note: (message) => note(`tidings: ${message}`),
    });
  } catch (error) {
    // The fetcher's own rule (and the API's): a URL it would refuse is not subscribed.
    if (error instanceof TidingsError && error.permanent && (error.code === 'invalid-url' || error.code === 'blocked-address')) {
      throw new CliError(`cannot subscribe: ${describeError(error).message}`, 2);
    }
    if (!(error instanceof SubscribeError)) throw error;
    if (error.code === 'no-fetchable-feed') throw new CliError(`${error.message} (see above)`, 2);
    if (error.code === 'several-feeds') {
      // Nobody to ask: list them (stderr, like every note) and end with the usual one-line error.
      note(`${url} offers ${error.feeds.length} feeds:\n${listFeeds(error.feeds)}`);
      throw new CliError(`${error.message} (tidings subscribe <feed url>), or pass --all`, EXIT_CHOOSE_FEED);
    }
    throw new CliError(error.message);
  }
}

function listFeeds(feeds: FoundFeed[]): string {
  return feeds.map((feed, index) => `  ${index + 1}. ${feed.url}${feed.title ? `  ${feed.title}` : ''}`).join('\n');
}

/** Asks on the terminal which of several feeds to add. */
async function chooseFeeds(url: string, feeds: FoundFeed[]): Promise<FoundFeed[]> {
  const { parseChoice } = await import('./discover.js');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    note(`${url} offers ${feeds.length} feeds:\n${listFeeds(feeds)}`);
    for (;;) {
      const answer = await terminal.question(`subscribe to which? (numbers like 1,3, or "all"; empty to cancel) `);
      if (answer.trim() === '') throw new CliError('nothing subscribed');
      const chosen = parseChoice(answer, feeds.length);
      if (chosen) return chosen.map((index) => feeds[index]!);
      note(`  answer with numbers from 1 to ${feeds.length}, or "all"`);
    }
  } finally {
    terminal.close();
  }
}

/** One feed's health for people: four lines, then its state and the last poll's warnings, if any. Pure. */
export function formatFeed(feed: FeedRecord & { websub: WebSubView | null }, now: number): string {
  const status =
    feed.lastStatus === null ? 'never fetched' : feed.lastStatus === 'error' ? `error: ${feed.lastErrorCode ? `[${feed.lastErrorCode}] ` : ''}${feed.lastError ?? 'unknown'}` : feed.lastStatus;
  const http = feed.lastHttpStatus === null ? '' : ` (HTTP ${feed.lastHttpStatus})`;
  const failures = feed.consecutiveFailures > 0 ? `, ${feed.consecutiveFailures} failure${feed.consecutiveFailures === 1 ? '' : 's'} in a row` : '';
  const state = feed.state === 'active' ? '' : `  [${feed.state}]`;
  const next = feed.state !== 'active' ? 'not scheduled' : feed.nextPollAt === null ? 'as soon as the scheduler runs' : `${feed.nextPollAt} (${relative(Date.parse(feed.nextPollAt), now)})`;
  const lines = [
    `${feed.id}  ${feed.url}${state}`,
    `    ${feed.title ?? '(untitled)'}${feed.tags.length ? `  [${feed.tags.join(', ')}]` : ''}`,
    `    last fetch ${feed.lastFetchAt ?? 'never'}: ${status}${http}${failures}`,
    `    next poll ${next}; interval ${feed.intervalMs === null ? 'not set yet' : duration(feed.intervalMs)}; ${feed.itemsSeen} items seen${feed.lastNewItemAt ? `, last new ${feed.lastNewItemAt}` : ''}`,
  ];
  // The reasons the pipeline records start with the state itself ("stopped: ... answered 410", "paused after 10 failed polls").
  if (feed.state !== 'active') {
    const reason = feed.stateReason ?? 'no reason recorded';
    lines.push(`    ${reason.toLowerCase().startsWith(feed.state) ? reason : `${feed.state}: ${reason}`}`);
  }
  if (feed.websub) lines.push(`    WebSub ${feed.websub.state} at ${feed.websub.hub}${feed.websub.leaseExpires ? `, lease until ${feed.websub.leaseExpires}` : ''}${feed.websub.reason ? `: ${feed.websub.reason}` : ''}`);
  for (const warning of feed.lastWarnings) lines.push(`    warning: ${warning}`);
  return lines.join('\n');
}

/** "5m", "1h30m", "2d4h". */
export function duration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join('') : `${rest}ms`;
}

function relative(at: number, now: number): string {
  return at <= now ? 'due' : `in ${duration(at - now)}`;
}
