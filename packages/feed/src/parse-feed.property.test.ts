import { FEED_FORMATS, TidingsError, type ParsedFeed } from '@tidings/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusBytes, corpusFiles } from './corpus/corpus-case.js';
import { parseFeed, parseFeedBytes } from './index.js';

/**
 * parseFeed and parseFeedBytes on random and mutated feeds: they either
 * return something that keeps the `ParsedFeed` contract or reject with a
 * TidingsError. Never another exception, never a half-valid result.
 */

const CORPUS = corpusFiles().map((file) => corpusBytes(file));
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
const CONTENT_TYPES = [null, 'application/rss+xml', 'text/xml; charset=utf-8', 'application/xml; charset=windows-1251', 'text/html; charset=x-unknown', 'application/json'];

/** Fragments that trip XML, entity, CDATA and JSON handling when dropped anywhere. */
const INJECTIONS = [
  '&', '&nbsp;', '&#0;', '&#xD800;', '&#1114112;', '&bogus;', '&amp;amp;', '<', '>', '<![CDATA[', ']]>', '<!--', '-->', '<?', '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>',
  '</item>', '<item>', '</entry>', '<entry>', '</channel>', '<title>', '</title>', '<link>', 'xml:base=":::"', 'xmlns:dc="x"', '\u0000', '\uFFFF', '\uD800',
  '{', '}', '[', ']', '"', '\\', ',', 'null', '<script>alert(1)</script>', 'javascript:', '\u00e9', '\u00ff\u00fe',
];

type Mutation = (bytes: Buffer) => Buffer;

const truncate = fc.double({ min: 0, max: 1, noNaN: true }).map<Mutation>((fraction) => (bytes) => bytes.subarray(0, Math.floor(bytes.length * fraction)));

const flipBytes = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map<Mutation>(
  (flips) => (bytes) => {
    const copy = Buffer.from(bytes);
    for (const [where, value] of flips) if (copy.length > 0) copy[Math.floor(where * (copy.length - 1))] = value;
    return copy;
  },
);

/** Removes the n-th tag (start, end or empty) from the document. */
const deleteTag = fc.nat().map<Mutation>((n) => (bytes) => {
  const text = bytes.toString('latin1');
  const tags = [...text.matchAll(/<[^<>]*>/g)];
  const tag = tags[n % Math.max(tags.length, 1)];
  if (tag === undefined) return bytes;
  return Buffer.from(text.slice(0, tag.index) + text.slice(tag.index + tag[0].length), 'latin1');
});

const inject = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INJECTIONS)).map<Mutation>(([where, fragment]) => (bytes) => {
  const at = Math.floor(where * bytes.length);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(fragment), bytes.subarray(at)]);
});

/** Re-encodes the document's text, or lies about its encoding. */
const swapEncoding = fc
  .constantFrom('utf16le', 'utf16be', 'utf16le-bom', 'latin1', 'utf8-bom', 'wrong-bom', 'declare-utf16', 'declare-koi8')
  .map<Mutation>((swap) => (bytes) => {
    const text = bytes.toString('utf8');
    switch (swap) {
      case 'utf16le':
        return Buffer.from(text, 'utf16le');
      case 'utf16be':
        return Buffer.from(text, 'utf16le').swap16();
      case 'utf16le-bom':
        return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      case 'latin1':
        return Buffer.from(text, 'latin1');
      case 'utf8-bom':
        return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      case 'wrong-bom':
        return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]);
      case 'declare-utf16':
        return Buffer.from(text.replace(/encoding=["'][^"']*["']/, 'encoding="UTF-16"'));
      default:
        return Buffer.from(text.replace(/encoding=["'][^"']*["']/, 'encoding="KOI8-R"'));
    }
  });

/** Two documents spliced together at random points. */
const splice = fc
  .tuple(fc.constantFrom(...CORPUS), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map<Mutation>(([other, from, to]) => (bytes) => Buffer.concat([bytes.subarray(0, Math.floor(from * bytes.length)), other.subarray(Math.floor(to * other.length))]));

const mutation = fc.oneof(truncate, flipBytes, deleteTag, inject, swapEncoding, splice);

/** A corpus feed with one to four mutations applied in turn. */
const mutatedFeed = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, mutations]) => mutations.reduce((bytes, mutate) => mutate(bytes), seed));

