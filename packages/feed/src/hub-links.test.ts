import { describe, expect, it } from 'vitest';
import { parseFeed } from './index.js';

// WebSub discovery (W3C WebSub section 4): the hubs a feed document declares.
describe('parseFeed: WebSub hubs', () => {
  it('reads Atom <link rel="hub">, resolved against xml:base, each once', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/">
      <title>News</title><link rel="self" href="/feed.atom"/><link rel="hub" href="https://hub.example/"/><link rel="hub" href="/hub"/><link rel="hub" href="https://hub.example/"/>
      <entry><id>1</id><title>One</title><link href="/1"/></entry></feed>`;
    const { feed } = await parseFeed(atom, { feedUrl: 'https://news.example.org/feed.atom' });
    expect(feed.hubs).toEqual(['https://hub.example/', 'https://news.example.org/hub']);
    expect(feed.feedUrl).toBe('https://news.example.org/feed.atom');
  });

  it('reads atom:link rel="hub" in RSS and JSON Feed hubs', async () => {
    const rss = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>N</title><link>https://news.example.org/</link>
      <atom:link rel="hub" href="https://hub.example/rss"/><item><link>https://news.example.org/1</link></item></channel></rss>`;
    expect((await parseFeed(rss, { feedUrl: 'https://news.example.org/rss' })).feed.hubs).toEqual(['https://hub.example/rss']);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'N', hubs: [{ type: 'WebSub', url: 'https://hub.example/json' }, { type: 'x' }], items: [] });
    expect((await parseFeed(json, { feedUrl: 'https://news.example.org/feed.json' })).feed.hubs).toEqual(['https://hub.example/json']);
  });

  it('leaves the field out of a feed that declares no hub', async () => {
    const rss = `<rss version="2.0"><channel><title>N</title><item><link>https://news.example.org/1</link></item></channel></rss>`;
    const { feed } = await parseFeed(rss, { feedUrl: 'https://news.example.org/rss' });
    expect(feed).not.toHaveProperty('hubs', expect.anything());
    expect(JSON.stringify(feed)).not.toContain('hubs');
  });
});
