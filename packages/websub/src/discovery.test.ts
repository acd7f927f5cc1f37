import { describe, expect, it } from 'vitest';
import { discoverWebSub, linkHeaderLinks } from './discovery.js';

const documentUrl = 'https://news.example.org/feed.xml';

describe('linkHeaderLinks', () => {
  it('reads hub and self links, relative ones resolved against the document URL, a rel list included', () => {
    expect(linkHeaderLinks('<https://hub.example/>; rel="hub", </feed.xml?x=1>; rel=self', documentUrl)).toEqual({
      hubs: ['https://hub.example/'],
      self: 'https://news.example.org/feed.xml?x=1',
    });
    expect(linkHeaderLinks('<https://hub.example/h>; rel="hub self"', documentUrl)).toEqual({ hubs: ['https://hub.example/h'], self: 'https://hub.example/h' });
  });

  it('has none for a missing or malformed header, and drops non-http(s) hubs', () => {
    expect(linkHeaderLinks(null, documentUrl)).toEqual({ hubs: [], self: null });
    expect(linkHeaderLinks('garbage;;<<', documentUrl)).toEqual({ hubs: [], self: null });
    expect(linkHeaderLinks('<javascript:alert(1)>; rel=hub', documentUrl)).toEqual({ hubs: [], self: null });
  });
});

describe('discoverWebSub', () => {
  it('prefers the Link header (section 4): its hub, its self as the topic', () => {
    const target = discoverWebSub({
      linkHeader: '<https://header-hub.example/>; rel=hub, <https://news.example.org/self>; rel=self',
      feedHubs: ['https://body-hub.example/'],
      feedSelf: 'https://news.example.org/body-self',
      documentUrl,
    });
    expect(target).toEqual({ hub: 'https://header-hub.example/', topic: 'https://news.example.org/self' });
  });

  it("falls back to the document's hub and self link, then to the document URL as the topic", () => {
    expect(discoverWebSub({ linkHeader: null, feedHubs: ['https://hub.example/', 'https://other.example/'], feedSelf: 'https://news.example.org/self', documentUrl })).toEqual({
      hub: 'https://hub.example/',
      topic: 'https://news.example.org/self',
    });
    expect(discoverWebSub({ linkHeader: '<https://hub.example/>; rel=hub', feedHubs: undefined, feedSelf: null, documentUrl })).toEqual({ hub: 'https://hub.example/', topic: documentUrl });
  });

  it('is null when nothing names a hub', () => {
    expect(discoverWebSub({ linkHeader: '<https://news.example.org/self>; rel=self', feedHubs: [], feedSelf: null, documentUrl })).toBeNull();
  });
});
