export type { FeedStatusUpdate, SearchOptions, TidingsIndex } from './types.js';
export { buildFtsQuery } from './query.js';
export { openIndex, INDEX_FILE } from './open-index.js';
export { SqliteIndex } from './sqlite/sqlite-index.js';
