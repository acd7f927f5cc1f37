/**
 * Stories: articles that report the same thing, across feeds and sites,
 * grouped by the indexer (@tidings/stories) under one storyId. These are the
 * shapes the index returns and the API (`/api/stories`) serves: fields may
 * be added, never renamed or dropped.
 */

/** One story, summed over its stored articles. */
export interface StorySummary {
  /** The storyId its articles carry. */
  id: string;
  /** The title of its first article (earliest date). */
  title: string;
  /** How many articles it has. */
  size: number;
  /** The distinct sites of its articles (site name, else host), sorted. */
  sites: string[];
  /** ISO time of its earliest and latest article (publishedAt, else fetchedAt). */
  firstSeen: string;
  lastSeen: string;
}

/** A page of stories, newest first (by their latest article). */
export interface StoryPage {
  stories: StorySummary[];
  /** Opaque; pass as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}