const randomBytes = fc.uint8Array({ maxLength: 2048 }).map((array) => Buffer.from(array));
const randomMarkup = fc
  .array(fc.oneof(fc.constantFrom(...INJECTIONS, '<rss version="2.0">', '<channel>', '<feed xmlns="http://www.w3.org/2005/Atom">', ' '), fc.string({ maxLength: 8 })), { maxLength: 60 })
  .map((parts) => Buffer.from(parts.join('')));

/** Fails unless `parsed` keeps the contract `tidings parse-feed --json` promises. */
function expectContract(parsed: ParsedFeed): void {
  expect(FEED_FORMATS).toContain(parsed.format);
  const { feed } = parsed;
  for (const value of [feed.title, feed.description, feed.language]) expect(value === null || (typeof value === 'string' && value.trim() === value && value !== '')).toBe(true);
  for (const url of [feed.siteUrl, feed.feedUrl]) expect(url === null || HTTP_URL.test(url)).toBe(true);
  expect(feed.updatedAt === null || ISO_UTC.test(feed.updatedAt)).toBe(true);
  expect(Array.isArray(parsed.items)).toBe(true);
  for (const item of parsed.items) {
    expect(typeof item.id === 'string' && item.id.trim() !== '').toBe(true);
    expect(item.url === null || HTTP_URL.test(item.url)).toBe(true);
    expect(item.title === null || (typeof item.title === 'string' && item.title !== '')).toBe(true);
    // Script, handlers and a javascript: URL as markup; as escaped text, in an alt text or inside an https URL's
    // path (https://host/javascript://...) they are harmless words.
    for (const html of [item.summary, item.contentHtml]) expect(html === null || (typeof html === 'string' && !/<script|<[^>]*\son\w+\s*=/i.test(html) && !SCRIPT_URL.test(html))).toBe(true);
    for (const date of [item.publishedAt, item.updatedAt]) expect(date === null || ISO_UTC.test(date)).toBe(true);
    for (const name of [...item.authors, ...item.categories]) expect(typeof name === 'string' && name !== '').toBe(true);
    for (const enclosure of item.enclosures) {
      expect(HTTP_URL.test(enclosure.url)).toBe(true);
      expect(enclosure.length === null || Number.isSafeInteger(enclosure.length)).toBe(true);
    }
  }
  expect(parsed.warnings.every((warning) => typeof warning === 'string')).toBe(true);
  // What the CLI prints: it must survive JSON unchanged (no undefined, no NaN, no objects of other kinds).
  expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
}

/** A script scheme where a browser reads a URL: at the start of a URL attribute's value, or of a srcset candidate. */
const SCRIPT_URL = /<[^>]*\s(?:href|src|srcset|action|formaction|poster|cite|data|background|ping|xlink:href)\s*=\s*["']?(?:[^"'>]*,)?\s*(?:javascript|vbscript):/i;

/** Runs a parse and checks it resolved within the contract or rejected with a TidingsError. */
async function parsesOrRefuses(parse: () => Promise<ParsedFeed>): Promise<void> {
  let parsed: ParsedFeed;
  try {
    parsed = await parse();
  } catch (error) {
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'malformed-feed', permanent: true });
    return;
  }
  expectContract(parsed);
}

describe('parseFeedBytes and parseFeed on random and mutated feeds', () => {
  it('never throw anything but a malformed-feed TidingsError on mutated corpus feeds (truncation, byte flips, tag deletion, entity injection, encoding swaps, splices), and keep the contract otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFeed, fc.constantFrom(...CONTENT_TYPES), async (bytes, contentType) => {
        await parsesOrRefuses(() => parseFeedBytes(bytes, { feedUrl: 'https://fuzz.example/feed.xml', contentType }));
        await parsesOrRefuses(() => parseFeed(bytes.toString('utf8'), { feedUrl: null }));
      }),
      { numRuns: 600 },
    );
  });

  it('never throw anything but a malformed-feed TidingsError on random bytes and random markup', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBytes, randomMarkup), async (bytes) => {
        await parsesOrRefuses(() => parseFeedBytes(bytes, { feedUrl: 'https://fuzz.example/feed.xml' }));
        await parsesOrRefuses(() => parseFeed(bytes.toString('latin1')));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the contract on every unmutated corpus feed it accepts', async () => {
    for (const bytes of CORPUS) await parsesOrRefuses(() => parseFeedBytes(bytes, { feedUrl: 'https://fuzz.example/feed.xml' }));
  });
});
