/** The task a parser worker thread runs: one feed document through parseFeed (see parse-pool.ts). */
import { parseFeed } from '@tidings/feed';
import { defineTask } from '@tidings/task-pool';

export interface ParseInput {
  text: string;
  feedUrl: string;
}

export default defineTask((input: ParseInput) => parseFeed(input.text, { feedUrl: input.feedUrl }));
