import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { feedId } from '@tidings/url';
import { makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

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

describe('SqliteIndex feeds', () => {
  it('adds a feed under its normalised URL with a fresh status', async () => {
    const before = Date.now();
    const { feed, created } = await index.addFeed('HTTPS://News.Example.ORG/feed.xml?utm_source=newsletter#top');
    expect(created).toBe(true);
    expect(feed).toEqual({
      id: feedId('https://news.example.org/feed.xml'),
      url: 'https://news.example.org/feed.xml',
      title: null,
      addedAt: expect.any(String),
      lastFetchAt: null,
      lastStatus: null,
      lastError: null,
      consecutiveFailures: 0,
      itemsSeen: 0,
      etag: null,
      lastModified: null,
    });
    expect(Date.parse(feed.addedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(await index.getFeed(feed.id)).toEqual(feed);
  });

  it('adding the same feed twice, however spelled, returns the existing one', async () => {
    const first = await index.addFeed('https://news.example.org/feed.xml');
    await index.recordFeedStatus(first.feed.id, { at: '2025-01-01T00:00:00.000Z', status: 'ok', title: 'Example News' });
    const second = await index.addFeed('https://NEWS.example.org:443/feed.xml?utm_medium=x');
    expect(second.created).toBe(false);
    expect(second.feed.id).toBe(first.feed.id);
    expect(second.feed.title).toBe('Example News');
    expect(await index.listFeeds()).toHaveLength(1);
  });

  it('rejects a feed URL that is not http(s)', async () => {
    const error = await index.addFeed('ftp://example.org/feed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'invalid-url', permanent: true });
    await expect(index.addFeed('not a url')).rejects.toMatchObject({ code: 'invalid-url' });
    expect(await index.listFeeds()).toEqual([]);
  });

  it('lists feeds in the order they were added', async () => {
    // Neither URL nor id order matches the order added.
    const urls = ['https://zeta.example/feed', 'https://alpha.example/feed', 'https://mu.example/feed', 'https://beta.example/feed'];
    for (const url of urls) await index.addFeed(url);
    expect((await index.listFeeds()).map((feed) => feed.url)).toEqual(urls);
  });

  it('removes a feed once', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    const other = await index.addFeed('https://other.example.org/feed.xml');
    expect(await index.removeFeed(feed.id)).toBe(true);
    expect(await index.removeFeed(feed.id)).toBe(false);
    expect(await index.getFeed(feed.id)).toBeNull();
    expect((await index.listFeeds()).map((f) => f.id)).toEqual([other.feed.id]);
  });

  it('counts consecutive failures and resets them on ok and on not-modified', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    await index.recordFeedStatus(feed.id, { at: '2025-01-01T00:00:00.000Z', status: 'error', error: 'HTTP 503' });
    await index.recordFeedStatus(feed.id, { at: '2025-01-01T01:00:00.000Z', status: 'error', error: 'timeout' });
    expect(await index.getFeed(feed.id)).toMatchObject({
      lastFetchAt: '2025-01-01T01:00:00.000Z',
      lastStatus: 'error',
      lastError: 'timeout',
      consecutiveFailures: 2,
    });

    await index.recordFeedStatus(feed.id, { at: '2025-01-01T02:00:00.000Z', status: 'ok' });
    expect(await index.getFeed(feed.id)).toMatchObject({ lastFetchAt: '2025-01-01T02:00:00.000Z', lastStatus: 'ok', lastError: null, consecutiveFailures: 0 });

    await index.recordFeedStatus(feed.id, { at: '2025-01-01T03:00:00.000Z', status: 'error', error: 'HTTP 500' });
    expect((await index.getFeed(feed.id))?.consecutiveFailures).toBe(1);
    await index.recordFeedStatus(feed.id, { at: '2025-01-01T04:00:00.000Z', status: 'not-modified' });
    expect(await index.getFeed(feed.id)).toMatchObject({ lastStatus: 'not-modified', lastError: null, consecutiveFailures: 0 });
  });

  it('sets etag, lastModified and title when given, keeps them when undefined, clears them on null', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    const at = '2025-01-01T00:00:00.000Z';
    await index.recordFeedStatus(feed.id, { at, status: 'ok', etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT', title: 'Example News' });
    await index.recordFeedStatus(feed.id, { at, status: 'not-modified' });
    expect(await index.getFeed(feed.id)).toMatchObject({ etag: '"v1"', lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT', title: 'Example News' });

    await index.recordFeedStatus(feed.id, { at, status: 'ok', etag: null, lastModified: null, title: null });
    expect(await index.getFeed(feed.id)).toMatchObject({ etag: null, lastModified: null, title: null });
  });

  it('records status for an unknown feed as a no-op that creates nothing', async () => {
    await expect(index.recordFeedStatus('ffffffffffff', { at: '2025-01-01T00:00:00.000Z', status: 'ok' })).resolves.toBeUndefined();
    expect(await index.listFeeds()).toEqual([]);
  });

  it('rejects an unknown status or an unparseable time', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    const bad = { at: '2025-01-01T00:00:00.000Z', status: 'exploded' } as unknown as Parameters<SqliteIndex['recordFeedStatus']>[1];
    await expect(index.recordFeedStatus(feed.id, bad)).rejects.toMatchObject({ code: 'invalid-payload', permanent: true });
    await expect(index.recordFeedStatus(feed.id, { at: 'yesterday', status: 'ok' })).rejects.toMatchObject({ code: 'invalid-payload' });
    expect((await index.getFeed(feed.id))?.lastStatus).toBeNull();
  });

  it('keeps feeds and their status when the file is closed and opened again', async () => {
    const { feed } = await index.addFeed('https://news.example.org/feed.xml');
    await index.recordFeedStatus(feed.id, { at: '2025-01-01T00:00:00.000Z', status: 'error', error: 'HTTP 503' });
    await index.close();
    index = SqliteIndex.open(file);
    expect(await index.getFeed(feed.id)).toMatchObject({ url: 'https://news.example.org/feed.xml', consecutiveFailures: 1, lastError: 'HTTP 503' });
  });
});
