import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { ArticleBatchWriter } from './batch-writer.js';
import { SqliteIndex } from './sqlite/sqlite-index.js';
import { makeArticle, makeTempDir } from './test-fixtures.js';
import type { ArticleUpsert, TidingsIndex } from './types.js';

const url = (n: number) => `https://news.example.org/2025/writer-${n}`;

/** A real SQLite index whose upsertArticles records the size of every batch it is given. */
function recording(index: TidingsIndex): { index: Pick<TidingsIndex, 'upsertArticles'>; batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    index: {
      upsertArticles: (items: readonly ArticleUpsert[]) => {
        batches.push(items.length);
        return index.upsertArticles(items);
      },
    },
  };
}

describe('ArticleBatchWriter', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let index: SqliteIndex;

  beforeEach(() => {
    temp = makeTempDir();
    index = SqliteIndex.open(join(temp.dir, 'tidings.db'));
  });

  afterEach(async () => {
    await index.close();
    temp.remove();
  });

  it('writes concurrent upserts in batches of at most maxBatch, each caller getting its own id and created flag', async () => {
    const { index: counted, batches } = recording(index);
    const writer = new ArticleBatchWriter(counted, { maxBatch: 4, lingerMs: 50 });
    const records = Array.from({ length: 10 }, (_, n) => makeArticle(url(n), { title: `Story ${n}` }));
    const results = await Promise.all(records.map((record) => writer.upsert(record)));
    expect(results).toEqual(records.map((record) => ({ id: record.id, created: true })));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(await index.countArticles()).toBe(10);
    // Again: now every article is updated.
    const again = await Promise.all(records.map((record) => writer.upsert(record)));
    expect(again.every((result) => !result.created)).toBe(true);
  });

  it('writes a lone upsert after the linger, without waiting for a full batch', async () => {
    const { index: counted, batches } = recording(index);
    const writer = new ArticleBatchWriter(counted, { maxBatch: 100, lingerMs: 5 });
    const record = makeArticle(url(1));
    await expect(writer.upsert(record, { itemUrl: 'https://news.example.org/item' })).resolves.toEqual({ id: record.id, created: true });
    expect(batches).toEqual([1]);
  });

  it('rejects only the caller whose article is refused; the rest of its batch is stored', async () => {
    const writer = new ArticleBatchWriter(index, { maxBatch: 3, lingerMs: 1000 });
    const taken = makeArticle(url(0));
    await index.upsertArticle(taken);
    const settled = await Promise.allSettled([
      writer.upsert(makeArticle(url(1))),
      writer.upsert(makeArticle(url(2), { id: taken.id })),
      writer.upsert(makeArticle(url(3))),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = settled[1]?.status === 'rejected' ? (settled[1].reason as unknown) : null;
    expect(reason).toBeInstanceOf(TidingsError);
    expect(reason).toMatchObject({ code: 'invalid-payload', permanent: true });
    expect(await index.countArticles()).toBe(3);
  });

  it('rejects every caller of a batch the store fails, with the store error', async () => {
    const writer = new ArticleBatchWriter(index, { maxBatch: 2, lingerMs: 1000 });
    await index.close();
    const settled = await Promise.allSettled([writer.upsert(makeArticle(url(1))), writer.upsert(makeArticle(url(2)))]);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      expect(result.status === 'rejected' && result.reason).toMatchObject({ code: 'io', permanent: false });
    }
  });

  it('flushes what waits on close, then refuses new upserts', async () => {
    const { index: counted, batches } = recording(index);
    const writer = new ArticleBatchWriter(counted, { maxBatch: 100, lingerMs: 60_000 });
    const pending = [writer.upsert(makeArticle(url(1))), writer.upsert(makeArticle(url(2)))];
    expect(writer.waiting).toBe(2);
    await writer.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    expect(batches).toEqual([2]);
    await expect(writer.upsert(makeArticle(url(3)))).rejects.toMatchObject({ code: 'io' });
    await writer.close();
  });

  it('refuses a batch size below 1', () => {
    expect(() => new ArticleBatchWriter(index, { maxBatch: 0, lingerMs: 1 })).toThrow(RangeError);
  });
});
