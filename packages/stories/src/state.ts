/**
 * Where the grouper keeps what it needs to place later articles: a
 * fingerprint per article, how many articles had each word and, per lookup
 * key (an LSH band or a name), the latest articles that had it. Every
 * operation touches a bounded number of keys, so an implementation backed
 * by Redis (or a table) costs the same per article at any size.
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

/**
 * What {@link StoryState.countArticle} found: the article grouped already
 * (then nothing was counted), or the counts as they were before it.
 */
export type ArticleCount =
  | { grouped: ArticleFingerprint }
  | {
      grouped: null;
      /** Articles counted before this one. */
      articles: number;
      /** In how many of them each word occurs, in the order given. */
      frequencies: number[];
    };

/** Where a grouped article goes: its fingerprint, the lookup keys it joins, and its story's summary. */
export interface Placement {
  fingerprint: ArticleFingerprint;
  /** Each group of lookup keys the article joins, with the latest ids each of them keeps. */
  memberships: ReadonlyArray<{ keys: readonly string[]; limit: number }>;
  story: { storyId: string; site: string; time: number };
}

export interface StoryState {
  /**
   * Counts article `id`, unless it has a fingerprint already (then returns
   * that): one more article, and one more containing each of `words` (once
   * a word named twice). Returns the counts as they were before, which is
   * what grouping weighs the article's words by. One atomic step: of two
   * groupers counting at once, each sees the other's article counted
   * entirely or not at all.
   */
  countArticle(id: string, words: readonly string[]): Promise<ArticleCount>;
  /** The latest ids (oldest first) that had each key, in the order given. */
  members(keys: readonly string[]): Promise<string[][]>;
  /** Adds `id` to each key (once to a key named twice), keeping only its latest `limit` ids. */
  addMember(keys: readonly string[], id: string, limit: number): Promise<void>;
  /** Fingerprints by id, in the order given; null for an unknown id. */
  fingerprints(ids: readonly string[]): Promise<(ArticleFingerprint | null)[]>;
  putFingerprint(fingerprint: ArticleFingerprint): Promise<void>;
  /** Adds an article to its story's summary. */
  noteStory(storyId: string, article: { site: string; time: number }): Promise<void>;
  /**
   * Puts a grouped article in place: putFingerprint, addMember for each
   * membership and noteStory, in that order, in one request to a shared store.
   */
  place(placement: Placement): Promise<void>;
  story(storyId: string): Promise<StorySummary | null>;
}

/** A {@link StoryState} in memory: for tests, benchmarks and a single process. */
export class MemoryStoryState implements StoryState {
  private readonly keys = new Map<string, string[]>();
  private readonly prints = new Map<string, ArticleFingerprint>();
  private readonly stories = new Map<string, StorySummary>();
  private readonly frequencies = new Map<string, number>();
  private documents = 0;

  async countArticle(id: string, words: readonly string[]): Promise<ArticleCount> {
    const grouped = this.prints.get(id);
    if (grouped) return { grouped };
    const frequencies = words.map((word) => this.frequencies.get(word) ?? 0);
    const articles = this.documents;
    this.documents += 1;
    for (const word of new Set(words)) this.frequencies.set(word, (this.frequencies.get(word) ?? 0) + 1);
    return { grouped: null, articles, frequencies };
  }

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

  async place({ fingerprint, memberships, story }: Placement): Promise<void> {
    await this.putFingerprint(fingerprint);
    for (const { keys, limit } of memberships) await this.addMember(keys, fingerprint.id, limit);
    await this.noteStory(story.storyId, story);
  }

  async story(storyId: string): Promise<StorySummary | null> {
    const found = this.stories.get(storyId);
    return found ? { ...found, sites: [...found.sites] } : null;
  }
}
