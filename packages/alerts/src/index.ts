export { articleDocument, type ArticleContext, type ArticleDocument, type ContextFeed } from './document.js';
export { filtersMatch, searchMatches, termMatches } from './match.js';
export { SavedSearchIndex } from './percolator.js';
export { compileSavedSearch, type CompiledSearch, type CompiledTerm, type SavedSearch, type SavedSearchFilters } from './saved-search.js';
export { DELIVERY_LOG_LENGTH, DIGEST_KEEP, SavedSearchStore, savedSearchView, type AlertsRedis, type PendingMatch, type SavedSearchInput, type SavedSearchView } from './store.js';
export { articleSummary, digestBody, digestWebhook, DIGEST_MAX_ARTICLES, endedDigestPeriod, matchBody, matchWebhook, messageId, type DigestWindow } from './delivery.js';
