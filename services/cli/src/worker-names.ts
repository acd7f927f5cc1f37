/**
 * The worker roles `tidings worker <name>` takes, in pipeline order: the keys
 * of the registry in pipeline.ts (which checks it against them), listed apart
 * so that naming a role loads no service.
 */
export const WORKER_NAMES = ['fetcher', 'parser', 'extractor', 'indexer', 'scheduler', 'alerter'] as const;

export type WorkerName = (typeof WORKER_NAMES)[number];
