import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { SqliteIndex, type TidingsIndex } from '@tidings/index';
import { matchBatch } from './stream-filter.js';
import { announced as event, testArticle } from './testing/articles.js';

const DAY = 86_400_000;
const BASE = Date.parse('2025-06-01T12:00:00.000Z');

function article(slug: string, text: string, at: number): ArticleRecord {
  return testArticle(`https://batch.example/${slug}`, text, new Date(at).toISOString(), { title: slug, siteName: 'Batch Example' });
}

/** The real index with its searches counted. */
function counted(index: TidingsIndex): { index: TidingsIndex; searches: () => number } {
  let searches = 0;
  const search: TidingsIndex['search'] = (query, options) => {
    searches++;
    return index.search(query, options);
  };
  return { index: Object.assign(Object.create(index) as TidingsIndex, { search }), searches: () => searches };
}

describe('matchBatch: one search for a batch, narrower ones only when the span is crowded', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-match-'));
  let index: SqliteIndex;
  // 150 older glacier stories, one per hour over the days between the batch's two dates.
  const crowd = Array.from({ length: 150 }, (_, i) => article(`crowd-${i}`, 'another glacier report', BASE - 10 * DAY + (i + 1) * 3_600_000));
  const oldest = article('oldest', 'the oldest glacier story', BASE - 10 * DAY);
  const newest = article('newest', 'the newest glacier story', BASE);
  const unrelated = article('unrelated', 'a budget story', BASE - DAY);
  // 120 glacier stories stamped with one instant (a feed that dates every item alike), one of them new.
  const sameInstant = Array.from({ length: 120 }, (_, i) => article(`same-${i}`, 'a stamped glacier item', BASE - 20 * DAY));

  beforeAll(async () => {
    index = SqliteIndex.open(path.join(dir, 'tidings.db'));
    for (const record of [...crowd, oldest, newest, unrelated, ...sameInstant]) await index.upsertArticle(record);
  });

  afterAll(async () => {
    await index?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dates an article as the index files it: one published in the year 10000 is filed by its fetch, and matched with the batch', async () => {
    const future = { ...article('future', 'a glacier from the future', BASE), publishedAt: '+010000-01-01T00:00:00.000Z', fetchedAt: new Date(BASE).toISOString() };
    await index.upsertArticle(future);
    const hits = await matchBatch(index, { q: 'glacier', filters: {} }, [event(future), event(newest)]);
    expect([...hits.keys()].sort()).toEqual([future.id, newest.id].sort());
  });

  it('matches a batch whose span holds few other matches with one search', async () => {
    const { index: probe, searches } = counted(index);
    const hits = await matchBatch(probe, { q: 'newest OR budget', filters: {} }, [event(newest), event(unrelated), event(crowd[149]!)]);
    expect([...hits.keys()].sort()).toEqual([newest.id, unrelated.id].sort());
    expect(hits.get(newest.id)?.snippet).toContain('<mark>');
    expect(searches()).toBe(1);
  });

  it('finds every article of a batch spread over a crowded span, in a few narrower searches', async () => {
    const { index: probe, searches } = counted(index);
    const hits = await matchBatch(probe, { q: 'glacier', filters: {} }, [event(newest), event(oldest), event(unrelated)]);
    expect([...hits.keys()].sort()).toEqual([newest.id, oldest.id].sort());
    expect(searches()).toBeLessThanOrEqual(3);
  });

  it('pages through articles that share one instant', async () => {
    const { index: probe, searches } = counted(index);
    const wanted = sameInstant[0]!;
    const hits = await matchBatch(probe, { q: 'glacier', filters: {} }, [event(wanted)]);
    expect([...hits.keys()]).toEqual([wanted.id]);
    expect(searches()).toBeLessThanOrEqual(2);
  });

  it("applies the stream's own dates and filters without asking for what cannot match", async () => {
    const { index: probe, searches } = counted(index);
    const since = new Date(BASE - DAY).toISOString();
    expect((await matchBatch(probe, { q: 'glacier', filters: { since } }, [event(oldest)])).size).toBe(0);
    expect(searches()).toBe(0);
    expect([...(await matchBatch(probe, { q: 'glacier', filters: { since, lang: 'en' } }, [event(oldest), event(newest)])).keys()]).toEqual([newest.id]);
    expect((await matchBatch(probe, { q: 'glacier', filters: { lang: 'de' } }, [event(newest)])).size).toBe(0);
  });
});
