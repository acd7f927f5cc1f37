import type { AlertMatchEvent, IndexedEvent } from '@tidings/contracts';

/**
 * The announcements the streams carry, as tests write them: an indexed
 * article and a saved-search match, about an article named `articleId`
 * (its URL `https://news.example/<id>`, its title the id), with what a test
 * cares about given in `fields`.
 */

/** A newly indexed article as the indexer announces it; fetched and indexed now unless given. */
export function indexedEvent(articleId: string, fields: Partial<IndexedEvent> = {}): IndexedEvent {
  const now = new Date().toISOString();
  return { id: articleId, url: `https://news.example/${articleId}`, title: articleId, siteName: null, authors: [], publishedAt: null, fetchedAt: now, indexedAt: now, ...fields };
}

/** A match of saved search `searchId` on article `articleId` as the alerter announces it; matched now unless given. */
export function alertMatchEvent(searchId: string, articleId: string, fields: { matchedAt?: string; article?: Partial<AlertMatchEvent['article']> } = {}): AlertMatchEvent {
  return {
    searchId,
    matchedAt: fields.matchedAt ?? new Date().toISOString(),
    article: { id: articleId, url: `https://news.example/${articleId}`, title: articleId, siteName: null, authors: [], publishedAt: null, excerpt: null, lang: null, ...fields.article },
  };
}
