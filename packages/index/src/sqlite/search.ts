import type { Database, Statement } from 'better-sqlite3';
import type { FacetCount, SearchFacets, SearchHit, SearchResult } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { toFts5, toRelaxedFts5, type ParsedQuery } from '../query.js';
import { olderRows, scaleFacets } from '../search/window.js';
import { DAY_FACET_SIZE, FACET_SIZE, emptyFacets, nextCursor, type SearchPlan } from '../search/plan.js';
import { highlight } from '../search/highlight.js';
import { leadSnippet } from '../search/snippet.js';
import { searchHit } from '../search/hit.js';
import { collapsedHit, hitStoryIds } from '../search/stories.js';
import type { SqliteStories } from './stories.js';
import { countsAll, filterTerms, sampleFloor, sqliteWindowCut, windowEstimate } from './window.js';

/**
 * bm25 weights for (title, authors, text, site, lang): a word in the title
 * counts ten times one in the body; site and lang (searched only by site: and
 * lang:) do not rank.
 */
const BM25 = 'bm25(articles_fts, 10.0, 3.0, 1.0, 0.0, 0.0)';

/**
 * A rowid bound as FTS5 can use it. better-sqlite3 binds a JavaScript number
 * as a REAL, and FTS5 takes a rowid bound only when it is an INTEGER: given
 * a REAL it reads every match and SQLite filters them afterwards (a search
 * of the newest 1,000 articles cost as much as one of all of them).
 */
