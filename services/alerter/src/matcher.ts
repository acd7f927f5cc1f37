import type { ArticleRecord, SavedSearchRecord } from '@tidings/contracts';
import { SavedSearchIndex, type ContextFeed, type SavedSearchStore } from '@tidings/alerts';
import type { TidingsIndex } from '@tidings/index';

/** How long the feed list is cached: a tag filter sees a feed's new tag within this. */
const FEEDS_TTL_MS = 30_000;

/**
 * The saved searches of an installation, inverted for matching, kept in step
 * with the store: `reload()` when the store says they changed (and at start).
 */
export class AlertMatcher {
  private index = new SavedSearchIndex();
  private records = new Map<string, SavedSearchRecord>();
  private feeds: { at: number; list: ContextFeed[] } | null = null;
  /** The reload under way, and the one that follows it for the changes said since it began (requestReload). */
  private reloading: Promise<void> | null = null;
  private following: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<SavedSearchStore, 'list'>,
    private readonly feedIndex: Pick<TidingsIndex, 'listFeeds'>,
    private readonly onInvalid: (record: SavedSearchRecord, error: unknown) => void = () => {},
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** Rebuilds the inverted set from the store (a search the index would now refuse is skipped and reported). */
  async reload(): Promise<void> {
    const next = new SavedSearchIndex();
    const records = new Map<string, SavedSearchRecord>();
    for (const record of await this.store.list()) {
      try {
        next.add({ id: record.id, query: record.query, filters: record.filters });
        records.set(record.id, record);
      } catch (error) {
        this.onInvalid(record, error);
      }
    }
    this.index = next;
    this.records = records;
  }

  /**
   * Reloads for a change the store announced, a burst of them coalesced:
   * while a reload runs, every request is served by one more reload that
   * starts when it ends (so it sees every change said before the request),
   * not one reload per change. Resolves once the reload that serves this
   * request has ended.
   */
  requestReload(): Promise<void> {
    if (this.reloading === null) {
      this.reloading = this.reload().finally(() => {
        this.reloading = null;
      });
      return this.reloading;
    }
    this.following ??= this.reloading
      .catch(() => {})
      .then(() => {
        this.following = null;
        return this.requestReload();
      });
    return this.following;
  }

  /** The saved searches `article` matches. */
  async match(article: ArticleRecord): Promise<SavedSearchRecord[]> {
    if (this.index.size === 0) return [];
    const feeds = article.feedUrls.length > 0 ? await this.subscribed() : [];
    return this.index.match(article, { feeds }).flatMap((id) => {
      const record = this.records.get(id);
      return record ? [record] : [];
    });
  }

  /** The subscribed feeds (cached briefly): the index's tag filter counts their tags, its feed filter their ids. */
  private async subscribed(): Promise<ContextFeed[]> {
    if (!this.feeds || Date.now() - this.feeds.at > FEEDS_TTL_MS) {
      const feeds = await this.feedIndex.listFeeds();
      this.feeds = { at: Date.now(), list: feeds.map((feed) => ({ id: feed.id, url: feed.url, tags: feed.tags })) };
    }
    return this.feeds.list;
  }
}
