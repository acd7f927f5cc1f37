/**
 * A separate OS process writing to a shared index file, for the concurrency
 * tests in seen-items.test.ts (run with `node --import tsx`). It opens the
 * file, prints "ready", waits for a line on stdin so that every writer
 * starts together, does its job in small batches so that writers
 * interleave, then prints what it claimed as one JSON line.
 */
import { createInterface } from 'node:readline';
import { makeArticle } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

export interface WriterJob {
  file: string;
  /** claim: claimNewItems(feedId, ...) in batches; upsert: upsertArticle of each URL with feedUrls [feedUrl]. */
  mode: 'claim' | 'upsert';
  feedId: string;
  feedUrl: string;
  urls: string[];
  batch: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as WriterJob;
const index = SqliteIndex.open(job.file);
process.stdout.write('ready\n');

const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const claimed: string[] = [];
for (let start = 0; start < job.urls.length; start += job.batch) {
  const batch = job.urls.slice(start, start + job.batch);
  if (job.mode === 'claim') {
    claimed.push(...(await index.claimNewItems(job.feedId, batch)));
  } else {
    for (const url of batch) await index.upsertArticle(makeArticle(url, { title: `Story ${url}`, feedUrls: [job.feedUrl] }));
  }
}
await index.close();
process.stdout.write(`${JSON.stringify(claimed)}\n`);
