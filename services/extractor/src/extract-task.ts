/** The task an extraction worker thread runs: one page through extractArticle (see extraction-pool.ts). */
import { extractArticle, type ExtractOptions } from '@tidings/extract';
// The thread's entry: the task half only, not the pool (and piscina) it runs in.
import { defineTask } from '@tidings/task-pool/task';

export interface ExtractInput {
  html: string;
  options: ExtractOptions;
}

export default defineTask((input: ExtractInput) => extractArticle(input.html, input.options));
