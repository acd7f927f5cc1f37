import type { Database, Statement } from 'better-sqlite3';
import type { FacetCount, SearchFacets, SearchHit, SearchResult } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { toFts5 } from '../query.js';
import { DAY_FACET_SIZE, FACET_SIZE, emptyFacets, nextCursor, type SearchPlan } from '../search/plan.js';
import { SNIPPET_WORDS, leadSnippet, markSnippet } from '../search/snippet.js';
import { searchHit } from '../search/hit.js';
import { collapsedHit, hitStoryIds } from '../search/stories.js';
import type { SqliteStories } from './stories.js';

/**
 * bm25 weights for (title, authors, text, site, lang): a word in the title
 * counts ten times one in the body; site and lang (searched only by site: and
 * lang:) do not rank.
 */
const BM25 = 'bm25(articles_fts, 10.0, 3.0, 1.0, 0.0, 0.0)';

/** The articles columns of a hit row (with `a` the articles table). */
const HIT_COLUMNS = 'a.doc, a.id, a.url, a.title, a.published_at, a.site_name, a.authors, a.date_key, a.story_id, a.site';

/** One hit row, before the snippet. */
interface HitRow {
  doc: number;
  id: string;
  url: string;
  title: string;
  published_at: string | null;
  site_name: string | null;
  authors: string;
  date_key: string;
  story_id: string | null;
  site: string;
  score: number;
}

/** A search compiled to SQL: FROM and WHERE with their parameters. */
interface Compiled {
  from: string;
  where: string;
  params: unknown[];
  /** FROM is articles_fts alone (a words-only search without filters). */
  ftsOnly: boolean;
}

/**
 * Runs searches on one SQLite connection. SQL varies with the filters and
 * sort, so statements are prepared on first use and kept by their text.
 */
export class SqliteSearch {
  private readonly db: Database;
  private readonly stories: SqliteStories;
  private readonly statements = new Map<string, Statement>();

  constructor(db: Database, stories: SqliteStories) {
    this.db = db;
    this.stories = stories;
  }

  /** Runs a planned search in one read transaction, so total, hits and facets come from one snapshot. */
  run(plan: SearchPlan, options: { excludeDoc?: number } = {}): SearchResult {
    return this.db.transaction(() => {
      const horizon = plan.horizon ?? this.get<{ n: number | null }>('SELECT max(doc) AS n FROM articles', [])?.n ?? 0;
      const match = plan.parsed ? toFts5(plan.parsed) : null;
      // Collapsing groups matches by their articles' story_id: the articles table is joined whatever else the search needs.
      const collapse = plan.collapse !== null;
      const compile = (join: boolean) => this.compile(plan, match, horizon, options.excludeDoc, join || collapse);
      const ranked = plan.sort === 'relevance' && match !== null;
      const rows = plan.limit === 0 ? [] : collapse ? this.collapsedHits(plan, compile(true)) : this.hits(plan, compile(!ranked));
      const more = rows.length > plan.limit;
      const page = rows.slice(0, plan.limit);
      let hits = page.map((row) => this.hit(row, match));
      if (collapse) {
        const stories = this.stories.summaries(hitStoryIds(hits), horizon);
        hits = hits.map((hit, i) => collapsedHit(hit, page[i]?.site ?? '', hit.storyId === undefined ? undefined : stories.get(hit.storyId)));
      }
      const last = page.at(-1);
      const counted = plan.facets ? this.facets(compile(true)) : { total: this.count(compile(false)), facets: undefined };
      if (collapse) counted.total = this.countStories(compile(true));
      const result: SearchResult = {
        total: counted.total,
        hits,
        nextCursor: nextCursor(plan, horizon, more, last && { date: last.date_key, doc: last.doc }),
      };
      if (counted.facets) result.facets = counted.facets;
      return result;
    })();
  }

  /** Document frequency of each term (as tokenised), from the FTS vocabulary. */
  documentFrequencies(terms: string[]): Map<string, number> {
    const rows = this.all<{ term: string; doc: number }>('SELECT term, doc FROM articles_vocab WHERE term IN (SELECT value FROM json_each(?))', [
      JSON.stringify(terms),
    ]);
    return new Map(rows.map((row) => [row.term, row.doc]));
  }

