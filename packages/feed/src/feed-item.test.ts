import { describe, expect, it } from 'vitest';
import { authorName, authorNames, enclosureOf, finishItem, readDate, type ItemDraft } from './feed-item.js';

const draft = (overrides: Partial<ItemDraft>): ItemDraft => ({
  id: null,
  url: null,
  title: null,
  summary: [],
  contentHtml: [],
  authors: [],
  publishedAt: null,
  updatedAt: null,
  categories: [],
  enclosures: [],
  ...overrides,
});

describe('authorName', () => {
  it.each([
    ['the RSS "email (name)" form', 'jo@example.org (Jo Bloggs)', 'Jo Bloggs'],
    ['the "name <email>" form', 'Jo Bloggs <jo@example.org>', 'Jo Bloggs'],
    ['a quoted name before an address', '"Jo Bloggs" <jo@example.org>', 'Jo Bloggs'],
    ['the "name (email)" form', 'Jo Bloggs (jo@example.org)', 'Jo Bloggs'],
    ['a name with entities and extra spaces', '  Ren&eacute;e&nbsp; O&#8217;Hara ', 'Renée O’Hara'],
    ['a bare address, the only name given', 'jo@example.org', 'jo@example.org'],
    ['a bare address in angle brackets (not an HTML tag)', '<jo@example.org>', 'jo@example.org'],
  ])('reads %s', (_label, raw, expected) => {
    expect(authorName(raw)).toBe(expected);
  });
});

describe('authorNames', () => {
  it.each([
    ['a list of people, each with an address', 'jo@x.example (Jo Smith), al@x.example (Al)', ['Jo Smith', 'Al']],
    ['a list of both forms and a bare address', 'Jo Smith <jo@x.example>, al@x.example', ['Jo Smith', 'al@x.example']],
    ['a name written surname first: one person', 'Smith, Jo', ['Smith, Jo']],
    ['an address with a surname-first name: one person', 'jo@x.example (Smith, Jo)', ['Smith, Jo']],
    ['a list where one piece has no address: one name', 'jo@x.example (Jo), and friends', ['jo@x.example (Jo), and friends']],
  ])('reads %s', (_label, raw, expected) => {
    expect(authorNames(raw)).toEqual(expected);
  });
});

describe('finishItem', () => {
  it('uses the id, else the URL, else a hash of title and date', () => {
    expect(finishItem(draft({ id: ' guid-1 ', url: 'https://x.example/1' })).id).toBe('guid-1');
    expect(finishItem(draft({ id: '  ', url: 'https://x.example/1' })).id).toBe('https://x.example/1');
    const hashed = finishItem(draft({ title: 'T', publishedAt: '2024-01-01T00:00:00.000Z' })).id;
    expect(hashed).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(finishItem(draft({ title: 'T', publishedAt: '2024-01-02T00:00:00.000Z' })).id).not.toBe(hashed);
  });

  it('deduplicates authors and categories case-insensitively, keeping the first spelling and the order', () => {
    const item = finishItem(draft({ authors: ['Ann', 'ann@example.org (ANN)', null, 'Bob'], categories: ['News', 'Sport', 'news', null] }));
    expect(item.authors).toEqual(['Ann', 'Bob']);
    expect(item.categories).toEqual(['News', 'Sport']);
  });

  it('merges enclosures with the same URL, filling in what the first lacked', () => {
    const item = finishItem(
      draft({
        enclosures: [
          { url: 'https://x.example/a.mp3', type: null, length: 10 },
          { url: 'https://x.example/a.mp3', type: 'audio/mpeg', length: 99 },
          null,
        ],
      }),
    );
    expect(item.enclosures).toEqual([{ url: 'https://x.example/a.mp3', type: 'audio/mpeg', length: 10 }]);
  });
});

