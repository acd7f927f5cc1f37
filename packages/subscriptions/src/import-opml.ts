import { TidingsError } from '@tidings/contracts';
import { checkFetchableAll, type FetchableOptions } from '@tidings/http';
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
}

/** The counts of an {@link ImportReport}, as POST /api/opml has always answered them. */
export interface ImportSummary {
  added: number;
  /** Already subscribed, or listed twice (the report's `skipped`). */
  existing: number;
  /** The report's `invalid`, as `{url, message}`. */
  failed: Array<{ url: string; message: string }>;
}

/**
 * Subscribes to every feed of a subscription list (an OPML file), the one
 * way the CLI and the API do it. Entries are not fetched (a list may hold
 * thousands): each is checked as the fetcher would check it, and those it
 * would refuse are reported as invalid, as are URLs the index refuses; the
 * rest are added with their title and tags. Only the store failing stops
 * the import.
 */
export async function importSubscriptions(store: FeedStore, list: SubscriptionList, fetchable: FetchableOptions): Promise<ImportReport> {
  const report: ImportReport = { added: [], skipped: [], invalid: list.invalid.map(({ entry, reason }) => ({ entry, reason })) };
  const refusals = await checkFetchableAll(
    list.feeds.map((entry) => entry.url),
    fetchable,
  );
  const inList = new Set<string>();
  for (const [position, entry] of list.feeds.entries()) {
    const refused = refusals[position];
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

/** The counts POST /api/opml answers with. */
export function importSummary(report: ImportReport): ImportSummary {
  return {
    added: report.added.length,
    existing: report.skipped.length,
    failed: report.invalid.map(({ entry, reason }) => ({ url: entry, message: reason })),
  };
}
