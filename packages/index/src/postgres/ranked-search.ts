import type { PoolClient, QueryResult } from 'pg';
import type { SearchResult } from '@tidings/contracts';
import type { ParsedQuery } from '../query.js';
import { highlight } from '../search/highlight.js';
import { nextCursor, type SearchPlan } from '../search/plan.js';
import { PG_EXACT_COUNT_LIMIT, estimateTotal, expectedCandidates, isIndexExact, olderRows, sampleSpan, scaleFacets, windowCut } from '../search/window.js';
import { toRelaxedTsquery, toTsquery } from './lexemes.js';
import { searchHit } from '../search/hit.js';
import type { TransactionOptions } from './connection.js';
import { PAGE_COLUMNS, Params, RANK, TEXT, conditions, facets, runPgSearch, type PageRow } from './search.js';

/** Turns plain index scans off for a ranked search's transaction (see runRankedSearch). */
const RANKED_SETTINGS = { enable_indexscan: 'off' } as const;
const RANKED_SETTING_SQL = `SET LOCAL enable_indexscan = ${RANKED_SETTINGS.enable_indexscan}`;

/** The horizon of a first page: the newest article stored. */
const HORIZON_SQL = 'SELECT coalesce(max(doc), 0) AS horizon FROM articles';

/**
 * How the transaction of a search by relevance in the ranking window starts
 * ({@link runSearch} tells which searches): with its setting and, on a first
 * page, the horizon read in the same round trip as BEGIN. Empty for others.
 */
export function searchStart(plan: SearchPlan): TransactionOptions {
  if (!isWindowRanked(plan)) return {};
  return plan.horizon === null ? { prelude: HORIZON_SQL, settings: RANKED_SETTINGS } : { settings: RANKED_SETTINGS };
}

/** Ranked in the ranking window: by relevance, with words, not collapsed by story. */
function isWindowRanked(plan: SearchPlan): plan is SearchPlan & { parsed: ParsedQuery } {
  return plan.sort === 'relevance' && plan.parsed !== null && plan.collapse === null;
}

/**
 * A search by relevance on PostgreSQL, in the ranking window of
 * window.ts. Runs inside the caller's transaction, with plain index scans
 * off (SET LOCAL), because the planner prices
 * `tsv @@ query` as a cheap filter and so walks the primary key through a
 * range of articles reading each one's whole tsvector (81 ms for 2,000 of
 * them), where the GIN and primary-key bitmaps ANDed read none (3 ms).
 * `started`: the transaction began as {@link searchStart} says, and this is
 * what its prelude read (the horizon of a first page); without it (or
 * without the horizon in it) the horizon and setting take a round trip of
 * their own.
 *
 * Statements: the horizon (on a first page) with the setting, the sample
 * (candidates among the newest articles; a second, wider one when it finds
 * few), the window ranked with the page and what the total needs, and, for
 * a page past the window, the older matches (one statement per doc range).
 */