describe('enclosureOf', () => {
  it('resolves the URL and reads a numeric length', () => {
    expect(enclosureOf('a.mp3', ' audio/mpeg ', ' 123 ', 'https://x.example/pod/')).toEqual({ url: 'https://x.example/pod/a.mp3', type: 'audio/mpeg', length: 123 });
  });

  it('gives null for a length that is not a whole number, and no enclosure without an http(s) URL', () => {
    expect(enclosureOf('https://x.example/a.mp3', null, '12MB', null)).toEqual({ url: 'https://x.example/a.mp3', type: null, length: null });
    expect(enclosureOf('magnet:?xt=urn:btih:abc', 'application/x-bittorrent', '1', null)).toBeNull();
  });
});

describe('readDate', () => {
  it('falls back to the next candidate after an unparseable one, warning about it', () => {
    const warnings: string[] = [];
    expect(readDate(['soon', null, 'Tue, 10 Jun 2003 04:00:00 GMT'], 'item 4', warnings)).toBe('2003-06-10T04:00:00.000Z');
    expect(warnings).toEqual(['item 4: unparseable date "soon"']);
  });

  it('gives null without a warning when there is no date at all', () => {
    const warnings: string[] = [];
    expect(readDate([null, '  '], 'feed', warnings)).toBeNull();
    expect(warnings).toEqual([]);
  });
});

describe('finishItem: summary and content', () => {
  const html = (value: string) => ({ kind: 'html' as const, value });

  it('is the first candidate that leaves any HTML after sanitising, read when first asked for', () => {
    const item = finishItem(
      draft({
        url: 'https://x.example/1',
        summary: [
          [null, null],
          [html('<script>only code</script>'), null],
          [html('<p>Kept <a href="rel">link</a></p>'), 'https://x.example/base/'],
        ],
        contentHtml: [[html('<b>body</b>'), null]],
      }),
    );
    expect(Object.getOwnPropertyDescriptor(item, 'summary')?.get).toBeTypeOf('function');
    expect(item.summary).toBe('<p>Kept <a href="https://x.example/base/rel">link</a></p>');
    // Once read, a plain value.
    expect(Object.getOwnPropertyDescriptor(item, 'summary')).toMatchObject({ value: item.summary, writable: true, enumerable: true });
    expect(JSON.parse(JSON.stringify(item))).toMatchObject({ summary: item.summary, contentHtml: '<b>body</b>' });
    expect(Object.keys(item)).toEqual(['id', 'url', 'title', 'summary', 'contentHtml', 'authors', 'publishedAt', 'updatedAt', 'categories', 'enclosures']);
  });

  it('is null when no candidate leaves anything, and can be written', () => {
    const item = finishItem(draft({ url: 'https://x.example/2', summary: [[html('<style>x</style>'), null]] }));
    expect(structuredClone(item).summary).toBeNull();
    item.contentHtml = '<p>set</p>';
    expect({ ...item }).toMatchObject({ summary: null, contentHtml: '<p>set</p>' });
  });

  it("keeps each item's own candidates behind the accessors every item shares, whoever reads first", () => {
    const first = finishItem(draft({ url: 'https://x.example/a', summary: [[html('<p>a</p>'), null]] }));
    const second = finishItem(draft({ url: 'https://x.example/b', summary: [[html('<p>b</p>'), null]], contentHtml: [[html('<i>b</i>'), null]] }));
    expect(structuredClone(second)).toMatchObject({ summary: '<p>b</p>', contentHtml: '<i>b</i>' });
    expect(first.summary).toBe('<p>a</p>');
    expect(first.contentHtml).toBeNull();
    expect(Object.getOwnPropertyDescriptor(first, 'contentHtml')).toMatchObject({ value: null, writable: true });
  });

  it('keys an item with no id, link, title or date by its summary and content', () => {
    const one = finishItem(draft({ summary: [[html('<p>one</p>'), null]] })).id;
    expect(one).toMatch(/^sha256:/);
    expect(finishItem(draft({ summary: [[html('<p>two</p>'), null]] })).id).not.toBe(one);
  });
});
