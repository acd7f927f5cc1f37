/**
 * A separate OS process writing to a shared index, for the multi-process
 * tests (run with `node --import tsx`). It opens the store, prints "ready",
 * waits for a line on stdin so that every writer starts together, does its
 * job in small batches so that writers interleave, then prints what it
 * claimed as one JSON line.
 */
import { createInterface } from 'node:readline';
import { PostgresIndex } from '../postgres/postgres-index.js';
import { SqliteIndex } from '../sqlite/sqlite-index.js';
import { makeArticle } from '../test-fixtures.js';
import type { TidingsIndex } from '../types.js';

/** Which store to open: a SQLite file, or a PostgreSQL schema. */
export type WriterStore = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export interface WriterJob {
  store: WriterStore;
  /** claim: claimNewItems(feedId, ...) in batches; upsert: upsertArticle of each URL with feedUrls [feedUrl]. */
  mode: 'claim' | 'upsert';
  feedId: string;
  feedUrl: string;
  urls: string[];
  batch: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as WriterJob;
const index: TidingsIndex = job.store.kind === 'sqlite' ? SqliteIndex.open(job.store.file) : await PostgresIndex.open(job.store.url, { schema: job.store.schema, poolSize: 2 });
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
