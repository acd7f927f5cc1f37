import { describe, expect, it } from 'vitest';
import { readFeedHints } from './feed-hints.js';

describe('readFeedHints', () => {
  it('reads RSS 2.0 ttl, skipHours and skipDays from the channel', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><ttl> 90 </ttl>
      <skipHours><hour>0</hour><hour>1</hour><hour>24</hour><hour>noon</hour></skipHours>
      <skipDays><day>Saturday</day><day>sunday</day><day>Caturday</day></skipDays>
      <item><title>a</title><ttl>1</ttl></item></channel></rss>`;
    expect(readFeedHints(rss)).toEqual({ ttlMs: 90 * 60_000, updatePeriodMs: null, skipHours: [0, 1, 0], skipDays: [6, 0] });
  });

  it('reads sy:updatePeriod / sy:updateFrequency under whatever prefix the feed binds', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/">
      <channel><syn:updatePeriod>daily</syn:updatePeriod><syn:updateFrequency>4</syn:updateFrequency></channel></rdf:RDF>`;
    expect(readFeedHints(rdf).updatePeriodMs).toBe(6 * 3_600_000);
    const rss = '<rss><channel><sy:updatePeriod>hourly</sy:updatePeriod></channel></rss>';
    expect(readFeedHints(rss).updatePeriodMs).toBe(3_600_000);
  });

  it('ignores hints inside items, nonsense values, and JSON feeds', () => {
    expect(readFeedHints('<rss><channel><item><ttl>60</ttl></item><ttl>soon</ttl></channel></rss>').ttlMs).toBeNull();
    expect(readFeedHints('<rss><channel><sy:updatePeriod>fortnightly</sy:updatePeriod></channel></rss>').updatePeriodMs).toBeNull();
    expect(readFeedHints('{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toEqual({ ttlMs: null, updatePeriodMs: null, skipHours: [], skipDays: [] });
  });
});