  /**
   * FROM and WHERE of a search. Without filters a words-only search needs no
   * articles row per match: FTS alone counts and ranks, unless `join` asks
   * for articles columns (date order, facets).
   */
  private compile(plan: SearchPlan, match: string | null, horizon: number, excludeDoc: number | undefined, join: boolean): Compiled {
    const where: string[] = [];
    const params: unknown[] = [];
    const f = plan.filters;
    if (f.site !== undefined) {
      where.push('(a.site_key = ? OR a.host = ? OR substr(a.host, -?) = ?)');
      params.push(f.site, f.site, f.site.length + 1, `.${f.site}`);
    }
    if (f.lang !== undefined) {
      where.push('(a.lang = ? OR substr(a.lang, 1, ?) = ?)');
      params.push(f.lang, f.lang.length + 1, `${f.lang}-`);
    }
    if (f.author !== undefined) {
      where.push('a.doc IN (SELECT doc FROM article_authors WHERE author_key = ?)');
      params.push(f.author);
    }
    if (f.feed !== undefined) {
      where.push('a.doc IN (SELECT doc FROM article_feeds WHERE feed_url = ?)');
      params.push(this.feedUrlOf(f.feed));
    }
    if (f.tag !== undefined) {
      where.push('(a.doc IN (SELECT doc FROM article_tags WHERE tag_key = ?) OR a.doc IN (SELECT doc FROM article_feeds WHERE feed_url IN (SELECT value FROM json_each(?))))');
      params.push(f.tag, JSON.stringify(this.feedUrlsTagged(f.tag)));
    }
    if (f.since !== undefined) {
      where.push('a.date_key >= ?');
      params.push(f.since);
    }
    if (f.until !== undefined) {
      where.push('a.date_key < ?');
      params.push(f.until);
    }
    if (f.story !== undefined) {
      where.push('a.story_id = ?');
      params.push(f.story);
    }
    const ftsOnly = match !== null && where.length === 0 && !join;
    const doc = ftsOnly ? 'articles_fts.rowid' : 'a.doc';
    where.unshift(`${doc} <= ?`);
    params.unshift(horizon);
    if (excludeDoc !== undefined) {
      where.push(`${doc} <> ?`);
      params.push(excludeDoc);
    }
    let from = 'articles AS a';
    if (match !== null) {
      from = ftsOnly ? 'articles_fts' : 'articles_fts JOIN articles AS a ON a.doc = articles_fts.rowid';
      where.unshift('articles_fts MATCH ?');
      params.unshift(match);
    }
    return { from, where: where.join(' AND '), params, ftsOnly };
  }

  private hits(plan: SearchPlan, compiled: Compiled): HitRow[] {
    const columns = HIT_COLUMNS;
    const params = [...compiled.params];
    const page = [plan.limit + 1, plan.after ? 0 : plan.offset];
    if (plan.sort === 'relevance' && plan.parsed) {
      // Best first; equal scores newest stored first. Ranked (and cut to the page) before articles are joined when FTS alone can.
      const ranked = `SELECT ${compiled.ftsOnly ? 'articles_fts.rowid' : 'a.doc'} AS doc, -${BM25} AS score FROM ${compiled.from} WHERE ${compiled.where}
        ORDER BY score DESC, doc DESC LIMIT ? OFFSET ?`;
      return this.all<HitRow>(
        `SELECT ${columns}, r.score FROM (${ranked}) AS r JOIN articles AS a ON a.doc = r.doc ORDER BY r.score DESC, r.doc DESC`,
        [...params, ...page],
      );
    }
    let where = compiled.where;
    if (plan.after) {
      where += ' AND (a.date_key < ? OR (a.date_key = ? AND a.doc < ?))';
      params.push(plan.after.date, plan.after.date, plan.after.doc);
    }
    return this.all<HitRow>(`SELECT ${columns}, 0.0 AS score FROM ${compiled.from} WHERE ${where} ORDER BY a.date_key DESC, a.doc DESC LIMIT ? OFFSET ?`, [
      ...params,
      ...page,
    ]);
  }

  /**
   * The page of a collapsed search: each story's best match (the newest by
   * date) stands for it, ranked among the others; the keyset of date order
   * applies to those representatives, so a story shown on one page never
   * comes back on the next.
   */
  private collapsedHits(plan: SearchPlan, compiled: Compiled): HitRow[] {
    const params = [...compiled.params];
    const ranked = plan.sort === 'relevance' && plan.parsed !== null;
    const score = ranked ? `-${BM25}` : '0.0';
    const order = ranked ? 'score DESC, doc DESC' : 'date_key DESC, doc DESC';
    // Scored in a materialised step of its own: bm25() is only valid beside the MATCH that feeds it.
    const matches = `SELECT a.doc AS doc, a.date_key AS date_key, coalesce(a.story_id, a.id) AS grp, ${score} AS score FROM ${compiled.from} WHERE ${compiled.where}`;
    let keep = 'r.rn = 1';
    if (plan.after && !ranked) {
      keep += ' AND (r.date_key < ? OR (r.date_key = ? AND r.doc < ?))';
      params.push(plan.after.date, plan.after.date, plan.after.doc);
    }
    return this.all<HitRow>(
      `WITH m AS MATERIALIZED (${matches}),
         r AS (SELECT doc, date_key, score, row_number() OVER (PARTITION BY grp ORDER BY ${order}) AS rn FROM m)
       SELECT ${HIT_COLUMNS}, r.score FROM r JOIN articles AS a ON a.doc = r.doc WHERE ${keep}
       ORDER BY ${ranked ? 'r.score DESC, r.doc DESC' : 'r.date_key DESC, r.doc DESC'} LIMIT ? OFFSET ?`,
      [...params, plan.limit + 1, plan.after ? 0 : plan.offset],
    );
  }

