import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed.js';

const hintsOf = async (text: string) => (await parseFeed(text)).hints;

describe('ParsedFeed.hints', () => {
  it('reads RSS 2.0 ttl, skipHours and skipDays from the channel, each hour and day once', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><ttl> 90 </ttl>
      <skipHours><hour>0</hour><hour>1</hour><hour>24</hour><hour>noon</hour><hour></hour></skipHours>
      <skipDays><day>Saturday</day><day>sunday</day><day>Caturday</day><day>Sunday</day></skipDays>
      <item><title>a</title><ttl>1</ttl></item></channel></rss>`;
    expect(await hintsOf(rss)).toEqual({ ttlMs: 90 * 60_000, updatePeriodMs: null, skipHours: [0, 1], skipDays: [6, 0] });
  });

  it('reads sy:updatePeriod / sy:updateFrequency under whatever prefix the feed binds', async () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/">
      <channel><syn:updatePeriod>daily</syn:updatePeriod><syn:updateFrequency>4</syn:updateFrequency></channel></rdf:RDF>`;
    expect((await hintsOf(rdf)).updatePeriodMs).toBe(6 * 3_600_000);
    const rss = '<rss version="2.0"><channel><sy:updatePeriod>hourly</sy:updatePeriod></channel></rss>';
    expect((await hintsOf(rss)).updatePeriodMs).toBe(3_600_000);
    const declaredOnChannel = `<rss version="2.0"><channel xmlns:u="http://purl.org/rss/1.0/modules/syndication">
      <u:updateFrequency>2</u:updateFrequency><item><title>a</title></item></channel></rss>`;
    expect((await hintsOf(declaredOnChannel)).updatePeriodMs).toBe(12 * 3_600_000);
  });

  it('reads the hints of an Atom feed from the feed element', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
      <title>t</title><sy:updatePeriod>Weekly</sy:updatePeriod><entry><id>1</id><title>a</title></entry></feed>`;
    expect(await hintsOf(atom)).toEqual({ ttlMs: null, updatePeriodMs: 7 * 86_400_000, skipHours: [], skipDays: [] });
  });

  it('ignores hints inside items, nonsense values, and JSON feeds', async () => {
    expect((await hintsOf('<rss version="2.0"><channel><item><ttl>60</ttl></item><ttl>soon</ttl></channel></rss>')).ttlMs).toBeNull();
    expect((await hintsOf('<rss version="2.0"><channel><sy:updatePeriod>fortnightly</sy:updatePeriod></channel></rss>')).updatePeriodMs).toBeNull();
    expect((await hintsOf('<rss version="2.0"><channel><sy:updatePeriod>constructor</sy:updatePeriod></channel></rss>')).updatePeriodMs).toBeNull();
    expect((await hintsOf('<rss version="2.0"><channel><ttl>0</ttl><ttl>5</ttl></channel></rss>')).ttlMs).toBeNull();
    const json = '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x"}]}';
    expect(await hintsOf(json)).toEqual({ ttlMs: null, updatePeriodMs: null, skipHours: [], skipDays: [] });
  });
});
