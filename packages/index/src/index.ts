export type { AddFeedOptions, ArticleUpsert, ArticleUpsertOutcome, FeedPatch, SearchFilters, SearchOptions, TidingsIndex } from './types.js';
export { ArticleBatchWriter, type BatchWriterOptions } from './batch-writer.js';
export { buildFtsQuery, parseQuery, QUERY_FIELDS, type ParsedQuery, type QueryField, type QueryTerm } from './query.js';
export { tokenize } from './text/tokens.js';
export { articleFacts, cleanList, langKey } from './search/article-facts.js';
export { DEFAULT_LIMIT, MAX_LIMIT } from './search/plan.js';
export { openIndex, INDEX_FILE, type OpenIndexOptions } from './open-index.js';
export { SqliteIndex } from './sqlite/sqlite-index.js';
export { PostgresIndex, DEFAULT_PG_SCHEMA, type PostgresIndexOptions } from './postgres/postgres-index.js';
