import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeArticle, makeTempDir } from './test-fixtures.js';
import { INDEX_FILE, openIndex } from './open-index.js';
import { PostgresIndex } from './postgres/postgres-index.js';
import { TEST_POSTGRES_URL, useTestSchemas } from './testing/test-database.js';
import { SqliteIndex } from './sqlite/sqlite-index.js';

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
      // The feed listed the stored article, so it is among its feedUrls now.
      expect(await reopened.getArticle(record.id)).toEqual({ ...record, feedUrls: [feed.url] });
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

describe('openIndex with indexUrl', () => {
  const freshSchema = useTestSchemas('tidings_open');

  it('opens PostgreSQL instead of SQLite, creating no file in the data directory', async () => {
    const schema = freshSchema();
    const dataDir = join(temp.dir, 'data');
    const index = await openIndex({ dataDir, indexUrl: `${TEST_POSTGRES_URL}?schema=${schema}` });
    try {
      expect(index).toBeInstanceOf(PostgresIndex);
      await index.upsertArticle(makeArticle('https://news.example.org/story'));
      expect(await index.countArticles()).toBe(1);
      expect(existsSync(join(dataDir, 'tidings.db'))).toBe(false);
    } finally {
      await index.close();
    }
  });

  it('keeps SQLite when indexUrl is null', async () => {
    const index = await openIndex({ dataDir: temp.dir, indexUrl: null });
    await index.close();
    expect(index).toBeInstanceOf(SqliteIndex);
  });
});
