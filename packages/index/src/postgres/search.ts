import type { PoolClient } from 'pg';
import type { FacetCount, SearchFacets, SearchHit, SearchResult } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { DAY_FACET_SIZE, FACET_SIZE, emptyFacets, nextCursor, type SearchPlan } from '../search/plan.js';
import { highlight } from '../search/highlight.js';
import { leadSnippet } from '../search/snippet.js';
import { searchHit, type HitColumns } from '../search/hit.js';
import { collapsedHit, hitStoryIds } from '../search/stories.js';
import { toTsquery } from './lexemes.js';
import { storySummaries } from './stories.js';

/**
 * Rank weights for {D, C, B, A} = {site/lang, text, authors, title}: a title
 * word counts ten times a body word (as bm25's column weights in SQLite);
 * site and lang, reached only by site: and lang:, do not rank. ts_rank_cd
 * (cover density) rewards the words of a query standing close together.
 */
export const RANK = `ts_rank_cd('{0.0, 0.1, 0.3, 1.0}', a.tsv, q.query)`;

/** The article text, for snippets. */
export const TEXT = `a.record->>'text'`;

/** One row of a search page: a hit's columns (as both backends read them) and what PostgreSQL's page query adds. */
export interface PageRow extends HitColumns {
  total: number | null;
  horizon: number;
  /** Null on the meta row of an empty page (and so are the other page columns). */
  doc: number | null;
  date_at: Date;
  site: string;
  text: string | null;
}

/** The articles columns of a page row (with `a` the articles table), text and score aside. */
export const PAGE_COLUMNS = 'a.doc, a.id, a.url, a.title, a.published_at, a.site_name, a.authors, a.date_at, a.story_id, a.site';

/** The page's hits with their stories' sizes and sites (a collapsed search), summed at the search's horizon. */
async function withStories(client: PoolClient, hits: SearchHit[], rows: readonly PageRow[], horizon: number): Promise<SearchHit[]> {
  const stories = await storySummaries(client, hitStoryIds(hits), horizon);
  return hits.map((hit, i) => collapsedHit(hit, rows[i]?.site ?? '', hit.storyId === undefined ? undefined : stories.get(hit.storyId)));
}

/** Numbered parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * Runs a planned search. Without facets it is one statement: hits with
 * their texts, total and horizon come from one snapshot in one round trip.
 * Snippets are made here (search/highlight.ts) rather than by ts_headline,
 * which re-parses each hit's whole text with PostgreSQL's own parser: about
 * 1.4 ms per hit (most of a search's time), and it splits words differently
 * from the matcher, so some matches went unmarked.
 * With facets a second statement counts them (and the total), so the caller
 * runs this in a REPEATABLE READ transaction.
 */
