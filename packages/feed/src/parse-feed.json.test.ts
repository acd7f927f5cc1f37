import { describe, expect, it } from 'vitest';
import { parseFeed } from './index.js';
import { fixture } from './read-fixture.js';

describe('parseFeed: JSON Feed 1.0', () => {
  const parsed = parseFeed(fixture('jsonfeed10.json'));

  it('reads the feed fields, decoding entities in the title', async () => {
    const { format, feed, warnings } = await parsed;
    expect(format).toBe('jsonfeed');
    expect(feed).toEqual({
      title: 'JSON & Friends',
      siteUrl: 'https://json.example.net/',
      feedUrl: 'https://json.example.net/feed.json',
      description: 'A JSON Feed 1.0',
      language: null,
      updatedAt: null,
    });
    expect(warnings).toEqual([]);
  });

  it('reads an item: content_html sanitised, summary, tags, attachments and the 1.0 author object', async () => {
    const { items } = await parsed;
    expect(items[0]).toEqual({
      id: '2',
      url: 'https://json.example.net/2',
      title: 'Second post',
      summary: 'A short summary',
      contentHtml: '<p>Hello <a href="https://json.example.net/there">there</a></p>',
      authors: ['Jay Son'],
      publishedAt: '2010-02-07T19:04:00.000Z',
      updatedAt: null,
      categories: ['alpha', 'beta'],
      enclosures: [{ url: 'https://json.example.net/episode.m4a', type: 'audio/x-m4a', length: 89970236 }],
    });
  });

  it('reads a numeric id as a string, escapes content_text and resolves a relative url against feed_url', async () => {
    const { items } = await parsed;
    expect(items[1]).toMatchObject({
      id: '1',
      url: 'https://json.example.net/1',
      summary: 'Plain &lt;text&gt; only',
      contentHtml: 'Plain &lt;text&gt; only',
    });
  });

  it('resolves a relative url against the URL the feed was fetched from when given', async () => {
    const { items } = await parseFeed(fixture('jsonfeed10.json'), { feedUrl: 'https://mirror.example.com/j/feed.json' });
    expect(items[1]?.url).toBe('https://mirror.example.com/1');
  });
});

describe('parseFeed: JSON Feed 1.1', () => {
  const parsed = parseFeed(fixture('jsonfeed11.json'));

  it('reads language and the authors array', async () => {
    const { feed, items } = await parsed;
    expect(feed.language).toBe('en-NZ');
    expect(items[0]?.authors).toEqual(['Item Author']);
    expect(items[1]?.authors).toEqual(['Kia Ora', 'Second Author']);
  });

  it('takes the 1.0 author, then the feed\'s authors, when the authors array names no one', async () => {
    const feed = (item: object, top: object = {}) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', ...top, items: [{ id: '1', content_text: 'x', ...item }] });
    const authorsOf = async (json: string) => (await parseFeed(json)).items[0]?.authors;
    expect(await authorsOf(feed({ authors: [{ url: 'https://a.example/' }], author: { name: 'Fallback' } }))).toEqual(['Fallback']);
    expect(await authorsOf(feed({ authors: [{ name: ' ' }] }, { authors: [{ name: 'Feed Writer' }] }))).toEqual(['Feed Writer']);
    expect(await authorsOf(feed({ authors: [{ avatar: 'https://a.example/me.png' }, { name: 'Named' }] }))).toEqual(['Named']);
  });

  it('reads date_modified with fractional seconds and an offset', async () => {
    const { items } = await parsed;
    expect(items[0]?.publishedAt).toBe('2024-05-01T12:00:00.000Z');
    expect(items[0]?.updatedAt).toBe('2024-05-01T20:15:30.250Z');
  });

  it('gives an unparseable date as null with a warning', async () => {
    const { items, warnings } = await parsed;
    expect(items[1]?.publishedAt).toBeNull();
    expect(warnings).toEqual(['item 2: unparseable date "yesterday"']);
  });

  it('resolves relative URLs in content_html against the item url', async () => {
    const { items } = await parsed;
    expect(items[0]?.contentHtml).toBe('<p>Body with <img src="https://eleven.example.net/posts/pic.png" /></p>');
  });
});
