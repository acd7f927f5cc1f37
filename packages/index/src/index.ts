export type { AddFeedOptions, FeedPatch, FeedStatusUpdate, SearchFilters, SearchOptions, TidingsIndex } from './types.js';
export { buildFtsQuery, parseQuery, QUERY_FIELDS, type ParsedQuery, type QueryField, type QueryTerm } from './query.js';
export { DEFAULT_LIMIT, MAX_LIMIT } from './search/plan.js';
export { openIndex, INDEX_FILE, type OpenIndexOptions } from './open-index.js';
export { SqliteIndex } from './sqlite/sqlite-index.js';
export { PostgresIndex, DEFAULT_PG_SCHEMA, type PostgresIndexOptions } from './postgres/postgres-index.js';
