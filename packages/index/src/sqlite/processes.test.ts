import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';
import type { WriterJob } from './test-writer-process.js';

const WRITER = fileURLToPath(new URL('./test-writer-process.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let index: SqliteIndex;

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'tidings.db');
  index = SqliteIndex.open(file);
});

afterEach(async () => {
  await index.close();
  temp.remove();
});

const story = (n: number): string => `https://news.example.org/story/${n}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Starts a writer process; `result` settles once `go()` has been called and it has finished. */
function startWriter(job: WriterJob): { ready: Promise<void>; go: () => void; result: Promise<string[]> } {
  // tsx resolves from the workspace root's node_modules; the writer imports the TypeScript sources directly.
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(job)], { cwd: PACKAGE_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
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

describe('SqliteIndex.claimNewItems', () => {
  it('returns only never-seen URLs, in input order, without duplicates', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    expect(await index.claimNewItems(feed.id, [story(3), story(1), story(3), story(2), story(1)])).toEqual([story(3), story(1), story(2)]);
    expect(await index.claimNewItems(feed.id, [story(4), story(2), story(5)])).toEqual([story(4), story(5)]);
    expect(await index.claimNewItems(feed.id, [story(5), story(4)])).toEqual([]);
    expect(await index.claimNewItems(feed.id, [])).toEqual([]);
    expect((await index.getFeed(feed.id))?.itemsSeen).toBe(5);
  });

  it('treats a URL seen through one feed as seen for every feed', async () => {
    const a = (await index.addFeed('https://a.example/feed')).feed;
    const b = (await index.addFeed('https://b.example/feed')).feed;
    expect(await index.claimNewItems(a.id, [story(1), story(2)])).toEqual([story(1), story(2)]);
    expect(await index.claimNewItems(b.id, [story(2), story(3), story(1)])).toEqual([story(3)]);
    expect((await index.getFeed(a.id))?.itemsSeen).toBe(2);
    expect((await index.getFeed(b.id))?.itemsSeen).toBe(1);
  });

  it('compares URLs exactly as given', async () => {
    expect(await index.claimNewItems('f', [story(1), `${story(1)}?page=2`])).toEqual([story(1), `${story(1)}?page=2`]);
  });

  it('still claims for a feed that no longer exists', async () => {
    const { feed } = await index.addFeed('https://a.example/feed');
    await index.removeFeed(feed.id);
    expect(await index.claimNewItems(feed.id, [story(1)])).toEqual([story(1)]);
    expect(await index.claimNewItems('another', [story(1)])).toEqual([]);
  });

  it('remembers seen URLs after the file is closed and opened again', async () => {
    await index.claimNewItems('f', [story(1), story(2)]);
    await index.close();
    index = SqliteIndex.open(file);
    expect(await index.claimNewItems('f', [story(2), story(3)])).toEqual([story(3)]);
  });

  it('gives each URL to exactly one of two instances on the same file', async () => {
    const other = SqliteIndex.open(file);
    try {
      const results = await Promise.all(
        range(0, 20).map((batch) => (batch % 2 === 0 ? index : other).claimNewItems('f', range(batch * 5, batch * 5 + 15).map(story))),
      );
      const mine = results.filter((_, i) => i % 2 === 0).flat();
      const theirs = results.filter((_, i) => i % 2 === 1).flat();
      expect(new Set([...mine, ...theirs])).toEqual(new Set(range(0, 110).map(story)));
      expect(mine.filter((url) => theirs.includes(url))).toEqual([]);
      expect(mine.length + theirs.length).toBe(110);
    } finally {
      await other.close();
    }
  });

  it('gives each URL to exactly one of several processes claiming overlapping sets at once', async () => {
    const feeds = await Promise.all(['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed'].map((url) => index.addFeed(url)));
    const sets = [range(0, 600), range(300, 900), range(0, 900).reverse()];
    const writers = sets.map((numbers, i) => {
      const feed = feeds[i]?.feed;
      if (!feed) throw new Error('feed missing');
      return startWriter({ file, mode: 'claim', feedId: feed.id, feedUrl: feed.url, urls: numbers.map(story), batch: 3 });
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
  });

  it('lets several processes open a new file and upsert the same articles without losing a feed URL', async () => {
    await index.close();
    const fresh = join(temp.dir, 'fresh.db');
    const urls = range(0, 40).map(story);
    const feedUrls = ['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed', 'https://d.example/feed'];
    const writers = feedUrls.map((feedUrl, i) =>
      startWriter({ file: fresh, mode: 'upsert', feedId: `f${i}`, feedUrl, urls: i % 2 === 0 ? urls : [...urls].reverse(), batch: 2 }),
    );
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.go();
    await Promise.all(writers.map((writer) => writer.result));

    index = SqliteIndex.open(fresh);
    expect(await index.countArticles()).toBe(40);
    for (const url of urls) expect([...((await index.getArticle(url))?.feedUrls ?? [])].sort()).toEqual(feedUrls);
  });
});
