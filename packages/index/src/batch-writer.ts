import type { ArticleRecord } from '@tidings/contracts';
import { TidingsError } from '@tidings/contracts';
import type { ArticleUpsert, TidingsIndex } from './types.js';

/** Options of {@link ArticleBatchWriter}. */
export interface BatchWriterOptions {
  /** Most articles in one transaction; a batch this full is written at once. */
  maxBatch: number;
  /** How long the first article of a batch waits for others before the batch is written anyway (ms). */
  lingerMs: number;
}

interface Waiting {
  item: ArticleUpsert;
  resolve(result: { id: string; created: boolean }): void;
  reject(error: unknown): void;
}

/**
 * Collects the articles of concurrent callers (an indexer's jobs) and
 * stores them with {@link TidingsIndex.upsertArticles}: up to `maxBatch` in
 * one transaction, or whatever arrived within `lingerMs` of the first. One
 * batch is written at a time; what arrives meanwhile forms the next. Each
 * caller's promise settles with its own article's outcome: stored, or its
 * own error (one refused article does not fail the others); a failure of
 * the store itself rejects every caller of that batch.
 */
export class ArticleBatchWriter {
  private readonly index: Pick<TidingsIndex, 'upsertArticles'>;
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private idle: Array<() => void> = [];
  private closed = false;

  constructor(index: Pick<TidingsIndex, 'upsertArticles'>, options: BatchWriterOptions) {
    if (!Number.isSafeInteger(options.maxBatch) || options.maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${options.maxBatch}`);
    if (!(options.lingerMs >= 0)) throw new RangeError(`lingerMs must be 0 or more, got ${options.lingerMs}`);
    this.index = index;
    this.maxBatch = options.maxBatch;
    this.lingerMs = options.lingerMs;
  }

  /** Stores one article (as upsertArticle) in the next batch. */
  upsert(record: ArticleRecord, options: { itemUrl?: string } = {}): Promise<{ id: string; created: boolean }> {
    if (this.closed) return Promise.reject(new TidingsError('io', 'cannot upsert article: the batch writer is closed', { permanent: false }));
    return new Promise((resolve, reject) => {
      this.queue.push({ item: { record, itemUrl: options.itemUrl }, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.writeNext();
      else this.timer ??= setTimeout(() => {
        this.timer = null;
        this.writeNext();
      }, this.lingerMs);
    });
  }

  /** Articles waiting for a batch (not counting the one being written). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Writes what is waiting now, without lingering; resolves once nothing is waiting or being written. */
  async flush(): Promise<void> {
    this.stopTimer();
    this.writeNext();
    if (!this.writing && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Writes what is waiting and refuses later upserts. Calling it twice is harmless. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Starts writing the next batch unless one is being written (that one starts the next when done). */
  private writeNext(): void {
    if (this.writing) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length === 0) this.stopTimer();
    if (batch.length === 0) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      // What arrived meanwhile goes now when it fills a batch, has lingered long enough (no timer left), or is being flushed.
      if (this.queue.length >= this.maxBatch || this.timer === null || this.idle.length > 0) this.writeNext();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.index.upsertArticles(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (!outcome) waiting.reject(new TidingsError('io', 'the index returned no outcome for an article of the batch', { permanent: false }));
        else if (outcome.ok) waiting.resolve({ id: outcome.id, created: outcome.created });
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
