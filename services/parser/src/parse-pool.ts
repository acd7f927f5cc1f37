import type { ParsedFeed } from '@tidings/contracts';
import type { ParseFeedOptions } from '@tidings/feed';
import { createTaskPool, taskModule, type PoolLimits, type TaskKind } from '@tidings/task-pool';
import type { ParseInput } from './parse-task.js';

/** Parses one feed document somewhere other than the calling thread. */
export type FeedParser = (text: string, options: ParseFeedOptions) => Promise<ParsedFeed>;

const PARSING: TaskKind = {
  filename: taskModule(import.meta.url, './parse-task'),
  verb: 'parsing',
  timeoutSetting: 'TIDINGS_PARSE_TIMEOUT_MS',
  // A feed at the 10 MB body cap parses in well under this; a document that needs more is hostile.
  defaultMaxHeapMb: 1024,
};

/**
 * parseFeed in a pool of worker threads with a per-document time budget
 * (TIDINGS_PARSE_TIMEOUT_MS; see @tidings/task-pool): no feed, however
 * hostile, can block the parser's event loop or the other workers sharing
 * its process.
 */
export function createParsePool(limits: PoolLimits): { parse: FeedParser; close(): Promise<void> } {
  const pool = createTaskPool<ParseInput, ParsedFeed>(PARSING, limits);
  return { parse: (text, options) => pool.run({ text, options }, options.feedUrl ?? 'a feed'), close: pool.close };
}
