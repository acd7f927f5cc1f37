import { ALL_QUEUES, QUEUES, wasRefetched, type QueueName } from '@tidings/contracts';

/** A failed item as `run --until-idle` reports it. */
export interface ReportedFailure {
  queue: QueueName;
  url: string | null;
  code: string;
  reason: string;
}

/** What `tidings run` did: its progress line and its `--json` summary (a public contract: fields may be added, never renamed or dropped). */
export interface RunSummary {
  feeds: number;
  /**
   * Work finished per stage: a job per feed for the feed stages; each
   * article once for the article stages, however often its page was
   * fetched. A job that handed its item to a new fetch is counted in
   * `refetched` instead, and the jobs of that fetch count only the stages
   * the article had not passed yet.
   */
  completed: Record<QueueName, number>;
  /** Extract and index jobs whose stored input was gone, so the page was fetched again. */
  refetched: number;
  indexed: number;
  failed: ReportedFailure[];
}

/** The summary of a run of `feeds` feeds before any job has finished. */
export function emptyRunSummary(feeds: number): RunSummary {
  return {
    feeds,
    completed: Object.fromEntries(ALL_QUEUES.map((name) => [name, 0])) as Record<QueueName, number>,
    refetched: 0,
    indexed: 0,
    failed: [],
  };
}

/** The stages whose jobs carry one article each (its `itemUrl`). */
const ARTICLE_STAGES: ReadonlySet<QueueName> = new Set([QUEUES.articleFetch, QUEUES.articleExtract, QUEUES.articleIndex]);

/**
 * Counts each completed job of a run into `summary` (see
 * {@link RunSummary.completed}). A page whose stored body was gone before
 * the next stage read it is fetched again, under a new job: counting jobs,
 * the progress line read that one article as two fetched (and, when the
 * indexer found the record gone, two extracted). So the article stages
 * count the articles they finished, by item URL; the refetch itself is in
 * `refetched`. Returns the function to call with each completed job's
 * queue, data and return value.
 */
export function runSummaryCounter(summary: RunSummary): (queue: QueueName, data: unknown, result: unknown) => void {
  const finished = new Map<QueueName, Set<string>>();
  return (queue, data, result) => {
    if (wasRefetched(result)) {
      summary.refetched++;
      return;
    }
    // An article is created once, whichever of its index jobs completes first (a batch completes them in any order).
    if (queue === QUEUES.articleIndex && (result as { created?: boolean } | null)?.created) summary.indexed++;
    const itemUrl = ARTICLE_STAGES.has(queue) ? (data as { itemUrl?: unknown } | null)?.itemUrl : undefined;
    if (typeof itemUrl === 'string') {
      const items = finished.get(queue) ?? new Set<string>();
      finished.set(queue, items);
      if (items.has(itemUrl)) return;
      items.add(itemUrl);
    }
    summary.completed[queue]++;
  };
}
