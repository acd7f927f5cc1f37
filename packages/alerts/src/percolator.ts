import type { ArticleRecord } from '@tidings/contracts';
import { articleDocument, type ArticleContext, type ArticleDocument } from './document.js';
import { searchMatches, SCOPE_COLUMNS } from './match.js';
import { compileSavedSearch, type CompiledSearch, type CompiledTerm, type SavedSearch, type TermScope } from './saved-search.js';

/**
 * Saved searches inverted: each is filed under one anchor, a token (or
 * token prefix, or filter value) that any article it matches must contain.
 * An article looks up only its own tokens, so matching costs about the
 * same with ten saved searches as with ten thousand; only the searches
 * filed under its tokens are checked in full.
 */

/** An anchor: where (scope or filter) and what. */
type Anchor = { kind: 'token' | 'prefix'; scope: TermScope; value: string } | { kind: 'filter'; name: 'site' | 'lang' | 'author' | 'tag' | 'feed'; value: string };

const anchorKey = (anchor: Anchor): string => (anchor.kind === 'filter' ? `f:${anchor.name}:${anchor.value}` : `${anchor.kind}:${anchor.scope}:${anchor.value}`);

/** The anchor of one term: its longest whole token (a rarer word, fewer candidates), else its prefix. */
function termAnchor(term: CompiledTerm): Anchor {
  const whole = term.prefix ? term.tokens.slice(0, -1) : term.tokens;
  const longest = whole.reduce<string | null>((best, token) => (best === null || token.length > best.length ? token : best), null);
  if (longest !== null) return { kind: 'token', scope: term.scope, value: longest };
  return { kind: 'prefix', scope: term.scope, value: term.tokens.at(-1) ?? '' };
}

/** How many candidates a term's anchor is likely to bring: fewer for longer words, more for prefixes and whole-site or language terms. */
function anchorCost(anchor: Anchor): number {
  if (anchor.kind === 'filter') return 1000;
  const broad = anchor.scope === 'site' || anchor.scope === 'lang' ? 100 : 1;
  return (broad * (anchor.kind === 'prefix' ? 4 : 1)) / Math.max(1, anchor.value.length);
}

/**
 * The anchors of a search: the terms of its cheapest group (every match
 * contains one of them), or, for a search of filters alone, one filter
 * value.
 */
function anchorsOf(search: CompiledSearch): Anchor[] {
  let best: Anchor[] | null = null;
  let bestCost = Infinity;
  for (const group of search.all) {
    const anchors = group.map(termAnchor);
    const cost = anchors.reduce((sum, anchor) => sum + anchorCost(anchor), 0);
    if (cost < bestCost) {
      best = anchors;
      bestCost = cost;
    }
  }
  if (best) return best;
  const f = search.filters;
  // Most selective first: a feed or an author names few articles, a language many.
  for (const name of ['feed', 'author', 'tag', 'site', 'lang'] as const) {
    const value = f[name];
    if (value !== undefined) return [{ kind: 'filter', name, value }];
  }
  throw new Error(`saved search ${search.id} has nothing to anchor on`);
}

/** The filter values an article carries, as anchor keys: a site anchor is the site, its host or any parent domain; a language anchor the code or its base. */
function filterKeys(document: ArticleDocument): string[] {
  const keys = [`f:site:${document.siteKey}`, `f:site:${document.host}`];
  const labels = document.host.split('.');
  for (let i = 1; i < labels.length; i += 1) keys.push(`f:site:${labels.slice(i).join('.')}`);
  if (document.lang !== null) {
    const parts = document.lang.split('-');
    for (let i = 1; i <= parts.length; i += 1) keys.push(`f:lang:${parts.slice(0, i).join('-')}`);
  }
  for (const author of document.authorKeys) keys.push(`f:author:${author}`);
  for (const tag of document.tagKeys) keys.push(`f:tag:${tag}`);
  for (const feed of document.feedKeys) keys.push(`f:feed:${feed}`);
  return keys;
}

interface Filed {
  compiled: CompiledSearch;
  anchors: Anchor[];
  /** Order of filing: matches are returned in it. */
  order: number;
}

/** Search ids by anchor value, per scope (token and prefix anchors) or per filter key. */
type Postings = Map<string, Set<string>>;

function post(postings: Postings, value: string, id: string): void {
  let ids = postings.get(value);
  if (!ids) postings.set(value, (ids = new Set()));
  ids.add(id);
}

