import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TidingsIndex } from '../types.js';
import type { WriterJob, WriterStore } from './writer-process.js';

const WRITER = fileURLToPath(new URL('./writer-process.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

const story = (n: number): string => `https://news.example.org/story/${n}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Starts a writer process; `result` settles once `go()` has been called and it has finished. */
function startWriter(job: WriterJob): { ready: Promise<void>; go: () => void; result: Promise<string[]> } {
  // tsx resolves from the workspace root's node_modules; the writer imports the TypeScript sources directly.
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', WRITER, JSON.stringify(job)], { cwd: PACKAGE_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  lines.on('line', (line) => (line === 'ready' ? signalReady() : output.push(line)));
  const result = new Promise<string[]>((resolve, reject) => {
    child.on('close', (code) => {
      const last = output.at(-1);
      if (code === 0 && last !== undefined) resolve(JSON.parse(last) as string[]);
      else reject(new Error(`writer exited with ${String(code)}: ${stderr}`));
    });
  });
  // A writer that dies before "ready" must not leave the test waiting for it.
  return { ready: Promise.race([ready, result.then(() => {})]), go: () => child.stdin.end('go\n'), result };
}

/** How the multi-process tests reach one backend. */
export interface ProcessHarness {
  /** A fresh, empty store: where writer processes open it, and an instance in this process. */
  createStore(): Promise<{ store: WriterStore; open(): Promise<TidingsIndex>; destroy(): Promise<void> }>;
}

/** Several OS processes sharing one store at once: claims stay exclusive, upserts lose no feed. */
export function describeProcessContract(name: string, harness: ProcessHarness): void {
  describe(`${name} shared by several processes`, () => {
    it('gives each URL to exactly one of several processes claiming overlapping sets at once', async () => {
      const { store, open, destroy } = await harness.createStore();
      const index = await open();
      try {
        const feeds = await Promise.all(['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed'].map((url) => index.addFeed(url)));
        const sets = [range(0, 600), range(300, 900), range(0, 900).reverse()];
        const writers = sets.map((numbers, i) => {
          const feed = feeds[i]?.feed;
          if (!feed) throw new Error('feed missing');
          return startWriter({ store, mode: 'claim', feedId: feed.id, feedUrl: feed.url, urls: numbers.map(story), batch: 3 });
        });
        await Promise.all(writers.map((writer) => writer.ready));
        for (const writer of writers) writer.go();
        const claimed = await Promise.all(writers.map((writer) => writer.result));

        const all = claimed.flat();
        expect(all).toHaveLength(900);
        expect(new Set(all)).toEqual(new Set(range(0, 900).map(story)));
        for (const [i, mine] of claimed.entries()) {
          for (const [j, theirs] of claimed.entries()) {
            if (i < j) expect(mine.filter((url) => new Set(theirs).has(url))).toEqual([]);
          }
        }
        const itemsSeen = await Promise.all(feeds.map(async ({ feed }) => (await index.getFeed(feed.id))?.itemsSeen));
        expect(itemsSeen).toEqual(claimed.map((urls) => urls.length));
      } finally {
        await index.close();
        await destroy();
      }
    });

    it('lets several processes open a new store and upsert the same articles without losing a feed URL', async () => {
      const { store, open, destroy } = await harness.createStore();
      try {
        const urls = range(0, 40).map(story);
        const feedUrls = ['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed', 'https://d.example/feed'];
        const writers = feedUrls.map((feedUrl, i) => startWriter({ store, mode: 'upsert', feedId: `f${i}`, feedUrl, urls: i % 2 === 0 ? urls : [...urls].reverse(), batch: 2 }));
        await Promise.all(writers.map((writer) => writer.ready));
        for (const writer of writers) writer.go();
        await Promise.all(writers.map((writer) => writer.result));

        const index = await open();
        try {
          expect(await index.countArticles()).toBe(40);
          for (const url of urls) expect([...((await index.getArticle(url))?.feedUrls ?? [])].sort()).toEqual(feedUrls);
        } finally {
          await index.close();
        }
      } finally {
        await destroy();
      }
    });
  });
}
