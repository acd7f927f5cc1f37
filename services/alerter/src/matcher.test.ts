import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { redisKeys } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis } from '@tidings/queue';
import { fixtureArticle } from '../../../test/support/api-instance.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { AlertMatcher } from './matcher.js';

/** The alerter's view of the saved searches, over a real Redis and a real SQLite index. */
describe('AlertMatcher', () => {
  const prefix = uniquePrefix('alert-matcher');
  const data = tempDir('alert-matcher');
  const redis = connectRedis(TEST_REDIS_URL);
  const store = new SavedSearchStore(redis, prefix);
  let index: TidingsIndex;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
  });

  afterAll(async () => {
    await index?.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  it('keeps matching when a stored record is not JSON at all: that record alone is skipped', async () => {
    const search = await store.create({ query: 'kelmoor' }, async () => {});
    const keys = redisKeys(prefix).alerts;
    // Cut short, and not JSON at all (a hand edit, a write from elsewhere).
    await redis.hset(keys.searches, 'cut-short', '{"id":"cut-short","query":"kelm');
    await redis.hset(keys.searches, 'garbage', 'not json');
    await redis.lpush(keys.log(search.id), 'not json either');

    const matcher = new AlertMatcher(store, index);
    await matcher.reload();
    expect(matcher.size).toBe(1);
    expect((await matcher.match(fixtureArticle('https://news.example.org/a1', { title: 'Kelmoor mine floods', text: 'The Kelmoor mine flooded.' }))).map((record) => record.id)).toEqual([search.id]);
    expect(await store.get('garbage')).toBeNull();
    expect((await store.list()).map((record) => record.id)).toEqual([search.id]);
    expect(await store.deliveries(search.id)).toEqual([]);
  });

  it('serves a burst of reload requests with a reload or two, not one each, the last seeing every change said before it', async () => {
    let lists = 0;
    const counting = { list: async () => (lists++, store.list()) };
    const matcher = new AlertMatcher(counting, index);
    const first = matcher.requestReload();
    // A change said while the first reload runs: the requests after it are served by a reload that starts later.
    await store.create({ query: 'zorvath' }, async () => {});
    const burst = Array.from({ length: 20 }, () => matcher.requestReload());
    await Promise.all([first, ...burst]);
    expect(lists).toBeLessThanOrEqual(3);
    expect((await matcher.match(fixtureArticle('https://news.example.org/z1', { title: 'Zorvath', text: 'Zorvath again.' }))).length).toBe(1);
    // Once the burst is served, the next request reloads again.
    const served = lists;
    await matcher.requestReload();
    expect(lists).toBe(served + 1);
  });
});
