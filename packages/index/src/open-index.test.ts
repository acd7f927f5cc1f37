import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeArticle, makeTempDir } from './test-fixtures.js';
import { INDEX_FILE, openIndex } from './open-index.js';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => temp.remove());

describe('openIndex', () => {
  it('creates the data directory and tidings.db, and the data is there when opened again', async () => {
    const dataDir = join(temp.dir, 'nested', 'data');
    const index = await openIndex({ dataDir });
    expect(INDEX_FILE).toBe('tidings.db');
    expect(existsSync(join(dataDir, 'tidings.db'))).toBe(true);
    const record = makeArticle('https://news.example.org/story');
    await index.upsertArticle(record);
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    await index.claimNewItems(feed.id, [record.url]);
    await index.close();

    const reopened = await openIndex({ dataDir });
    try {
      expect(await reopened.getArticle(record.id)).toEqual(record);
      expect((await reopened.listFeeds()).map((f) => f.id)).toEqual([feed.id]);
      expect(await reopened.claimNewItems(feed.id, [record.url])).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('fails with a TidingsError when the data directory cannot be created', async () => {
    const blocker = join(temp.dir, 'a-file');
    writeFileSync(blocker, '');
    await expect(openIndex({ dataDir: join(blocker, 'data') })).rejects.toMatchObject({ name: 'TidingsError', code: 'io' });
  });
});
