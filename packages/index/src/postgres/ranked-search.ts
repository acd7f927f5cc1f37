import type { PoolClient } from 'pg';
import type { SearchResult } from '@tidings/contracts';
import type { ParsedQuery } from '../query.js';
import { highlight } from '../search/highlight.js';
import { nextCursor, type SearchPlan } from '../search/plan.js';
import { EXACT_COUNT_LIMIT, SAMPLE_DOCS, estimateTotal, expectedCandidates, isIndexExact, olderRows, scaleFacets, windowCut } from './window.js';
import { toRelaxedTsquery, toTsquery } from './lexemes.js';
import { searchHit } from '../search/hit.js';
import { PAGE_COLUMNS, Params, RANK, TEXT, conditions, facets, runPgSearch, type PageRow } from './search.js';

/**
 * A search by relevance on PostgreSQL, in the ranking window of
 * window.ts. Runs inside the caller's transaction: it turns plain
 * index scans off for it (SET LOCAL), because the planner prices
 * `tsv @@ query` as a cheap filter and so walks the primary key through a
 * range of articles reading each one's whole tsvector (81 ms for 2,000 of
 * them), where the GIN and primary-key bitmaps ANDed read none (3 ms).
 *
 * Four statements at most: the horizon (on a first page), the sample
 * (candidates among the newest articles), the window ranked with the page
 * and what the total needs, and, for a page past the window, the older matches.
 */