export async function runRankedSearch(
  client: PoolClient,
  plan: SearchPlan,
  parsed: ParsedQuery,
  options: { excludeDoc?: number; started?: { prelude: QueryResult | undefined } },
): Promise<SearchResult> {
  const { excludeDoc, started } = options;
  let horizon = plan.horizon ?? 0;
  const read = started?.prelude?.rows[0] as { horizon?: unknown } | undefined;
  if (plan.horizon === null && typeof read?.horizon === 'number') horizon = read.horizon;
  else if (plan.horizon === null) {
    // The horizon and the setting in one round trip: the statements of a simple query are planned one after the
    // other, so max(doc) is planned before the setting (without index scans it costs 16 ms, not 0.05).
    const [found] = (await client.query(`${HORIZON_SQL}; ${RANKED_SETTING_SQL}`)) as unknown as [{ rows: Array<{ horizon: number }> }, unknown];
    horizon = found.rows[0]?.horizon ?? 0;
  } else if (!started) await client.query(RANKED_SETTING_SQL);
  const exact = toTsquery(parsed);
  const relaxed = toRelaxedTsquery(parsed);
  const indexExact = isIndexExact(parsed);

  // 1. How many of the newest SAMPLE_DOCS articles are candidates (relaxed query and filters); again over more when few.
  const countSample = async (span: number) => {
    const sample = new Params();
    const sampleWhere = conditions({ ...plan, horizon }, sample, true, excludeDoc);
    const sampleSql = `SELECT count(*)::integer AS sampled FROM articles AS a, (SELECT ${sample.add(relaxed, '::tsquery')} AS query) AS q
      WHERE ${sampleWhere}${docsAbove(sample, horizon - span)}`;
    return (await client.query<{ sampled: number }>(sampleSql, sample.values)).rows[0]?.sampled ?? 0;
  };
  let span = sampleSpan(horizon, null);
  let sampled = await countSample(span);
  if (sampleSpan(horizon, sampled) > span) {
    span = sampleSpan(horizon, sampled);
    sampled = await countSample(span);
  }
  const cut = windowCut(horizon, sampled, span);
  const expected = expectedCandidates(horizon, sampled, span);

  // 2. The window's matches ranked, the page cut from them, and what the total needs, in one statement.
  const params = new Params();
  const q = params.add(exact, '::tsquery');
  const where = conditions({ ...plan, horizon }, params, true, excludeDoc);
  // (Parameters only when used: PostgreSQL cannot type one the statement does not mention.)
  let extraSql = 'NULL::integer';
  // Filters are checked row by row (and the planner then tends to check the words row by row too): not counted.
  const countAll = cut > 0 && indexExact && Object.keys(plan.filters).length === 0 && excludeDoc === undefined && expected <= PG_EXACT_COUNT_LIMIT;
  if (countAll) {
    // Few candidates, and the index alone decides them: count them all.
    extraSql = `(SELECT count(*)::integer FROM articles AS a, (SELECT ${q} AS query) AS q WHERE ${where})`;
  } else if (cut > 0 && !indexExact) {
    // The window's candidates: the share of them that match scales the expected candidates into the estimated total.
    extraSql = `(SELECT count(*)::integer FROM articles AS a, (SELECT ${params.add(relaxed, '::tsquery')} AS query) AS q WHERE ${where}${docsAbove(params, cut)})`;
  }
  const limit = params.add(plan.limit === 0 ? 0 : plan.limit + 1, '::integer');
  const offset = params.add(plan.offset, '::integer');
  const sql = `WITH m AS MATERIALIZED (
      SELECT a.doc, ${RANK} AS score FROM articles AS a, (SELECT ${q} AS query) AS q WHERE ${where}${docsAbove(params, cut)}),
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
      pageRows = [...pageRows, ...(await olderMatches(client, plan, { exact, excludeDoc, cut, older, docsPerMatch: (horizon - cut) / Math.max(1, windowMatches) }))];
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
    const facetWhere = `${conditions({ ...plan, horizon }, facetParams, true, excludeDoc)}${docsAbove(facetParams, cut)}`;
    const counted = await facets(client, `articles AS a, (SELECT ${facetQ} AS query) AS q`, facetWhere, facetParams.values);
    // Counted over the window: scaled up to the whole result set when the window is not all of it.
    if (scaleFacets(counted.facets, counted.total, total)) estimated = true;
    result.facets = counted.facets;
  }
  if (estimated) result.totalIsEstimate = true;
  return result;
}

/**
 * ` AND a.doc > lower`, or nothing when no doc is at or below it. In the GIN
 * index on (tsv, doc) a doc bound is a scan of every doc entry above it: a
 * few pages for the newest thousand articles, but about 700 pages (10-20 ms)
 * at 100,000, so a window of everything must not name its bound at all.
 */
function docsAbove(params: Params, lower: number): string {
  return lower > 0 ? ` AND a.doc > ${params.add(lower, '::integer')}` : '';
}

/**
 * The older matches (doc <= cut) a page needs, newest first: `older.offset`
 * skipped, `older.limit` returned. Searched in doc ranges going back from the
 * cut, each sized from the window's docs per match for what is still
 * missing (and doubled after each range, in case matches thin out), so a
 * phrase whose words are common but rarely side by side re-checks the
 * candidates the page needs, not all of them (55,000 of 100,000 articles
 * for `"this before"`: 2.4 s).
 */
async function olderMatches(
  client: PoolClient,
  plan: SearchPlan,
  search: { exact: string; excludeDoc: number | undefined; cut: number; older: { limit: number; offset: number }; docsPerMatch: number },
): Promise<PageRow[]> {
  const wanted = search.older.offset + search.older.limit;
  const rows: PageRow[] = [];
  let upper = search.cut;
  let stretch = 1.5;
  while (upper > 0 && rows.length < wanted) {
    const lower = Math.max(0, upper - Math.ceil((wanted - rows.length) * search.docsPerMatch * stretch));
    const params = new Params();
    const q = params.add(search.exact, '::tsquery');
    const where = conditions({ ...plan, horizon: upper }, params, true, search.excludeDoc);
    const sql = `SELECT ${PAGE_COLUMNS}, 0::real AS score, ${TEXT} AS text
      FROM articles AS a, (SELECT ${q} AS query) AS q WHERE ${where}${docsAbove(params, lower)}
      ORDER BY a.doc DESC LIMIT ${params.add(wanted - rows.length, '::integer')}`;
    rows.push(...(await client.query<PageRow>(sql, params.values)).rows);
    upper = lower;
    stretch *= 2;
  }
  return rows.slice(search.older.offset);
}

/**
 * Runs a planned search: by relevance in the ranking window, else (or
 * collapsed by story) in search.ts.
 * `started`: the transaction began with {@link searchStart}'s options, and
 * what its prelude read.
 */
export async function runSearch(client: PoolClient, plan: SearchPlan, options: { excludeDoc?: number; started?: { prelude: QueryResult | undefined } } = {}): Promise<SearchResult> {
  if (isWindowRanked(plan)) return runRankedSearch(client, plan, plan.parsed, options);
  return runPgSearch(client, plan, options);
}
