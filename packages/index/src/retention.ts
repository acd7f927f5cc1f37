import { setImmediate as nextTurn } from 'node:timers/promises';
import { TidingsError } from '@tidings/contracts';
import type { PruneOptions, PruneResult } from './types.js';

/**
 * Retention (TidingsIndex.prune), the part both backends share: which rows
 * are old, and the batching. Each backend gives one {@link PruneTarget} per
 * table (articles, seen items) saying how to read a page of it in key order
 * and how to delete some rows of it in one transaction.
 *
 * Rows are read outside any write transaction (SQLite's WAL readers and
 * PostgreSQL's MVCC block no writer), then deleted `batchSize` at a time,
 * each batch its own short transaction, yielding the event loop between
 * batches: writers, in this process or another, wait for one batch at most.
 * A delete names the time it read, so a row changed meanwhile (an article
 * fetched again) is left alone. A story is its articles (their storyId):
 * the stories whose last articles went are counted as removed with them.
 */

/** Rows deleted per transaction by default. */
export const PRUNE_BATCH = 500;
/** Rows read per page while looking for old ones. */
const SCAN_PAGE = 2_000;

/** One row a prune may delete: its key and the time it is aged by, exactly as stored (an article also its story). */
export interface AgedRow<K> {
  key: K;
  at: string;
  story?: string | null;
}

/** One table as a prune sees it. */
export interface PruneTarget<K> {
  /** A key lower than every row's (where the first page starts). */
  readonly start: K;
  /** Up to `size` rows with keys above `after`, in key order. */
  page(after: K, size: number): Promise<AgedRow<K>[]>;
  /** Deletes the rows still holding the time given, with everything hanging off them, in one transaction; returns how many went. */
  remove(rows: readonly AgedRow<K>[]): Promise<number>;
}

/** The options checked, and the cutoff in milliseconds. */
export interface PrunePlan {
  cutoffMs: number;
  cutoff: string;
  dryRun: boolean;
  batchSize: number;
  signal: AbortSignal | null;
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

/**
 * Checks prune options.
 *
 * @throws TidingsError `invalid-payload` for a cutoff that is not a time or a batch size that is not a positive integer.
 */
export function planPrune(options: PruneOptions): PrunePlan {
  const cutoffMs = options.before instanceof Date ? options.before.getTime() : Date.parse(options.before);
  if (!Number.isFinite(cutoffMs)) throw invalid(`prune cutoff ${String(options.before)} is not a time (an ISO date or time)`);
  const batchSize = options.batchSize ?? PRUNE_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw invalid(`prune batch size must be a positive integer, got ${batchSize}`);
  return { cutoffMs, cutoff: new Date(cutoffMs).toISOString(), dryRun: options.dryRun ?? false, batchSize, signal: options.signal ?? null };
}

/** True when `at` is a time before the cutoff; a time that does not parse is never old. */
function isOld(at: string, cutoffMs: number): boolean {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && ms < cutoffMs;
}

/** True once the prune was asked to stop (a function: the signal changes under TypeScript's narrowing). */
function stopped(plan: PrunePlan): boolean {
  return plan.signal?.aborted === true;
}

/**
 * Deletes (or, dry, counts) the rows of `target` older than the cutoff,
 * batch by batch; returns how many, and the stories of the rows it took.
 */
export async function pruneRows<K>(target: PruneTarget<K>, plan: PrunePlan): Promise<{ removed: number; stories: Set<string> }> {
  let removed = 0;
  const stories = new Set<string>();
  let pending: AgedRow<K>[] = [];
  const flush = async (batch: AgedRow<K>[]) => {
    for (const row of batch) if (row.story) stories.add(row.story);
    removed += plan.dryRun ? batch.length : await target.remove(batch);
    // Let writers (and this process's other work) in between two batches.
    await nextTurn();
  };
  for (let after = target.start; !stopped(plan); ) {
    const rows = await target.page(after, SCAN_PAGE);
    for (const row of rows) if (isOld(row.at, plan.cutoffMs)) pending.push(row);
    const last = rows.length < SCAN_PAGE;
    while ((pending.length >= plan.batchSize || (last && pending.length > 0)) && !stopped(plan)) {
      const batch = pending.slice(0, plan.batchSize);
      pending = pending.slice(plan.batchSize);
      await flush(batch);
    }
    const end = rows.at(-1);
    if (last || !end) break;
    after = end.key;
  }
  return { removed, stories };
}

/** Story ids looked up at once. */
const STORY_LOOKUP = 500;

/**
 * How many of `stories` have no article left that the prune keeps: the
 * stories it emptied (a story is its articles: nothing else to delete).
 * `articlesOf` gives the fetch times of the articles left in some stories.
 */
export async function countEmptiedStories(stories: ReadonlySet<string>, articlesOf: (stories: string[]) => Promise<Array<{ story: string; at: string }>>, plan: PrunePlan): Promise<number> {
  const ids = [...stories];
  let emptied = 0;
  for (let start = 0; start < ids.length; start += STORY_LOOKUP) {
    const chunk = ids.slice(start, start + STORY_LOOKUP);
    // On a dry run the old articles are all still there: a story is emptied when every article it has is old.
    const kept = new Set((await articlesOf(chunk)).filter((row) => !isOld(row.at, plan.cutoffMs)).map((row) => row.story));
    emptied += chunk.filter((story) => !kept.has(story)).length;
  }
  return emptied;
}

/** What a backend gives {@link pruneIndex}: its two tables, and the articles left in some stories. */
export interface PruneTargets {
  articles: PruneTarget<number>;
  seenItems: PruneTarget<string>;
  storyArticles(stories: string[]): Promise<Array<{ story: string; at: string }>>;
}

/** Prunes articles, then seen items, and counts the stories emptied, as {@link TidingsIndex.prune}. */
export async function pruneIndex(targets: PruneTargets, options: PruneOptions): Promise<PruneResult> {
  const plan = planPrune(options);
  const articles = await pruneRows(targets.articles, plan);
  const seenItems = await pruneRows(targets.seenItems, plan);
  const stories = await countEmptiedStories(articles.stories, (ids) => targets.storyArticles(ids), plan);
  return { articles: articles.removed, seenItems: seenItems.removed, stories, cutoff: plan.cutoff, dryRun: plan.dryRun };
}
