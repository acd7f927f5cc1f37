import { TidingsError } from '@tidings/contracts';
import { checkFetchable, type FetchableOptions, type ResolveHost } from '@tidings/http';
import type { FeedStore } from './subscribe.js';

/** One feed of a subscription list (an OPML outline), as @tidings/opml reads it. */
export interface ListedFeed {
  url: string;
  title: string | null;
  /** Folders it sits in, then its categories. */
  tags: string[];
}

/** What a subscription list holds: its feeds, and the entries that cannot be feeds. */
export interface SubscriptionList {
  feeds: readonly ListedFeed[];
  invalid: ReadonlyArray<{ entry: string; reason: string }>;
}

/** Why an entry of the list was not imported: `out-of-time`, the import's budget ({@link ImportOptions}) ran out before it. */
export type UnprocessedCode = 'out-of-time';

/**
 * What importing a subscription list did: `tidings import --json` prints it
 * as is; POST /api/opml answers it with its counts ({@link importSummary}).
 */
export interface ImportReport {
  /** Feeds newly subscribed. */
  added: Array<{ id: string; url: string; title: string | null; tags: string[] }>;
  /** Already subscribed, or listed twice in the file. */
  skipped: Array<{ id: string; url: string; reason: string }>;
  /** Entries that cannot be feeds, or that the fetcher would refuse, with the reason. */
  invalid: Array<{ entry: string; reason: string }>;
  /**
   * Feeds of the list left alone, in list order, with why (`code`) and their
   * title and tags, so they can be imported later: importing the same list
   * again skips what is subscribed and takes these. Empty when every entry
   * was dealt with.
   */
  unprocessed: Array<{ url: string; title: string | null; tags: string[]; code: UnprocessedCode; reason: string }>;
}

/** Options of {@link importSubscriptions}. */
export interface ImportOptions {
  /**
   * Longest the whole import may take, in milliseconds; the feeds it has not
   * come to by then are reported in `unprocessed` (`out-of-time`). Each
   * feed's own check is bounded already (`fetchable.timeoutMs`, 10 s by
   * default); this bounds their sum, for a caller that has a deadline of its
   * own (an HTTP request: {@link DEFAULT_IMPORT_BUDGET_MS}). Absent: no
   * bound.
   */
  budgetMs?: number;
  /** How the checks resolve host names: the system's resolver unless given (tests give one that is slow or fails on purpose). */
  resolve?: ResolveHost;
}

/**
 * A budget for an import that answers an HTTP request: well inside the 30 s
 * a client or proxy commonly waits (nginx and most load balancers give up
 * after 60 s), with room for the upload and the answer. A list of 1,000
 * feeds on hosts that answer DNS takes about a second; one whose hosts do
 * not answer takes 10 s per 16 of them.
 */
export const DEFAULT_IMPORT_BUDGET_MS = 20_000;

/** The counts of an {@link ImportReport}, as POST /api/opml has always answered them (and, since the import has a budget, `unprocessed`). */
export interface ImportSummary {
  added: number;
  /** Already subscribed, or listed twice (the report's `skipped`). */
  existing: number;
  /** The report's `invalid`, as `{url, message}`. */
  failed: Array<{ url: string; message: string }>;
  /** Feeds not imported because the import ran out of time (the report's `unprocessed`). */
  unprocessed: number;
}

/** URLs checked ahead of the one being subscribed: their DNS lookups overlap, as in @tidings/http's checkFetchableAll. */
const CHECK_AHEAD = 16;

/** Longest delay setTimeout takes (a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What waiting for a check found when the budget ran out first. */
const OUT_OF_TIME = Symbol('out of time');

/**
 * Subscribes to every feed of a subscription list (an OPML file), the one
 * way the CLI and the API do it. Entries are not fetched (a list may hold
 * thousands): each is checked as the fetcher would check it, and those it
 * would refuse are reported as invalid, as are URLs the index refuses; the
 * rest are added with their title and tags, in list order. Only the store
 * failing stops the import. With `options.budgetMs`, the feeds not reached
 * within it are reported in `unprocessed` instead: nothing is dropped
 * unsaid.
 */