export async function runPgSearch(client: PoolClient, plan: SearchPlan, options: { excludeDoc?: number } = {}): Promise<SearchResult> {
  const params = new Params();
  const query = plan.parsed ? params.add(toTsquery(plan.parsed), '::tsquery') : null;
  const from = query === null ? 'articles AS a' : `articles AS a, (SELECT ${query} AS query) AS q`;
  const where = conditions(plan, params, query !== null, options.excludeDoc);
  const whereValues = [...params.values];
  const collapse = plan.collapse !== null;
  const counted = collapse ? 'count(DISTINCT coalesce(a.story_id, a.id))::integer' : 'count(*)::integer';

  const total = plan.facets ? 'NULL::integer' : `(SELECT ${counted} FROM ${from} WHERE ${where})`;
  const horizon = plan.horizon === null ? '(SELECT coalesce(max(doc), 0) FROM articles)' : params.add(plan.horizon, '::integer');
  let pageWhere = where;
  let score = '0::real';
  const ranked = plan.sort === 'relevance' && query !== null;
  // Relevance: best first, equal scores newest stored first (as in SQLite); date: newest first.
  const order = (table: string) => (ranked ? `${table}score DESC, ${table}doc DESC` : `${table}date_at DESC, ${table}doc DESC`);
  if (ranked) score = RANK;
  let source = from;
  if (collapse) {
    // Each story's best match (newest by date) stands for it: the page and the date keyset apply to those alone,
    // so a story shown on one page never comes back on the next. Every match is scored: no ranking window.
    source = `(SELECT ${PAGE_COLUMNS}, ${score} AS score, row_number() OVER (PARTITION BY coalesce(a.story_id, a.id) ORDER BY ${ranked ? `${RANK} DESC` : 'a.date_at DESC'}, a.doc DESC) AS rn
      FROM ${from} WHERE ${where}) AS a`;
    pageWhere = 'a.rn = 1';
    score = 'a.score';
  }
  if (!ranked && plan.after) {
    const date = params.add(plan.after.date, '::timestamptz');
    pageWhere += ` AND (a.date_at < ${date} OR (a.date_at = ${date} AND a.doc < ${params.add(plan.after.doc, '::integer')}))`;
  }
  const limit = params.add(plan.limit === 0 ? 0 : plan.limit + 1, '::integer');
  const offset = params.add(plan.after ? 0 : plan.offset, '::integer');
  // The page is ranked and cut first (materialised, so the rank is not computed again for the outer order);
  // the texts are read for its rows only. The meta row is there even when the page is empty.
  const sql = `WITH page AS MATERIALIZED (
      SELECT ${PAGE_COLUMNS}, ${score} AS score
      FROM ${source} WHERE ${pageWhere} ORDER BY ${order(ranked ? '' : 'a.')} LIMIT ${limit} OFFSET ${offset})
    SELECT meta.total, meta.horizon, page.*, ${TEXT} AS text
    FROM (SELECT ${total} AS total, ${horizon} AS horizon) AS meta
    LEFT JOIN page ON true
    LEFT JOIN articles AS a ON a.doc = page.doc
    ORDER BY ${order('page.')}`;
  const rows = (await client.query<PageRow>(sql, params.values)).rows;
  const pageRows = rows.filter((row): row is PageRow & { doc: number } => row.doc !== null);
  const kept = pageRows.slice(0, plan.limit);
  let hits = kept.map((row) => searchHit(row, plan.parsed === null ? leadSnippet(row.text ?? '') : highlight(row.text ?? '', plan.parsed)));
  const meta = rows[0];
  if (collapse) hits = await withStories(client, hits, kept, meta?.horizon ?? 0);
  const last = kept.at(-1);
  const result: SearchResult = {
    total: meta?.total ?? 0,
    hits,
    nextCursor: nextCursor(plan, meta?.horizon ?? 0, pageRows.length > plan.limit, last && { date: last.date_at.toISOString(), doc: last.doc }),
  };
  if (plan.facets) {
    const faceted = await facets(client, from, where, whereValues);
    result.total = collapse ? await countStories(client, from, where, whereValues) : faceted.total;
    result.facets = faceted.facets;
  }
  return result;
}

/** How many stories the matches make (an article without a story counts as one). */
async function countStories(client: PoolClient, from: string, where: string, values: unknown[]): Promise<number> {
  return (await client.query<{ n: number }>(`SELECT count(DISTINCT coalesce(a.story_id, a.id))::integer AS n FROM ${from} WHERE ${where}`, values)).rows[0]?.n ?? 0;
}