export async function runRankedSearch(client: PoolClient, plan: SearchPlan, parsed: ParsedQuery, excludeDoc: number | undefined): Promise<SearchResult> {
  // The horizon first: max(doc) needs the index scan turned off next.
  const horizon = plan.horizon ?? (await client.query<{ horizon: number }>('SELECT coalesce(max(doc), 0) AS horizon FROM articles')).rows[0]?.horizon ?? 0;
  await client.query('SET LOCAL enable_indexscan = off');
  const exact = toTsquery(parsed);
  const relaxed = toRelaxedTsquery(parsed);
  const indexExact = isIndexExact(parsed);

  // 1. How many of the newest SAMPLE_DOCS articles are candidates (relaxed query and filters).
  const sample = new Params();
  const sampleWhere = conditions({ ...plan, horizon }, sample, true, excludeDoc);
  const sampleSql = `SELECT count(*)::integer AS sampled FROM articles AS a, (SELECT ${sample.add(relaxed, '::tsquery')} AS query) AS q
      WHERE ${sampleWhere} AND a.doc > ${sample.add(horizon - SAMPLE_DOCS, '::integer')}`;
  const sampled = (await client.query<{ sampled: number }>(sampleSql, sample.values)).rows[0] ?? { sampled: 0 };
  const cut = windowCut(horizon, sampled.sampled);
  const expected = expectedCandidates(horizon, sampled.sampled);

  // 2. The window's matches ranked, the page cut from them, and what the total needs, in one statement.
  const params = new Params();
  const q = params.add(exact, '::tsquery');
  const where = conditions({ ...plan, horizon }, params, true, excludeDoc);
  const cutParam = params.add(cut, '::integer');
  // (Parameters only when used: PostgreSQL cannot type one the statement does not mention.)
  let extraSql = 'NULL::integer';
  // Filters are checked row by row (and the planner then tends to check the words row by row too): not counted.
  const countAll = cut > 0 && indexExact && Object.keys(plan.filters).length === 0 && excludeDoc === undefined && expected <= EXACT_COUNT_LIMIT;
  if (countAll) {
    // Few candidates, and the index alone decides them: count them all.
    extraSql = `(SELECT count(*)::integer FROM articles AS a, (SELECT ${q} AS query) AS q WHERE ${where})`;
  } else if (cut > 0 && !indexExact) {
    // The window's candidates: the share of them that match scales the expected candidates into the estimated total.
    extraSql = `(SELECT count(*)::integer FROM articles AS a, (SELECT ${params.add(relaxed, '::tsquery')} AS query) AS q WHERE ${where} AND a.doc > ${cutParam})`;
  }
  const limit = params.add(plan.limit === 0 ? 0 : plan.limit + 1, '::integer');
  const offset = params.add(plan.offset, '::integer');
  const sql = `WITH m AS MATERIALIZED (
      SELECT a.doc, ${RANK} AS score FROM articles AS a, (SELECT ${q} AS query) AS q WHERE ${where} AND a.doc > ${cutParam}),
    page AS MATERIALIZED (SELECT doc, score FROM m ORDER BY score DESC, doc DESC LIMIT ${limit} OFFSET ${offset})
    SELECT meta.window_matches, meta.extra, page.doc, page.score,
      a.id, a.url, a.title, a.published_at, a.site_name, a.authors, a.date_at, a.story_id, a.site, ${TEXT} AS text
    FROM (SELECT (SELECT count(*)::integer FROM m) AS window_matches, ${extraSql} AS extra) AS meta
    LEFT JOIN page ON true
    LEFT JOIN articles AS a ON a.doc = page.doc
    ORDER BY page.score DESC, page.doc DESC`;
  const rows = (await client.query<PageRow & { window_matches: number; extra: number | null }>(sql, params.values)).rows;
  const windowMatches = rows[0]?.window_matches ?? 0;
  let pageRows: PageRow[] = rows.filter((row) => row.doc !== null);
  let total = windowMatches;
  let estimated = false;
  if (cut > 0) {
    if (countAll) total = rows[0]?.extra ?? windowMatches;
    else {
      total = estimateTotal(expected, indexExact ? windowMatches : (rows[0]?.extra ?? 0), windowMatches);
      estimated = true;
    }
    // 3. A page reaching past the window: the older matches, newest first.
    const older = olderRows(plan, windowMatches);
    if (older) {
      const olderParams = new Params();
      const olderQ = olderParams.add(exact, '::tsquery');
      const olderWhere = conditions({ ...plan, horizon: cut }, olderParams, true, excludeDoc);
      const olderSql = `SELECT ${PAGE_COLUMNS}, 0::real AS score, ${TEXT} AS text
        FROM articles AS a, (SELECT ${olderQ} AS query) AS q WHERE ${olderWhere}
        ORDER BY a.doc DESC LIMIT ${olderParams.add(older.limit, '::integer')} OFFSET ${olderParams.add(older.offset, '::integer')}`;
      pageRows = [...pageRows, ...(await client.query<PageRow>(olderSql, olderParams.values)).rows];
      total = Math.max(total, plan.offset + pageRows.length, windowMatches);
    }
  }
  const kept = pageRows.slice(0, plan.limit);
  const last = kept.at(-1);
  const result: SearchResult = {
    total,
    hits: kept.map((row) => searchHit(row, highlight(row.text ?? '', parsed))),
    nextCursor: nextCursor(plan, horizon, pageRows.length > plan.limit, last && { date: last.date_at.toISOString(), doc: last.doc ?? 0 }),
  };
  if (plan.facets) {
    const facetParams = new Params();
    const facetQ = facetParams.add(exact, '::tsquery');
    const facetWhere = `${conditions({ ...plan, horizon }, facetParams, true, excludeDoc)} AND a.doc > ${facetParams.add(cut, '::integer')}`;
    const counted = await facets(client, `articles AS a, (SELECT ${facetQ} AS query) AS q`, facetWhere, facetParams.values);
    // Counted over the window: scaled up to the whole result set when the window is not all of it.
    if (scaleFacets(counted.facets, counted.total, total)) estimated = true;
    result.facets = counted.facets;
  }
  if (estimated) result.totalIsEstimate = true;
  return result;
}

/** Runs a planned search: by relevance in the ranking window, else (or collapsed by story) in search.ts. */
export function runSearch(client: PoolClient, plan: SearchPlan, options: { excludeDoc?: number } = {}): Promise<SearchResult> {
  if (plan.sort === 'relevance' && plan.parsed !== null && plan.collapse === null) return runRankedSearch(client, plan, plan.parsed, options.excludeDoc);
  return runPgSearch(client, plan, options);
}
