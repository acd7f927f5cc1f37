import type { ParsedFeed } from '@tidings/contracts';
import { createTaskPool } from '@tidings/task-pool';
import type { ParseInput } from './parse-task.js';

/** Parses one feed document somewhere other than the calling thread. */
export type FeedParser = (text: string, feedUrl: string) => Promise<ParsedFeed>;

export interface ParsePoolOptions {
  threads: number;
  /** Longest one parse may take (TIDINGS_PARSE_TIMEOUT_MS); past it the thread is stopped and the job fails with a permanent `timeout`. */
  timeoutMs: number;
  /** Heap limit of each thread. */
  maxHeapMb?: number;
}

/** A feed at the 10 MB body cap parses in well under this; a document that needs more is hostile. */
const DEFAULT_MAX_HEAP_MB = 1024;

/**
 * parseFeed in a pool of worker threads with a per-document time budget
 * (see @tidings/task-pool): no feed, however hostile, can block the
 * parser's event loop or the other workers sharing its process.
 */
export function createParsePool(options: ParsePoolOptions): { parse: FeedParser; close(): Promise<void> } {
  const pool = createTaskPool<ParseInput, ParsedFeed>({
    // Compiled, a thread loads the task module itself; from the TypeScript sources (tsx, vitest), a
    // plain-JS entry that registers tsx first.
    filename: new URL(import.meta.url.endsWith('.ts') ? './parse-worker.mjs' : './parse-task.js', import.meta.url),
    threads: options.threads,
    timeoutMs: options.timeoutMs,
    maxHeapMb: options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
    verb: 'parsing',
    timeoutSetting: 'TIDINGS_PARSE_TIMEOUT_MS',
  });
  return { parse: (text, feedUrl) => pool.run({ text, feedUrl }, feedUrl), close: pool.close };
}
