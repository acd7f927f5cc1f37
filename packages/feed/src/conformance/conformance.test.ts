import { describe, expect, it } from 'vitest';
import { parseFeed } from '../parse-feed.js';
import { parseFeedBytes } from '../parse-feed-bytes.js';
import { ATOM_RULES } from './atom.rules.js';
import { BASE_URI_RULES } from './base-uris.rules.js';
import { DOCUMENT_URL, type ConformanceRule } from './conformance-rule.js';
import { ENCODING_RULES } from './encodings.rules.js';
import { JSON_FEED_RULES } from './json-feed.rules.js';
import { RSS_RULES } from './rss.rules.js';
import { TEXT_CONSTRUCT_RULES } from './text-constructs.rules.js';

const AREAS: [string, ConformanceRule[]][] = [
  ['Atom text constructs', TEXT_CONSTRUCT_RULES],
  ['Atom entries', ATOM_RULES],
  ['base URIs', BASE_URI_RULES],
  ['RSS mappings', RSS_RULES],
  ['encodings and languages', ENCODING_RULES],
  ['JSON Feed 1.1', JSON_FEED_RULES],
];

async function parse(rule: ConformanceRule) {
  const options = {
    feedUrl: rule.feedUrl === undefined ? DOCUMENT_URL : rule.feedUrl,
    contentLocation: rule.contentLocation ?? null,
    contentType: rule.contentType ?? null,
  };
  return typeof rule.document === 'string' ? parseFeed(rule.document, options) : parseFeedBytes(rule.document, options);
}

for (const [area, rules] of AREAS) {
  describe(`feed conformance: ${area}`, () => {
    it.each(rules.map((rule) => [rule.rule, rule] as const))('%s', async (_name, rule) => {
      const parsed = await parse(rule);
      if (rule.format !== undefined) expect(parsed.format).toBe(rule.format);
      if (rule.feed !== undefined) expect(parsed.feed).toMatchObject(rule.feed);
      if (rule.item !== undefined) expect(parsed.items[0]).toMatchObject(rule.item);
    });
  });
}

describe('feed conformance: the suite itself', () => {
  it('names every rule once, and has more than 400 of them', () => {
    const names = AREAS.flatMap(([, rules]) => rules.map((rule) => rule.rule));
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect(names.length).toBeGreaterThan(400);
  });
});
