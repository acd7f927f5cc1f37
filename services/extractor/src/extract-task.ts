/**
 * The task a worker thread runs: one page through extractArticle. Errors
 * cross the thread boundary as plain data (structured cloning keeps an
 * Error's message but not a TidingsError's code), so they are returned, not
 * thrown; extraction-pool.ts turns them back into TidingsErrors.
 */
import { parentPort } from 'node:worker_threads';
import { describeError, isPermanent } from '@tidings/contracts';
import { extractArticle, type ExtractionResult, type ExtractOptions } from '@tidings/extract';

export interface ExtractTask {
  /** Names this task in the "started" message, which starts its timeout clock. */
  token: number;
  html: string;
  options: ExtractOptions;
}

/** Posted to the pool when a task starts running: waiting for a thread does not count against the timeout. */
export interface ExtractStarted {
  extractStarted: number;
}

export type ExtractTaskOutcome =
  | { ok: true; result: ExtractionResult }
  | { ok: false; error: { code: string; message: string; permanent: boolean } };

export function runExtractTask(task: ExtractTask): ExtractTaskOutcome {
  parentPort?.postMessage({ extractStarted: task.token } satisfies ExtractStarted);
  try {
    return { ok: true, result: extractArticle(task.html, task.options) };
  } catch (error) {
    return { ok: false, error: { ...describeError(error), permanent: isPermanent(error) } };
  }
}
