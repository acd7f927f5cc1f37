/** The task an extraction worker thread runs: one page through extractArticle (see extraction-pool.ts). */
import { extractArticle, type ExtractOptions } from '@tidings/extract';
// What the thread loads: the task half only, not the pool it runs in.
import { defineTask } from '@tidings/task-pool/task';

export interface ExtractInput {
  html: string;
  options: ExtractOptions;
}

export default defineTask((input: ExtractInput) => extractArticle(input.html, input.options));