function unpost(postings: Postings | undefined, value: string, id: string): void {
  const ids = postings?.get(value);
  ids?.delete(id);
  if (ids?.size === 0) postings?.delete(value);
}

/** A set of saved searches, matched against articles through their anchors. */
export class SavedSearchIndex {
  private readonly searches = new Map<string, Filed>();
  private readonly tokens = new Map<TermScope, Postings>();
  private readonly prefixes = new Map<TermScope, Postings>();
  private readonly filters: Postings = new Map();
  /** Per scope, how many prefix anchors of each length are filed: an article only tries prefixes of those lengths. */
  private readonly prefixLengths = new Map<TermScope, Map<number, number>>();
  private filed = 0;

  /** How many saved searches are filed. */
  get size(): number {
    return this.searches.size;
  }

  /**
   * Files a saved search (replacing one with the same id).
   *
   * @throws TidingsError `invalid-payload` for a query the index would refuse.
   */
  add(search: SavedSearch): void {
    const compiled = compileSavedSearch(search);
    this.remove(search.id);
    const anchors = anchorsOf(compiled);
    for (const anchor of anchors) {
      if (anchor.kind === 'filter') post(this.filters, anchorKey(anchor), search.id);
      else {
        const table = anchor.kind === 'token' ? this.tokens : this.prefixes;
        let postings = table.get(anchor.scope);
        if (!postings) table.set(anchor.scope, (postings = new Map()));
        post(postings, anchor.value, search.id);
        if (anchor.kind === 'prefix') this.countPrefix(anchor.scope, anchor.value.length, 1);
      }
    }
    this.searches.set(search.id, { compiled, anchors, order: this.filed++ });
  }

  /** Drops a saved search; false when there was none with that id. */
  remove(id: string): boolean {
    const found = this.searches.get(id);
    if (!found) return false;
    for (const anchor of found.anchors) {
      if (anchor.kind === 'filter') unpost(this.filters, anchorKey(anchor), id);
      else {
        unpost((anchor.kind === 'token' ? this.tokens : this.prefixes).get(anchor.scope), anchor.value, id);
        if (anchor.kind === 'prefix') this.countPrefix(anchor.scope, anchor.value.length, -1);
      }
    }
    this.searches.delete(id);
    return true;
  }

  private countPrefix(scope: TermScope, length: number, delta: number): void {
    let lengths = this.prefixLengths.get(scope);
    if (!lengths) this.prefixLengths.set(scope, (lengths = new Map()));
    const count = (lengths.get(length) ?? 0) + delta;
    if (count > 0) lengths.set(length, count);
    else lengths.delete(length);
  }

  /** The ids of the saved searches `article` matches, in the order they were filed. */
  match(article: ArticleRecord, context: ArticleContext = {}): string[] {
    return this.matchDocument(articleDocument(article, context));
  }

  /** {@link match} for an article already made a document. */
  matchDocument(document: ArticleDocument): string[] {
    const matched: Filed[] = [];
    for (const id of this.candidates(document)) {
      const search = this.searches.get(id);
      if (search && searchMatches(document, search.compiled)) matched.push(search);
    }
    return matched.sort((a, b) => a.order - b.order).map((search) => search.compiled.id);
  }

  /**
   * The saved searches filed under an anchor the document carries: the
   * only ones checked in full. Costs the document's distinct tokens (times
   * the few prefix lengths filed), whatever the number of saved searches.
   */
  candidates(document: ArticleDocument): Set<string> {
    const found = new Set<string>();
    const take = (ids: Set<string> | undefined) => {
      if (ids) for (const id of ids) found.add(id);
    };
    for (const scope of Object.keys(SCOPE_COLUMNS) as TermScope[]) {
      const tokens = this.tokens.get(scope);
      const prefixes = this.prefixes.get(scope);
      const lengths = this.prefixLengths.get(scope);
      if (!tokens?.size && !prefixes?.size) continue;
      for (const column of SCOPE_COLUMNS[scope]) {
        for (const token of document.positions[column].keys()) {
          if (tokens) take(tokens.get(token));
          if (prefixes && lengths) for (const length of lengths.keys()) if (token.length >= length) take(prefixes.get(token.slice(0, length)));
        }
      }
    }
    if (this.filters.size > 0) for (const key of filterKeys(document)) take(this.filters.get(key));
    return found;
  }
}