const ROWID = 'CAST(? AS INTEGER)';

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
      if (plan.sort === 'relevance' && plan.parsed !== null && plan.collapse === null) return this.ranked(plan, plan.parsed, horizon, options.excludeDoc);
      // Left: date order, browsing, and collapsed searches (each story's best match needs every match ranked).
      const match = plan.parsed ? toFts5(plan.parsed) : null;
      // Collapsing groups matches by their articles' story_id: the articles table is joined whatever else the search needs.
      const collapse = plan.collapse !== null;
      const compile = (join: boolean) => this.compile(plan, match, horizon, options.excludeDoc, join || collapse);
      const rows = plan.limit === 0 ? [] : collapse ? this.collapsedHits(plan, compile(true)) : this.dated(plan, compile(true));
      const more = rows.length > plan.limit;
      const page = rows.slice(0, plan.limit);
      let hits = page.map((row) => this.hit(row, plan.parsed));
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
    const { where, params } = this.rowFilters(plan);
    const ftsOnly = match !== null && where.length === 0 && !join;
    const doc = ftsOnly ? 'articles_fts.rowid' : 'a.doc';
    where.unshift(`${doc} <= ${ROWID}`);
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

  /** The filters, as conditions on the articles row `a`. */
  private rowFilters(plan: SearchPlan): { where: string[]; params: unknown[] } {
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
      // The article's tags, or those of a feed that listed it: feed_tags holds them folded as the filter is (feeds/feed-tags.ts).
      where.push(
        '(a.doc IN (SELECT doc FROM article_tags WHERE tag_key = ?) OR a.doc IN (SELECT doc FROM article_feeds WHERE feed_url IN (SELECT f.url FROM feed_tags AS t JOIN feeds AS f ON f.id = t.feed_id WHERE t.tag_key = ?)))',
      );
      params.push(f.tag, f.tag);
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
    return { where, params };
  }

  /**
   * The matches of `match` with lower < doc <= upper that pass the filters.
   * FTS5 drives, reading only that rowid range, and each match's articles
   * row is read for the filters (CROSS JOIN: the planner would otherwise
   * walk a filter's index and ask FTS5 about each article, about 25 µs each).
   */
  private windowSource(plan: SearchPlan, match: string, lower: number, upper: number, excludeDoc: number | undefined, join: boolean, within?: string): Compiled {
    const filters = this.rowFilters(plan);
    const ftsOnly = filters.where.length === 0 && !join;
    const where = ['articles_fts MATCH ?', `articles_fts.rowid > ${ROWID}`, `articles_fts.rowid <= ${ROWID}`];
    const params: unknown[] = [match, lower, upper];
    if (within !== undefined && within !== match) {
      // The matches of `within` in the range, found once by a second FTS5 cursor ("+": a set to look in, not
      // rowids to hand FTS5 one by one).
      where.push(`+articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ${ROWID} AND rowid <= ${ROWID})`);
      params.push(within, lower, upper);
    }
    where.push(...filters.where);
    params.push(...filters.params);
    if (excludeDoc !== undefined) {
      where.push('articles_fts.rowid <> ?');
      params.push(excludeDoc);
    }
    return {
      from: ftsOnly ? 'articles_fts' : 'articles_fts CROSS JOIN articles AS a ON a.doc = articles_fts.rowid',
      where: where.join(' AND '),
      params,
      ftsOnly,
    };
  }

  /**
   * A search by relevance in the ranking window (window.ts): the sample,
   * the window's matches ranked (and counted) with the page cut from them,
   * the total (counted, or estimated from the window), the older matches
   * when the page reaches past the window, and the facets over the window.
   */
  private ranked(plan: SearchPlan, parsed: ParsedQuery, horizon: number, excludeDoc: number | undefined): SearchResult {
    const prefilter = filterTerms(plan.filters);
    const both = (terms: string[]) => (terms.length === 1 ? (terms[0] ?? '') : terms.map((term) => `(${term})`).join(' AND '));
    const exact = both([toFts5(parsed), ...prefilter]);
    const relaxed = both([toRelaxedFts5(parsed), ...prefilter]);
    // Every filter reads rows: the FTS5 terms of site and lang only narrow them down.
    const rowChecks = Object.values(plan.filters).some((value) => value !== undefined) || excludeDoc !== undefined;

    // 1. Matches and candidates among the newest articles.
    const floor = sampleFloor(horizon);
    const sampledMatches = this.count(this.windowSource(plan, exact, floor, horizon, excludeDoc, false));
    const sampledCandidates = relaxed === exact ? sampledMatches : this.count(this.windowSource({ ...plan, filters: {} }, relaxed, floor, horizon, undefined, false));
    const cut = sqliteWindowCut(horizon, sampledMatches, Math.max(sampledMatches, sampledCandidates));

    // 2. The window's matches, ranked, with the page cut from them. Ranked by the relaxed query's words in any
    // column (the exact query picks the matches): bm25() counts the articles holding each phrase of its query,
    // over the whole index whatever the rowid range (40 ms for a phrase of two common words, 20 ms for a site
    // filter's phrase), where a word's count is one read of its doclist (2.5 ms for a word in every article; 7 ms
    // with a column filter).
    const window = this.windowSource(plan, toRelaxedFts5(parsed, { anyColumn: true }), cut, horizon, excludeDoc, false, exact);
    const doc = window.ftsOnly ? 'articles_fts.rowid' : 'a.doc';
    const rows = this.all<HitRow & { window_matches: number }>(
      `WITH m AS MATERIALIZED (SELECT ${doc} AS doc, -${BM25} AS score FROM ${window.from} WHERE ${window.where}),
         page AS MATERIALIZED (SELECT doc, score FROM m ORDER BY score DESC, doc DESC LIMIT ? OFFSET ?)
       SELECT (SELECT count(*) FROM m) AS window_matches, ${HIT_COLUMNS}, page.score
       FROM (SELECT 1) LEFT JOIN page ON true LEFT JOIN articles AS a ON a.doc = page.doc
       ORDER BY page.score DESC, page.doc DESC`,
      [...window.params, plan.limit === 0 ? 0 : plan.limit + 1, plan.offset],
    );
    const windowMatches = rows[0]?.window_matches ?? 0;
    let pageRows: HitRow[] = rows.filter((row) => row.doc !== null);
    let total = windowMatches;
    let estimated = false;
    if (cut > 0) {
      // 3. The total, and a page reaching past the window: the older matches, newest first.
      if (countsAll(horizon, cut, Math.max(sampledMatches, sampledCandidates), rowChecks)) total = this.count(this.windowSource(plan, exact, 0, horizon, excludeDoc, false));
      else {
        total = windowEstimate(horizon, cut, windowMatches);
        estimated = true;
      }
      const older = olderRows(plan, windowMatches);
      if (older) {
        const source = this.windowSource(plan, exact, 0, cut, excludeDoc, false);
        pageRows = [
          ...pageRows,
          ...this.all<HitRow>(
            `SELECT ${HIT_COLUMNS}, 0.0 AS score FROM (SELECT ${source.ftsOnly ? 'articles_fts.rowid' : 'a.doc'} AS doc FROM ${source.from} WHERE ${source.where}
               ORDER BY doc DESC LIMIT ? OFFSET ?) AS o JOIN articles AS a ON a.doc = o.doc ORDER BY a.doc DESC`,
            [...source.params, older.limit, older.offset],
          ),
        ];
        total = Math.max(total, plan.offset + pageRows.length, windowMatches);
      }
    }
    const page = pageRows.slice(0, plan.limit);
    const last = page.at(-1);
    const result: SearchResult = {
      total,
      hits: page.map((row) => this.hit(row, parsed)),
      nextCursor: nextCursor(plan, horizon, pageRows.length > plan.limit, last && { date: last.date_key, doc: last.doc }),
    };
    if (plan.facets) {
      const counted = this.facets(this.windowSource(plan, exact, cut, horizon, excludeDoc, true));
      // Counted over the window: scaled up to the whole result set when the window is not all of it.
      if (scaleFacets(counted.facets, counted.total, total)) estimated = true;
      result.facets = counted.facets;
    }
    if (estimated) result.totalIsEstimate = true;
    return result;
  }

  /** The page of a search by date (or a browse): newest first, after the cursor's (date, doc). */
  private dated(plan: SearchPlan, compiled: Compiled): HitRow[] {
    const columns = HIT_COLUMNS;
    const params = [...compiled.params];
    const page = [plan.limit + 1, plan.after ? 0 : plan.offset];
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

  /** A hit with its snippet, made from the record's text (the FTS table keeps none: schema.ts, migration 6). */
  private hit(row: HitRow, parsed: ParsedQuery | null): SearchHit {
    const text = this.get<{ text: string | null }>("SELECT json_extract(record, '$.text') AS text FROM article_records WHERE doc = ?", [row.doc])?.text ?? '';
    return searchHit({ ...row, authors: JSON.parse(row.authors) as string[] }, parsed === null ? leadSnippet(text) : highlight(text, parsed));
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
