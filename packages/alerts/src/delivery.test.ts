import { describe, expect, it } from 'vitest';
import type { ArticleRecord, SavedSearchRecord } from '@tidings/contracts';
import { DIGEST_MAX_ARTICLES, digestBody, digestWebhook, endedDigestPeriod, matchBody, matchWebhook, messageId } from './delivery.js';

const HOOK = { url: 'https://hooks.example/each', secret: 'a-secret-of-sixteen+' };
const OWN = { url: 'https://hooks.example/digest', secret: 'another-secret-16+' };

function search(fields: Partial<SavedSearchRecord> = {}): SavedSearchRecord {
  return { id: 's1', name: 'Mines', query: 'kelmoor', filters: {}, webhook: HOOK, createdAt: '2026-11-01T00:00:00.000Z', ...fields };
}

function article(id: string): ArticleRecord {
  return {
    id,
    url: `https://news.example.org/${id}`,
    title: `Title ${id}`,
    authors: ['Ana Souza'],
    publishedAt: null,
    modifiedAt: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: 'An excerpt.',
    text: 'The whole text, which no delivery carries.',
    html: '<p>html</p>',
    wordCount: 7,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2026-11-20T10:05:00.000Z',
  };
}

describe('where matches go', () => {
  it('posts each match to the webhook unless a digest without its own webhook takes it', () => {
    expect(matchWebhook(search())).toBe(HOOK);
    expect(digestWebhook(search())).toBeNull();
    expect(matchWebhook(search({ digest: null }))).toBe(HOOK);
    expect(matchWebhook(search({ digest: { every: '1h', webhook: null } }))).toBeNull();
    expect(digestWebhook(search({ digest: { every: '1h', webhook: null } }))).toBe(HOOK);
    expect(matchWebhook(search({ digest: { every: '1d', webhook: OWN } }))).toBe(HOOK);
    expect(digestWebhook(search({ digest: { every: '1d', webhook: OWN } }))).toBe(OWN);
    expect(matchWebhook(search({ webhook: null, digest: { every: '1d', webhook: OWN } }))).toBeNull();
  });
});

describe('digest periods', () => {
  it('end on the hour and at midnight UTC, the last one that has ended', () => {
    const now = Date.parse('2026-12-02T14:37:12.345Z');
    expect(endedDigestPeriod('1h', now)).toEqual({ from: Date.parse('2026-12-02T13:00:00.000Z'), to: Date.parse('2026-12-02T14:00:00.000Z') });
    expect(endedDigestPeriod('1d', now)).toEqual({ from: Date.parse('2026-12-01T00:00:00.000Z'), to: Date.parse('2026-12-02T00:00:00.000Z') });
    const onTheHour = Date.parse('2026-12-02T14:00:00.000Z');
    expect(endedDigestPeriod('1h', onTheHour).to).toBe(onTheHour);
  });
});

describe('bodies', () => {
  it('a match carries the search and the article without its text', () => {
    const body = JSON.parse(matchBody(search(), article('a1'), '2026-11-20T10:06:00.000Z')) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'saved-search.match',
      search: { id: 's1', name: 'Mines', query: 'kelmoor', filters: {} },
      article: { id: 'a1', url: 'https://news.example.org/a1', title: 'Title a1', siteName: 'Example News', authors: ['Ana Souza'], publishedAt: null, excerpt: 'An excerpt.', lang: 'en' },
      matchedAt: '2026-11-20T10:06:00.000Z',
    });
  });

  it('a digest lists the newest matches first, at most DIGEST_MAX_ARTICLES, and counts them all', () => {
    const matches = Array.from({ length: DIGEST_MAX_ARTICLES + 5 }, (_, i) => ({ article: article(`a${i}`), matchedAt: new Date(Date.UTC(2026, 11, 2, 13, 0, i)).toISOString() }));
    const window = endedDigestPeriod('1h', Date.parse('2026-12-02T14:00:00.000Z'));
    const body = JSON.parse(digestBody(search(), '1h', window, matches)) as { type: string; total: number; period: unknown; articles: Array<{ id: string; matchedAt: string; text?: string }> };
    expect(body.type).toBe('saved-search.digest');
    expect(body.period).toEqual({ every: '1h', from: '2026-12-02T13:00:00.000Z', to: '2026-12-02T14:00:00.000Z' });
    expect(body.total).toBe(DIGEST_MAX_ARTICLES + 5);
    expect(body.articles).toHaveLength(DIGEST_MAX_ARTICLES);
    expect(body.articles[0]).toMatchObject({ id: `a${DIGEST_MAX_ARTICLES + 4}`, matchedAt: '2026-12-02T13:01:44.000Z' });
    expect(body.articles.at(-1)?.id).toBe('a5');
    expect(body.articles[0]?.text).toBeUndefined();
  });
});

describe('message ids', () => {
  it('names a message by its search and what the delivery log names: the article, or the digest period', () => {
    expect(messageId('s1', 'a1')).toBe('s1:a1');
    expect(messageId('s1', 'digest:2026-12-02T14:00:00.000Z')).toBe('s1:digest:2026-12-02T14:00:00.000Z');
    expect(new Set([messageId('s1', 'a1'), messageId('s1', 'a2'), messageId('s2', 'a1')]).size).toBe(3);
  });
});
