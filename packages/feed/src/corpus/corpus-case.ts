import { readdirSync, readFileSync } from 'node:fs';
import type { FeedItem, ParsedFeed } from '@tidings/contracts';

/** The feed URL every corpus case is parsed with unless it says otherwise. */
export const CORPUS_FEED_URL = 'https://corpus.example/feed.xml';

/**
 * One file of the fixture corpus and what parsing it must give. The file is
 * read as bytes and parsed with `parseFeedBytes`, as the CLI and the parser
 * service see feeds.
 */
export interface CorpusCase {
  /** Path under src/fixtures/corpus/. */
  file: string;
  /** What the case checks, in words: the test's name. */
  checks: string;
  /** The URL the feed was fetched from; null for a file with none. Default {@link CORPUS_FEED_URL}. */
  feedUrl?: string | null;
  /** The HTTP Content-Type it was served with; default none (a file). */
  contentType?: string;
  /** The format, when it matters to the case. */
  format?: ParsedFeed['format'];
  /** Channel fields that must have these values (others are not checked). */
  feed?: Partial<ParsedFeed['feed']>;
  /** Every item in order, each with the fields that must have these values (the count is checked too). */
  items?: Partial<FeedItem>[];
  /** Warnings: 'none' for exactly none, else each pattern must match some warning. */
  warnings?: 'none' | (string | RegExp)[];
  /** The feed must be refused with a malformed-feed error whose message matches. */
  error?: string | RegExp;
  /** A check on the whole result for what the fields above cannot say. */
  verify?: (parsed: ParsedFeed) => void;
}

const CORPUS_ROOT = new URL('../fixtures/corpus/', import.meta.url);

/** The bytes of a corpus file (path under src/fixtures/corpus/). */
export function corpusBytes(file: string): Buffer {
  return readFileSync(new URL(file, CORPUS_ROOT));
}

/** Every corpus file's path under src/fixtures/corpus/, sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_ROOT, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath.slice(CORPUS_ROOT.pathname.length)}/${entry.name}`.replace(/^\//, ''))
    .sort();
}
