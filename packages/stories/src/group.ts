import { bandKeys, estimateContainment, estimateJaccard, shingleHashes, signature } from './minhash.js';
import type { ArticleFingerprint, StoryState } from './state.js';
import { nameWords, words } from './text.js';

/**
 * Assigns each article to a story: the story of an earlier article it
 * near-duplicates (MinHash + LSH over its text), else of an earlier article
 * about the same event (rare names and title words in common, close in
 * time), else a new story named after the article itself. Constant work per
 * article: a fixed number of lookup keys, each remembering a bounded number
 * of articles, and a bounded shortlist scored.
 */

/** What grouping needs of an article. */
export interface StoryInput {
  id: string;
  title: string;
  text: string;
  /** ISO time, or null (then the time of grouping). */
  publishedAt: string | null;
  /** Site name or host. */
  site: string;
}

/** Why an article joined its story. */
export type StoryReason = 'new' | 'duplicate' | 'event' | 'known';

export interface StoryAssignment {
  storyId: string;
  reason: StoryReason;
  /** The earlier article it was matched with (null for a new story or a known article). */
  matchedId: string | null;
}

/** Tuning; the defaults are what `pnpm bench:stories` measures. */
export interface GroupingOptions {
  /** Near-duplicates join when the estimated share of the smaller text's shingles found in the larger's is at least this. */
  duplicateContainment: number;
  /** ... and they were published within this many milliseconds of each other. */
  duplicateWindowMs: number;
  /** Different write-ups join only within this window. */
  eventWindowMs: number;
  /** Least {@link eventScore} to join on words alone... */
  eventThreshold: number;
  /** ... or least score to join when the two also share names of at least `nameEvidence` summed rarity. */
  namedEventThreshold: number;
  nameEvidence: number;
  /** Least summed rarity of the lookup keys two write-ups share (see {@link rarity}). */
  eventEvidence: number;
  /** Keywords kept per article, and how many of them are lookup keys; title words (up to `titleWordsIndexed`) are keys too. */
  keywordsKept: number;
  keywordsIndexed: number;
  titleWordsIndexed: number;
  /** Articles remembered per LSH band key and per name or title-word key. */
  bandLimit: number;
  wordLimit: number;
  /** Write-up candidates scored per article. */
  shortlist: number;
}

export const DEFAULT_GROUPING: GroupingOptions = {
  duplicateContainment: 0.5,
  duplicateWindowMs: 7 * 86_400_000,
  eventWindowMs: 2 * 86_400_000,
  eventThreshold: 0.5,
  namedEventThreshold: 0.2,
  nameEvidence: 2,
  eventEvidence: 1.5,
  keywordsKept: 20,
  keywordsIndexed: 10,
  titleWordsIndexed: 10,
  bandLimit: 8,
  wordLimit: 24,
  shortlist: 16,
};

