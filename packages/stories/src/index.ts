export { DEFAULT_GROUPING, MAX_ANALYSED_TEXT, MAX_ANALYSED_TITLE, StoryGrouper, analyse, eventScore, fingerprintOf, rarity, type ArticleAnalysis, type GroupingOptions, type StoryAssignment, type StoryInput, type StoryReason } from './group.js';
export { BANDS, ROWS, SHINGLE_WORDS, SIGNATURE_SIZE, bandKeys, estimateContainment, estimateJaccard, shingleHashes, signature } from './minhash.js';
export { MemoryStoryState, type ArticleCount, type ArticleFingerprint, type Placement, type StoryState, type StorySummary } from './state.js';
export { foldWord, nameWords, words } from './text.js';
export { DEFAULT_STORY_TTL_MS, RedisStoryState, type StoriesRedis, type StoriesRedisPipeline } from './redis-state.js';
export { isRevisionOf } from './revision.js';
