import { TidingsError } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedBytes } from './index.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9</title><item><title>\u00c9t\u00e9</title><link>/a</link></item></channel></rss>';

describe('parseFeedBytes', () => {
  it('decodes by the Content-Type charset and resolves links against the feed URL', async () => {
    const parsed = await parseFeedBytes(Buffer.from(RSS, 'latin1'), { contentType: 'application/rss+xml; charset=ISO-8859-1', feedUrl: 'https://b.example/feed' });
    expect(parsed.feed.title).toBe('Café');
    expect(parsed.items[0]).toMatchObject({ title: 'Été', url: 'https://b.example/a' });
    expect(parsed.warnings).toEqual([]);
  });

  it('reports a declared charset that did not fit first among the warnings', async () => {
    const bytes = Buffer.from(RSS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-8"?>').replace('<link>/a</link>', '<link>/a</link><pubDate>nope</pubDate>'), 'latin1');
    const parsed = await parseFeedBytes(bytes, { warnings: ['from the caller'] });
    expect(parsed.items[0]?.title).toBe('Été');
    expect(parsed.warnings).toEqual([
      'from the caller',
      'the XML declaration says encoding="utf-8", but the bytes are not utf-8; decoded as windows-1252, which fits them best',
      'item 1: unparseable date "nope"',
    ]);
  });

  it('rejects what is not a feed with a malformed-feed TidingsError', async () => {
    await expect(parseFeedBytes(Buffer.from('<!DOCTYPE html><html></html>'))).rejects.toBeInstanceOf(TidingsError);
    await expect(parseFeedBytes(Buffer.from('<!DOCTYPE html><html></html>'))).rejects.toMatchObject({ code: 'malformed-feed', permanent: true });
  });
});

describe('parseFeed: warnings passed in', () => {
  it('puts warnings from an earlier stage first', async () => {
    const parsed = await parseFeed('<rss><channel><title>t</title></channel></rss>', { warnings: ['decoded as windows-1251'] });
    expect(parsed.warnings).toEqual(['decoded as windows-1251', 'the <rss> element has no version; read as RSS 2.0']);
  });
});
