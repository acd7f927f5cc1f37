import type { ExtractionResult, ExtractOptions } from '@tidings/extract';
import { createTaskPool } from '@tidings/task-pool';
import type { ExtractInput } from './extract-task.js';

/** Extracts one page somewhere other than the calling thread. */
export type ArticleExtractor = (html: string, options: ExtractOptions) => Promise<ExtractionResult>;

export interface ExtractionPoolOptions {
  /** Worker threads: pages extracted at once. */
  threads: number;
  /** Longest one extraction may take; past it its thread is stopped and the call fails with a permanent 'timeout' TidingsError. */
  timeoutMs: number;
  /** Heap limit of each worker thread, so one monstrous page cannot exhaust the process. */
  maxHeapMb?: number;
}

export interface ExtractionPool {
  extract: ArticleExtractor;
  /** Stops the threads; pending extractions fail. */
  close(): Promise<void>;
}

const DEFAULT_MAX_HEAP_MB = 2048;

/** extractArticle in a pool of worker threads with a per-page time budget (see @tidings/task-pool). */
export function createExtractionPool(options: ExtractionPoolOptions): ExtractionPool {
  const pool = createTaskPool<ExtractInput, ExtractionResult>({
    // Compiled, a thread loads the task module itself; from the TypeScript sources (tsx, vitest), a
    // plain-JS entry that registers tsx first.
    filename: new URL(import.meta.url.endsWith('.ts') ? './extract-worker.mjs' : './extract-task.js', import.meta.url),
    threads: options.threads,
    timeoutMs: options.timeoutMs,
    maxHeapMb: options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
    verb: 'extracting',
    timeoutSetting: 'TIDINGS_EXTRACT_TIMEOUT_MS',
  });
  return { extract: (html, extractOptions) => pool.run({ html, options: extractOptions }, extractOptions.url), close: pool.close };
}