/** Folded title words of three letters or more, distinct, longest first (the longer, the likelier telling). */
function titleWordsOf(title: string): string[] {
  return [...new Set(words(title).filter((word) => word.length >= 3))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** What an article gives grouping before anything is looked up. Pure. */
export interface ArticleAnalysis {
  time: number;
  signature: Uint32Array;
  shingleCount: number;
  /** Each distinct word with its weight as a keyword before rarity: log term frequency, title and name occurrences counted extra. */
  terms: Map<string, number>;
  titleWords: string[];
  /** Name words, most frequent first. */
  names: string[];
}

/** Name words kept per fingerprint. */
const NAMES_KEPT = 12;

const LETTER_START = /^\p{L}/u;
const TWO_DIGITS = /^\p{N}\p{N}/u;

/** Words kept as keyword candidates: three characters or more starting with a letter, or starting with two digits. */
function isTerm(word: string): boolean {
  return (word.length >= 3 && LETTER_START.test(word)) || TWO_DIGITS.test(word);
}

/**
 * Most characters of an article's text, and of its title, that grouping
 * reads: more than the longest news story (a long read is some 60,000), so
 * only a page that is not one is cut. Every distinct word is a field of the
 * word counts in Redis, written and read in one command each: a page of
 * hundreds of thousands of made-up words overflowed the stack passing them
 * (and would have grown the counts, which never expire, by as many fields).
 */
export const MAX_ANALYSED_TEXT = 100_000;
export const MAX_ANALYSED_TITLE = 1_000;

export function analyse(input: StoryInput, now: number): ArticleAnalysis {
  const parsed = input.publishedAt === null ? Number.NaN : Date.parse(input.publishedAt);
  const text = input.text.slice(0, MAX_ANALYSED_TEXT);
  const title = input.title.slice(0, MAX_ANALYSED_TITLE);
  const bodyWords = words(text);
  const titleWords = titleWordsOf(title);
  const shingles = shingleHashes(bodyWords.length >= 8 ? bodyWords : words(`${title}\n${text}`));
  const counts = new Map<string, number>();
  for (const word of bodyWords) if (isTerm(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  // A headline says what the story is about, and a name says who: both count extra.
  for (const word of titleWords) counts.set(word, (counts.get(word) ?? 0) + 3);
  const names: string[] = [];
  for (const [name, count] of nameWords(text)) {
    if (!counts.has(name) || /^\p{N}+$/u.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + count);
    if (names.length < NAMES_KEPT) names.push(name);
  }
  const terms = new Map<string, number>();
  for (const [word, count] of counts) terms.set(word, 1 + Math.log(count));
  return { time: Number.isNaN(parsed) ? now : parsed, signature: signature(shingles), shingleCount: shingles.length, terms, titleWords, names };
}

/**
 * The fingerprint of an analysed article, given each of its terms' document
 * frequency among the `total` articles grouped before: its keywords are the
 * terms of highest weight times rarity (tf-idf).
 */
export function fingerprintOf(id: string, site: string, analysis: ArticleAnalysis, frequencies: ReadonlyMap<string, number>, total: number, kept: number): Omit<ArticleFingerprint, 'storyId'> {
  const scored = [...analysis.terms].map(([word, weight]) => ({ word, rarity: rarity(frequencies.get(word) ?? 0, total), weight }));
  scored.sort((a, b) => b.weight * b.rarity - a.weight * a.rarity || (a.word < b.word ? -1 : 1));
  const top = scored.slice(0, kept);
  return {
    id,
    time: analysis.time,
    site,
    signature: Array.from(analysis.signature),
    shingleCount: analysis.shingleCount,
    keywords: top.map((t) => t.word),
    keywordWeights: top.map((t) => Math.round(t.rarity * 1000) / 1000),
    titleWords: analysis.titleWords,
    names: analysis.names,
  };
}

/** Dice coefficient of two lists of distinct words. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const word of b) if (set.has(word)) shared += 1;
  return (2 * shared) / (a.length + b.length);
}

/** Share of the keywords' summed rarity that two articles have in common (the smaller side's total is the whole). */
function keywordOverlap(a: Pick<ArticleFingerprint, 'keywords' | 'keywordWeights'>, b: Pick<ArticleFingerprint, 'keywords' | 'keywordWeights'>): number {
  const bWeights = new Map(b.keywords.map((word, i) => [word, b.keywordWeights[i] ?? 0]));
  let shared = 0;
  let totalA = 0;
  a.keywords.forEach((word, i) => {
    const weight = a.keywordWeights[i] ?? 0;
    totalA += weight;
    const other = bWeights.get(word);
    if (other !== undefined) shared += (weight + other) / 2;
  });
  const totalB = b.keywordWeights.reduce((sum, weight) => sum + weight, 0);
  const smaller = Math.min(totalA, totalB);
  return smaller > 0 ? Math.min(1, shared / smaller) : 0;
}

type EventFeatures = Pick<ArticleFingerprint, 'keywords' | 'keywordWeights' | 'titleWords'>;

/** How alike two articles' keywords and headlines are, 0..1: mostly rarity-weighted keyword overlap, partly title-word Dice. */
export function eventScore(a: EventFeatures, b: EventFeatures): number {
  return 0.7 * keywordOverlap(a, b) + 0.3 * dice(a.titleWords, b.titleWords);
}

/**
 * How telling a key is, 0..1: its inverse document frequency over the
 * articles grouped so far, scaled by the largest possible, so the same
 * threshold holds at a hundred articles and at a million.
 */
export function rarity(count: number, total: number): number {
  return Math.log((total + 1) / (count + 1)) / Math.log(total + 2);
}

/**
 * Groups articles into stories over a {@link StoryState}. One instance
 * groups one article at a time (calls queue up): two copies of a story that
 * reach one indexer together must see each other, not both start a story.
 */
export class StoryGrouper {
  private readonly options: GroupingOptions;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: StoryState,
    options: Partial<GroupingOptions> = {},
  ) {
    this.options = { ...DEFAULT_GROUPING, ...options };
  }

  /** The story of `input`; an article already grouped keeps its story. */
  assign(input: StoryInput, now = Date.now()): Promise<StoryAssignment> {
    const result = this.tail.then(() => this.group(input, now));
    // The next call waits for this one to settle, failed or not.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async group(input: StoryInput, now: number): Promise<StoryAssignment> {
    const o = this.options;
    const analysis = analyse(input, now);
    const vocabulary = [...analysis.terms.keys()];
    // One step says whether it was grouped already, else counts it and returns the counts from before it, which weigh its words.
    const counted = await this.state.countArticle(input.id, vocabulary);
    if (counted.grouped) return { storyId: counted.grouped.storyId, reason: 'known', matchedId: null };
    const total = counted.articles;
    const frequencies = new Map(vocabulary.map((word, i) => [word, counted.frequencies[i] ?? 0]));
    const print = fingerprintOf(input.id, input.site, analysis, frequencies, total, o.keywordsKept);
    const sig = analysis.signature;
    const bands = bandKeys(sig);
    const indexed = [...new Set([...print.titleWords.slice(0, o.titleWordsIndexed), ...print.keywords.slice(0, o.keywordsIndexed)])];
    const wordKeys = indexed.map((word) => `w:${word}`);
    const members = await this.state.members([...bands, ...wordKeys]);
    const duplicateIds = [...new Set(members.slice(0, bands.length).flat())];
    const weights = indexed.map((word) => rarity(frequencies.get(word) ?? 0, total));
    const shortlist = this.shortlist(members.slice(bands.length), weights);
    const candidates = await this.state.fingerprints([...duplicateIds, ...shortlist.filter((id) => !duplicateIds.includes(id))]);

    let best: { print: ArticleFingerprint; reason: 'duplicate' | 'event'; score: number } | null = null;
    const consider = (candidate: ArticleFingerprint, reason: 'duplicate' | 'event', score: number) => {
      if (!best || score > best.score) best = { print: candidate, reason, score };
    };
    for (const candidate of candidates) {
      if (!candidate) continue;
      const gap = Math.abs(candidate.time - print.time);
      if (gap <= o.duplicateWindowMs && duplicateIds.includes(candidate.id)) {
        const jaccard = estimateJaccard(sig, candidate.signature);
        const containment = estimateContainment(jaccard, print.shingleCount, candidate.shingleCount);
        if (containment >= o.duplicateContainment) {
          consider(candidate, 'duplicate', 1 + containment);
          continue;
        }
      }
      if (gap <= o.eventWindowMs && shortlist.includes(candidate.id)) {
        const score = eventScore(print, candidate);
        const named = () => candidate.names.filter((name) => print.names.includes(name)).reduce((sum, name) => sum + rarity(frequencies.get(name) ?? 0, total), 0);
        if (score >= o.eventThreshold || (score >= o.namedEventThreshold && named() >= o.nameEvidence)) consider(candidate, 'event', score);
      }
    }

    const chosen = best as { print: ArticleFingerprint; reason: 'duplicate' | 'event' } | null;
    const storyId = chosen ? chosen.print.storyId : input.id;
    await this.state.place({
      fingerprint: { ...print, storyId },
      memberships: [
        { keys: bands, limit: o.bandLimit },
        { keys: wordKeys, limit: o.wordLimit },
      ],
      story: { storyId, site: print.site, time: print.time },
    });
    return chosen ? { storyId, reason: chosen.reason, matchedId: chosen.print.id } : { storyId, reason: 'new', matchedId: null };
  }

  /**
   * The earlier articles sharing the most telling title and name words with
   * this one: at least two keys in common, summed rarity at least
   * `eventEvidence`, the best `shortlist` of them.
   */
  private shortlist(members: readonly (readonly string[])[], weights: readonly number[]): string[] {
    const evidence = new Map<string, { sum: number; keys: number }>();
    members.forEach((ids, i) => {
      const weight = weights[i] ?? 0;
      for (const id of new Set(ids)) {
        const entry = evidence.get(id) ?? { sum: 0, keys: 0 };
        entry.sum += weight;
        entry.keys += 1;
        evidence.set(id, entry);
      }
    });
    return [...evidence]
      .filter(([, e]) => e.keys >= 2 && e.sum >= this.options.eventEvidence)
      .sort((a, b) => b[1].sum - a[1].sum || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.options.shortlist)
      .map(([id]) => id);
  }
}