export async function importSubscriptions(store: FeedStore, list: SubscriptionList, fetchable: FetchableOptions, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { added: [], skipped: [], invalid: list.invalid.map(({ entry, reason }) => ({ entry, reason })), unprocessed: [] };
  const deadline = options.budgetMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.budgetMs;
  const checks = new LookAheadChecks(
    list.feeds.map((entry) => entry.url),
    fetchable,
    options.resolve,
  );
  const inList = new Set<string>();
  for (const [position, entry] of list.feeds.entries()) {
    const refused = await checks.verdict(position, deadline);
    if (refused === OUT_OF_TIME) {
      const reason = `not imported: the import's ${options.budgetMs} ms ran out first; import the list again to add it`;
      for (const left of list.feeds.slice(position)) report.unprocessed.push({ url: left.url, title: left.title, tags: left.tags, code: 'out-of-time', reason });
      break;
    }
    if (refused) {
      report.invalid.push({ entry: entry.url, reason: refused.message });
      continue;
    }
    try {
      const { feed, created } = await store.addFeed(entry.url, { title: entry.title, tags: entry.tags });
      if (created) report.added.push({ id: feed.id, url: feed.url, title: feed.title, tags: feed.tags });
      else report.skipped.push({ id: feed.id, url: feed.url, reason: inList.has(feed.url) ? 'listed twice in the file' : 'already subscribed' });
      inList.add(feed.url);
    } catch (error) {
      // One bad entry (a URL the index refuses) does not stop the rest; the index failing does.
      if (!(error instanceof TidingsError) || !error.permanent) throw error;
      report.invalid.push({ entry: entry.url, reason: error.message });
    }
  }
  return report;
}

/**
 * The fetcher's check of each URL of a list (`checkFetchable`), started
 * {@link CHECK_AHEAD} ahead of the one asked for, so lookups overlap while
 * the list is subscribed in order, and no check starts for a URL the
 * import will not come to.
 */
class LookAheadChecks {
  private readonly started: Array<Promise<TidingsError | null>> = [];

  constructor(
    private readonly urls: readonly string[],
    private readonly fetchable: FetchableOptions,
    private readonly resolve: ResolveHost | undefined,
  ) {}

  /**
   * The check of URL `position`: null when it may be subscribed, the
   * TidingsError that refuses it, or OUT_OF_TIME when `deadline` comes
   * first (a check still running then is left to finish on its own, within
   * its own timeout).
   */
  async verdict(position: number, deadline: number): Promise<TidingsError | null | typeof OUT_OF_TIME> {
    const left = deadline - Date.now();
    if (left <= 0) return OUT_OF_TIME;
    this.startUpTo(Math.min(position + CHECK_AHEAD, this.urls.length));
    const check = this.started[position]!;
    if (!Number.isFinite(left)) return check;
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<typeof OUT_OF_TIME>((resolve) => (timer = setTimeout(resolve, Math.min(left, MAX_TIMER_MS), OUT_OF_TIME)));
    try {
      return await Promise.race([check, outOfTime]);
    } finally {
      clearTimeout(timer);
    }
  }

  private startUpTo(end: number): void {
    for (let position = this.started.length; position < end; position++) {
      const check = checkFetchable(this.urls[position]!, this.fetchable, this.resolve).then(
        () => null,
        (error: unknown) => {
          if (error instanceof TidingsError) return error;
          throw error;
        },
      );
      // A check left behind when the budget runs out must not end as an unhandled rejection; one waited for still throws to its waiter.
      check.catch(() => {});
      this.started.push(check);
    }
  }
}

/** The counts POST /api/opml answers with. */
export function importSummary(report: ImportReport): ImportSummary {
  return {
    added: report.added.length,
    existing: report.skipped.length,
    failed: report.invalid.map(({ entry, reason }) => ({ url: entry, message: reason })),
    unprocessed: report.unprocessed.length,
  };
}
