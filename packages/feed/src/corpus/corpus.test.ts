import { TidingsError } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { parseFeedBytes } from '../index.js';
import { CORPUS_FEED_URL, corpusBytes, corpusFiles, type CorpusCase } from './corpus-case.js';
import { DATE_CASES } from './dates.cases.js';
import { ENCODING_CASES } from './encodings.cases.js';
import { FORMAT_CASES } from './formats.cases.js';
import { ILL_FORMED_CASES } from './ill-formed.cases.js';
import { LINK_CASES } from './links.cases.js';
import { NAMESPACE_CASES } from './namespaces.cases.js';
import { REFUSED_CASES } from './refused.cases.js';
import { SANITISING_CASES } from './sanitising.cases.js';
import { TEXT_CASES } from './text.cases.js';

const SECTIONS: [string, CorpusCase[]][] = [
  ['formats', FORMAT_CASES],
  ['namespaces', NAMESPACE_CASES],
  ['text values', TEXT_CASES],
  ['links and ids', LINK_CASES],
  ['dates', DATE_CASES],
  ['encodings', ENCODING_CASES],
  ['ill-formed but recoverable', ILL_FORMED_CASES],
  ['refused', REFUSED_CASES],
  ['sanitising', SANITISING_CASES],
];

async function run(testCase: CorpusCase) {
  const bytes = corpusBytes(testCase.file);
  const options = { feedUrl: testCase.feedUrl === undefined ? CORPUS_FEED_URL : testCase.feedUrl, contentType: testCase.contentType ?? null };
  if (testCase.error !== undefined) {
    const error = await parseFeedBytes(bytes, options).then(
      () => new Error('expected the feed to be refused'),
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'malformed-feed', permanent: true });
    expect((error as Error).message).toMatch(testCase.error);
    return;
  }
  const parsed = await parseFeedBytes(bytes, options);
  if (testCase.format !== undefined) expect(parsed.format).toBe(testCase.format);
  if (testCase.feed !== undefined) expect(parsed.feed).toMatchObject(testCase.feed);
  if (testCase.items !== undefined) expect(parsed.items).toMatchObject(testCase.items);
  if (testCase.warnings === 'none') expect(parsed.warnings).toEqual([]);
  else for (const pattern of testCase.warnings ?? []) expect(parsed.warnings).toContainEqual(typeof pattern === 'string' ? pattern : expect.stringMatching(pattern));
  testCase.verify?.(parsed);
}

for (const [section, cases] of SECTIONS) {
  describe(`feed corpus: ${section}`, () => {
    for (const testCase of cases) it(`${testCase.file}: ${testCase.checks}`, () => run(testCase));
  });
}

describe('feed corpus: completeness', () => {
  it('has a case for every file in the corpus and a file for every case', () => {
    const covered = new Set(SECTIONS.flatMap(([, cases]) => cases.map((testCase) => testCase.file)));
    expect(corpusFiles().filter((file) => !covered.has(file))).toEqual([]);
    expect([...covered].filter((file) => !corpusFiles().includes(file))).toEqual([]);
    expect(covered.size).toBeGreaterThanOrEqual(150);
  });
});
