/** The task a parser worker thread runs: one feed document through parseFeed (see parse-pool.ts). */
import { parseFeed, type ParseFeedOptions } from '@tidings/feed';
// What the thread loads: the task half only, not the pool it runs in.
import { defineTask } from '@tidings/task-pool/task';

export interface ParseInput {
  text: string;
  options: ParseFeedOptions;
}

export default defineTask((input: ParseInput) => parseFeed(input.text, input.options));
