import { TidingsError, type ErrorCode } from '@tidings/contracts';
import type { ExtractionResult, ExtractOptions } from '@tidings/extract';
import { Piscina } from 'piscina';
import type { ExtractStarted, ExtractTask, ExtractTaskOutcome } from './extract-task.js';

/** Extracts one page somewhere other than the calling thread. */
export type ArticleExtractor = (html: string, options: ExtractOptions) => Promise<ExtractionResult>;

export interface ExtractionPoolOptions {
  /** Worker threads: pages extracted at once. */
  threads: number;
  /** Longest one extraction may take; past it its thread is stopped and the call fails with a 'timeout' TidingsError. */
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

/**
 * A pool of worker threads running extractArticle. Extraction is CPU-bound
 * and synchronous: run on the main thread, one slow page would block the
 * event loop, BullMQ could not renew the locks of the jobs in progress, and
 * they would be declared stalled and run twice. Off the main thread, the
 * event loop stays free, and a page that runs past `timeoutMs` gets its
 * thread terminated (the pool starts a fresh one) instead of hanging the
 * worker.
 */
export function createExtractionPool(options: ExtractionPoolOptions): ExtractionPool {
  const pool = new Piscina<ExtractTask, ExtractTaskOutcome>({
    filename: new URL('./extract-worker.mjs', import.meta.url).href,
    minThreads: options.threads,
    maxThreads: options.threads,
    // Threads are costly to start (tsx, linkedom, Readability): keep them.
    idleTimeout: Number.POSITIVE_INFINITY,
    // Not the parent's flags (tsx's or vitest's loaders): the entry registers what it needs.
    execArgv: [],
    // A larger young generation: DOM building allocates many short-lived objects, and fewer scavenges save time.
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB, maxYoungGenerationSizeMb: 64 },
  });

  // The clock of each task starts when its thread starts on it (the task says so), not when it is queued:
  // starting or restarting a thread (loading tsx, linkedom and Readability) must not eat the budget.
  const starters = new Map<number, () => void>();
  pool.on('message', (message: Partial<ExtractStarted> | null) => {
    if (typeof message?.extractStarted === 'number') starters.get(message.extractStarted)?.();
  });
  let lastToken = 0;

  const extract: ArticleExtractor = async (html, extractOptions) => {
    const token = ++lastToken;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    starters.set(token, () => {
      timer = setTimeout(() => controller.abort(), options.timeoutMs);
    });
    let outcome: ExtractTaskOutcome;
    try {
      outcome = await pool.run({ token, html, options: extractOptions }, { signal: controller.signal });
    } catch (error) {
      throw poolFailure(error, controller.signal, extractOptions.url, options.timeoutMs);
    } finally {
      clearTimeout(timer);
      starters.delete(token);
    }
    if (outcome.ok) return outcome.result;
    const { code, message, permanent } = outcome.error;
    throw new TidingsError(code as ErrorCode, message, { permanent });
  };

  return { extract, close: () => pool.destroy() };
}

/** Why the pool could not deliver a result, as a TidingsError. */
function poolFailure(error: unknown, signal: AbortSignal, url: string, timeoutMs: number): TidingsError {
  if (signal.aborted) {
    // The page is the same on every attempt: retrying would only burn another timeout.
    return new TidingsError('timeout', `extracting ${url} took longer than ${timeoutMs} ms (TIDINGS_EXTRACT_TIMEOUT_MS); its worker thread was stopped`, {
      permanent: true,
      cause: error,
    });
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new TidingsError('too-large', `extracting ${url} ran out of memory; its worker thread was stopped`, { permanent: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // A thread that died for another reason (the pool closing): the next attempt gets a fresh one.
  return new TidingsError('io', `extraction worker failed on ${url}: ${message}`, { permanent: false, cause: error });
}
