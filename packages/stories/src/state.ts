/**
 * Where the grouper keeps what it needs to place later articles: a
 * fingerprint per article and, per lookup key (an LSH band or a name), the
 * latest articles that had it. Every operation touches a bounded number of
 * keys, so an implementation backed by Redis (or a table) costs the same per
 * article at any size.
 */

/** What is remembered of a grouped article. */
export interface ArticleFingerprint {
  id: string;
  storyId: string;
  /** Milliseconds since the epoch: publishedAt, else when it was grouped. */
  time: number;
  site: string;
  /** MinHash signature (SIGNATURE_SIZE values). */
  signature: number[];
  /** Distinct shingles in the text. */
  shingleCount: number;
  /** Its most telling words (highest tf-idf, names counted double), folded. */
  keywords: string[];
  /** Each keyword's inverse document frequency when the article was grouped, 0..1 (see `rarity`). */
  keywordWeights: number[];
  /** Its most frequent name words (see `nameWords`; figures left out), folded. */
  names: string[];
  /** Distinct folded title words of three letters or more. */
  titleWords: string[];
}

/** One story: how many articles it has and where and when they appeared. */
export interface StorySummary {
  storyId: string;
  size: number;
  sites: string[];
  firstSeen: number;
  lastSeen: number;
}

export interface StoryState {
  /** The latest ids (oldest first) that had each key, in the order given. */
  members(keys: readonly string[]): Promise<string[][]>;
  /** Adds `id` to each key (once to a key named twice), keeping only its latest `limit` ids. */
  addMember(keys: readonly string[], id: string, limit: number): Promise<void>;
  /** Fingerprints by id, in the order given; null for an unknown id. */
  fingerprints(ids: readonly string[]): Promise<(ArticleFingerprint | null)[]>;
  putFingerprint(fingerprint: ArticleFingerprint): Promise<void>;
  /** Articles grouped so far. */
  articleCount(): Promise<number>;
  /** In how many grouped articles each word occurs, in the order given. */
  documentFrequencies(words: readonly string[]): Promise<number[]>;
  /** Counts one more article, and one more containing each of `words` (once a word named twice). */
  addDocument(words: readonly string[]): Promise<void>;
  /** Adds an article to its story's summary. */
  noteStory(storyId: string, article: { site: string; time: number }): Promise<void>;
  story(storyId: string): Promise<StorySummary | null>;
}

/** A {@link StoryState} in memory: for tests, benchmarks and a single process. */
export class MemoryStoryState implements StoryState {
  private readonly keys = new Map<string, string[]>();
  private readonly prints = new Map<string, ArticleFingerprint>();
  private readonly stories = new Map<string, StorySummary>();
  private readonly frequencies = new Map<string, number>();
  private documents = 0;

  async members(keys: readonly string[]): Promise<string[][]> {
    return keys.map((key) => [...(this.keys.get(key) ?? [])]);
  }

  async addMember(keys: readonly string[], id: string, limit: number): Promise<void> {
    for (const key of new Set(keys)) {
      const ids = [...(this.keys.get(key) ?? []), id];
      this.keys.set(key, ids.slice(Math.max(0, ids.length - limit)));
    }
  }

  async fingerprints(ids: readonly string[]): Promise<(ArticleFingerprint | null)[]> {
    return ids.map((id) => this.prints.get(id) ?? null);
  }

  async putFingerprint(fingerprint: ArticleFingerprint): Promise<void> {
    this.prints.set(fingerprint.id, fingerprint);
  }

  async articleCount(): Promise<number> {
    return this.documents;
  }

  async documentFrequencies(words: readonly string[]): Promise<number[]> {
    return words.map((word) => this.frequencies.get(word) ?? 0);
  }

  async addDocument(words: readonly string[]): Promise<void> {
    this.documents += 1;
    for (const word of new Set(words)) this.frequencies.set(word, (this.frequencies.get(word) ?? 0) + 1);
  }

  async noteStory(storyId: string, article: { site: string; time: number }): Promise<void> {
    const found = this.stories.get(storyId);
    if (!found) {
      this.stories.set(storyId, { storyId, size: 1, sites: [article.site], firstSeen: article.time, lastSeen: article.time });
      return;
    }
    found.size += 1;
    if (!found.sites.includes(article.site)) found.sites.push(article.site);
    found.firstSeen = Math.min(found.firstSeen, article.time);
    found.lastSeen = Math.max(found.lastSeen, article.time);
  }

  async story(storyId: string): Promise<StorySummary | null> {
    const found = this.stories.get(storyId);
    return found ? { ...found, sites: [...found.sites] } : null;
  }
}