/** The WHERE clause of a search: the match, the horizon and the filters (a feed filter's feed resolved in SQL, so no extra round trip). */
export function conditions(plan: SearchPlan, params: Params, matching: boolean, excludeDoc: number | undefined): string {
  const where: string[] = [];
  if (matching) where.push('a.tsv @@ q.query');
  // The horizon excludes only what was stored after the first page: a filter on the rows found, never an index
  // condition (`+ 0`). In the GIN index on (tsv, doc) it was a scan of every doc entry up to it, 700 pages at
  // 100,000 articles (12 ms) for each statement, where the words and the window's lower bound need a few.
  if (plan.horizon !== null) where.push(`a.doc + 0 <= ${params.add(plan.horizon, '::integer')}`);
  if (excludeDoc !== undefined) where.push(`a.doc <> ${params.add(excludeDoc, '::integer')}`);
  const f = plan.filters;
  if (f.site !== undefined) {
    const site = params.add(f.site, '::text');
    // A subdomain as a prefix of the reversed host name: every arm has an index (articles_by_host_suffix_date for this
    // one), so the filter is a bitmap ANDed with the words' instead of a check of every matching row. Each index has the
    // date second: the planner adds a since/until bound (below) to each arm's index condition (migration 6).
    where.push(`(a.site_key = ${site} OR a.host = ${site} OR reverse(a.host) LIKE ${params.add(`${escapeLike(reverseText(`.${f.site}`))}%`, '::text')})`);
  }
  if (f.lang !== undefined) {
    where.push(`(a.lang = ${params.add(f.lang, '::text')} OR left(a.lang, ${params.add(f.lang.length + 1, '::integer')}) = ${params.add(`${f.lang}-`, '::text')})`);
  }
  if (f.author !== undefined) where.push(`a.author_keys @> ARRAY[${params.add(f.author, '::text')}]`);
  if (f.feed !== undefined) {
    const url = `coalesce((SELECT url FROM feeds WHERE id = ${params.add(f.feed, '::text')}), ${params.add(normaliseUrl(f.feed) ?? f.feed, '::text')})`;
    where.push(`a.feed_urls @> ARRAY[${url}]`);
  }
  if (f.tag !== undefined) {
    // The article's tags, or those of a feed that listed it: feed_tags holds them folded as the filter is (feeds/feed-tags.ts).
    const tag = params.add(f.tag, '::text');
    where.push(`(a.tag_keys @> ARRAY[${tag}] OR a.feed_urls && ARRAY(SELECT f.url FROM feed_tags AS t JOIN feeds AS f ON f.id = t.feed_id WHERE t.tag_key = ${tag}))`);
  }
  if (f.since !== undefined) where.push(`a.date_at >= ${params.add(f.since, '::timestamptz')}`);
  if (f.until !== undefined) where.push(`a.date_at < ${params.add(f.until, '::timestamptz')}`);
  if (f.story !== undefined) where.push(`a.story_id = ${params.add(f.story, '::text')}`);
  return where.length > 0 ? where.join(' AND ') : 'true';
}

/** `text` with its characters (code points, as PostgreSQL's reverse()) in reverse order. */
function reverseText(text: string): string {
  return [...text].reverse().join('');
}

/** `text` matched literally by LIKE (whose escape character is the backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (char) => `\\${char}`);
}

/** Total and facets in one statement over the matches, materialised once. Values are ordered bytewise, as in SQLite. */
export async function facets(client: PoolClient, from: string, where: string, values: unknown[]): Promise<{ total: number; facets: SearchFacets }> {
  const top = (facet: string, value: string, source: string, order = `n DESC, ${value} COLLATE "C"`) =>
    `(SELECT '${facet}' AS facet, ${value} AS value, count(*)::integer AS n FROM ${source} WHERE ${value} IS NOT NULL GROUP BY ${value}
      ORDER BY ${order} LIMIT ${facet === 'day' ? DAY_FACET_SIZE : FACET_SIZE})`;
  const sql = `WITH m AS MATERIALIZED (
      SELECT a.doc, a.site, a.lang, a.authors, to_char(a.date_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM ${from} WHERE ${where})
    SELECT 'total' AS facet, NULL AS value, count(*)::integer AS n FROM m
    UNION ALL ${top('site', 'm.site', 'm')}
    UNION ALL ${top('lang', 'm.lang', 'm')}
    UNION ALL ${top('author', 'au.author', 'm, unnest(m.authors) AS au(author)')}
    UNION ALL ${top('day', 'm.day', 'm', 'value DESC')}`;
  const rows = await client.query<{ facet: keyof SearchFacets | 'total'; value: string | null; n: number }>(sql, values);
  const result = emptyFacets();
  let total = 0;
  for (const row of rows.rows) {
    if (row.facet === 'total') total = row.n;
    else if (row.value !== null) (result[row.facet] as FacetCount[]).push({ value: row.value, count: row.n });
  }
  return { total, facets: result };
}
