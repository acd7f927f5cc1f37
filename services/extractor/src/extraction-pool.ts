import type { ExtractionResult, ExtractOptions } from '@tidings/extract';
import { createTaskPool, prestartTaskThreads, taskModule, type PoolLimits, type TaskKind } from '@tidings/task-pool';
import type { ExtractInput } from './extract-task.js';

/** Extracts one page somewhere other than the calling thread. */
export type ArticleExtractor = (html: string, options: ExtractOptions) => Promise<ExtractionResult>;

export interface ExtractionPool {
  extract: ArticleExtractor;
  /** Stops the threads; pending extractions fail. */
  close(): Promise<void>;
}

const EXTRACTION: TaskKind = {
  filename: taskModule(import.meta.url, './extract-task'),
  verb: 'extracting',
  timeoutSetting: 'TIDINGS_EXTRACT_TIMEOUT_MS',
  defaultMaxHeapMb: 2048,
};

/** extractArticle in a pool of worker threads with a per-page time budget (TIDINGS_EXTRACT_TIMEOUT_MS; see @tidings/task-pool). */
export function createExtractionPool(limits: PoolLimits): ExtractionPool {
  const pool = createTaskPool<ExtractInput, ExtractionResult>(EXTRACTION, limits);
  return { extract: (html, options) => pool.run({ html, options }, options.url), close: pool.close };
}

/**
 * Starts the thread of a one-thread extraction pool now, with the default
 * heap limit; the next {@link createExtractionPool} of those limits takes it.
 * The `tidings` executable calls this first thing for `tidings extract`.
 */
export function prestartExtraction(): void {
  prestartTaskThreads(EXTRACTION, { threads: 1 });
}
