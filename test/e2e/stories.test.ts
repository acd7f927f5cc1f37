import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { type ArticleRecord, type SearchResult, type StoryPage } from '@tidings/contracts';
import { indexerService } from '@tidings/service-indexer';
import { loadStoryFixture, type FixtureArticle } from '../fixtures/stories/load.js';
import { fixtureArticle, indexThroughWorker as indexArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';

// Stories end to end: real articles (the labelled story fixture: a wire story and its copy on another site, and an
// unrelated one) go through the article-index queue and the real indexer worker, which groups them in Redis and
// stores each with its storyId; the API then lists the story and collapses search by it.

const fixture = loadStoryFixture();
const byId = new Map(fixture.articles.map((article) => [article.id, article]));
const article = (id: string): FixtureArticle => {
  const found = byId.get(id);
  if (!found) throw new Error(`no fixture article ${id}`);
  return found;
};
// The first wire copy republished on another site, and an article of a pair labelled unrelated.
const copyPair = fixture.pairs.find((pair) => pair.kind === 'wire-copy' && pair.same && article(pair.a).site !== article(pair.b).site);
const otherPair = fixture.pairs.find((pair) => pair.kind === 'random' && !pair.same && copyPair && ![copyPair.a, copyPair.b].includes(pair.a));
if (!copyPair || !otherPair) throw new Error('the story fixture lacks a wire copy across sites or an unrelated pair');

/** A fixture article as the extractor would record it, on its own site. */
function recordOf(item: FixtureArticle): ArticleRecord {
  return fixtureArticle(`https://${item.site}/news/${encodeURIComponent(item.id)}`, {
    title: item.title,
    text: item.text,
    publishedAt: item.publishedAt,
    siteName: null,
    fetchedAt: new Date().toISOString(),
  });
}

describe('stories: the indexer groups near-duplicates across sites, the API lists them', () => {
  let api: ApiInstance;
  let workers: Worker[] = [];
  const original = recordOf(article(copyPair.a));
  const copy = recordOf(article(copyPair.b));
  const other = recordOf(article(otherPair.a));

  beforeAll(async () => {
    api = await startApiInstance({ label: 'stories' });
    workers = (await indexerService(api.runtime, {})).workers;
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await api?.stop();
  });

  const indexThroughWorker = (record: ArticleRecord) => indexArticle(api, workers, record);

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  it('gives a wire copy on another site the story of the original, and an unrelated article its own', async () => {
    for (const record of [original, other, copy]) await indexThroughWorker(record);
    const stored = await Promise.all([original, copy, other].map((record) => api.runtime.index.getArticle(record.id)));
    const [a, b, c] = stored.map((record) => record?.storyId);
    expect(a).toEqual(expect.any(String));
    expect(b).toBe(a);
    expect(c).toEqual(expect.any(String));
    expect(c).not.toBe(a);
    // The API's article view carries it too.
    expect((await getJson<ArticleRecord>(`/api/articles/${copy.id}`)).storyId).toBe(a);
  });

  it('keeps an article in its story when it is indexed again', async () => {
    const before = (await api.runtime.index.getArticle(copy.id))?.storyId;
    await indexThroughWorker({ ...copy, title: `${copy.title} (updated)` });
    const after = await api.runtime.index.getArticle(copy.id);
    expect(after?.title).toContain('(updated)');
    expect(after?.storyId).toBe(before);
  });

  it('lists the story with both sites at /api/stories, and its articles at /api/stories/:id', async () => {
    const storyId = (await api.runtime.index.getArticle(original.id))?.storyId;
    const page = await getJson<StoryPage>('/api/stories?limit=10');
    const story = page.stories.find((item) => item.id === storyId);
    expect(story).toMatchObject({ id: storyId, size: 2, sites: [article(copyPair.a).site, article(copyPair.b).site].sort() });
    expect(story?.title).toBe(original.publishedAt! <= copy.publishedAt! ? original.title : `${copy.title} (updated)`);
    expect(page.stories).toHaveLength(2);
    const one = await getJson<{ story: { id: string; size: number }; articles: Array<{ id: string }> }>(`/api/stories/${storyId}`);
    expect(one.story).toMatchObject({ id: storyId, size: 2 });
    expect(one.articles.map((hit) => hit.id).sort()).toEqual([original.id, copy.id].sort());
    expect((await fetch(`${api.url}/api/stories/no-such-story`)).status).toBe(404);
  });

  it('collapses a search by story, each hit saying how many sites reported it', async () => {
    const storyId = (await api.runtime.index.getArticle(original.id))?.storyId;
    const browse = `/api/search?since=1970-01-01&limit=10&collapse=story`;
    const collapsed = await getJson<SearchResult>(browse);
    expect(collapsed.total).toBe(2);
    expect(collapsed.hits.find((hit) => hit.storyId === storyId)).toMatchObject({ storySize: 2, storySites: [article(copyPair.a).site, article(copyPair.b).site].sort() });
    expect((await getJson<SearchResult>('/api/search?since=1970-01-01&limit=10')).total).toBe(3);
    expect((await fetch(`${api.url}/api/search?since=1970-01-01&collapse=site`)).status).toBe(400);
  });
});