  private hit(row: HitRow, match: string | null): SearchHit {
    let snippet: string;
    if (match === null) {
      snippet = leadSnippet(this.get<{ text: string }>('SELECT text FROM articles_fts WHERE rowid = ?', [row.doc])?.text ?? '');
    } else {
      // char(1)/char(2) are MATCH_START/MATCH_END (see search/snippet.ts). One row at a time: snippet() in the
      // ranked query would run for every match before the LIMIT. A range, not "rowid = ?": with MATCH, FTS5
      // answers a bound rowid equality with the first matching row, whatever the rowid (SQLite 3.53).
      const raw = this.get<{ s: string }>(
        `SELECT snippet(articles_fts, 2, char(1), char(2), '…', ${SNIPPET_WORDS}) AS s FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid <= ?`,
        [match, row.doc, row.doc],
      );
      snippet = markSnippet(raw?.s ?? '');
    }
    return searchHit({ ...row, authors: JSON.parse(row.authors) as string[] }, snippet);
  }

  private count(compiled: Compiled): number {
    return this.get<{ n: number }>(`SELECT count(*) AS n FROM ${compiled.from} WHERE ${compiled.where}`, compiled.params)?.n ?? 0;
  }

  /** How many stories the matches make (an article without a story counts as one). */
  private countStories(compiled: Compiled): number {
    return this.get<{ n: number }>(`SELECT count(DISTINCT coalesce(a.story_id, a.id)) AS n FROM ${compiled.from} WHERE ${compiled.where}`, compiled.params)?.n ?? 0;
  }

  /** Total and facets in one statement over the matches, materialised once. */
  private facets(compiled: Compiled): { total: number; facets: SearchFacets } {
    const top = (facet: string, value: string, from: string, order = 'n DESC, value') =>
      `SELECT * FROM (SELECT '${facet}' AS facet, ${value} AS value, count(*) AS n FROM ${from} WHERE ${value} IS NOT NULL GROUP BY ${value} ORDER BY ${order} LIMIT ${facet === 'day' ? DAY_FACET_SIZE : FACET_SIZE})`;
    const rows = this.all<{ facet: keyof SearchFacets | 'total'; value: string | null; n: number }>(
      `WITH m AS MATERIALIZED (SELECT a.doc, a.site, a.lang, substr(a.date_key, 1, 10) AS day FROM ${compiled.from} WHERE ${compiled.where})
       SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM m
       UNION ALL ${top('site', 'm.site', 'm')}
       UNION ALL ${top('lang', 'm.lang', 'm')}
       UNION ALL ${top('author', 'au.author', 'm JOIN article_authors AS au ON au.doc = m.doc')}
       UNION ALL ${top('day', 'm.day', 'm', 'value DESC')}`,
      compiled.params,
    );
    const facets = emptyFacets();
    let total = 0;
    for (const row of rows) {
      if (row.facet === 'total') total = row.n;
      else if (row.value !== null) (facets[row.facet] as FacetCount[]).push({ value: row.value, count: row.n });
    }
    return { total, facets };
  }

  /** A feed filter's URL: the feed's URL when it is a feed id, else the value as a (normalised) URL. */
  private feedUrlOf(feed: string): string {
    return this.get<{ url: string }>('SELECT url FROM feeds WHERE id = ?', [feed])?.url ?? normaliseUrl(feed) ?? feed;
  }

  /** URLs of the feeds with this tag (compared in lower case). Feeds are few: filtered here rather than in SQL. */
  private feedUrlsTagged(tag: string): string[] {
    return this.all<{ url: string; tags: string }>("SELECT url, tags FROM feeds WHERE tags <> '[]'", [])
      .filter((row) => (JSON.parse(row.tags) as string[]).some((t) => t.toLowerCase() === tag))
      .map((row) => row.url);
  }

  private statement(sql: string): Statement {
    let found = this.statements.get(sql);
    if (!found) {
      found = this.db.prepare(sql);
      this.statements.set(sql, found);
    }
    return found;
  }

  private all<T>(sql: string, params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  private get<T>(sql: string, params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }
}
