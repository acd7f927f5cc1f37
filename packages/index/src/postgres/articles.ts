import type { PoolClient } from 'pg';
import type { ArticleRecord } from '@tidings/contracts';
import { normaliseUrl } from '@tidings/url';
import { ARTICLE_COLUMNS } from './rows.js';

/** Article statements of PostgresIndex, built once. */

const FEED_URLS_PARAM = ARTICLE_COLUMNS.findIndex(([name]) => name === 'feed_urls') + 1;
const URLS_PARAM = ARTICLE_COLUMNS.length + 1;
/** feedUrls of a new row: the given ones, then every feed that listed the article or item URL (claimNewItems). */
const LISTED = `tidings_union($${FEED_URLS_PARAM}::text[],
  ARRAY(SELECT DISTINCT feed_url FROM item_feeds WHERE url = ANY($${URLS_PARAM}::text[]) ORDER BY feed_url))`;
/** ... and of an existing row: the stored ones first. */
const MERGED = 'tidings_union(articles.feed_urls, EXCLUDED.feed_urls)';

/**
 * What a second upsert of a URL sets: every column from the new record,
 * but feedUrls merged and the story kept (an article keeps the story it was
 * first given; the indexer's grouping state may have forgotten it since).
 */
const ON_CONFLICT = ARTICLE_COLUMNS.map(([name]) => {
  if (name === 'feed_urls') return `feed_urls = ${MERGED}`;
  if (name === 'story_id') return 'story_id = coalesce(articles.story_id, EXCLUDED.story_id)';
  if (name === 'record') {
    const merged = `jsonb_set(EXCLUDED.record, '{feedUrls}', to_jsonb(${MERGED}))`;
    return `record = CASE WHEN articles.story_id IS NULL THEN ${merged} ELSE jsonb_set(${merged}, '{storyId}', to_jsonb(articles.story_id)) END`;
  }
  return `${name} = EXCLUDED.${name}`;
}).join(', ');

/**
 * upsertArticle in one statement: parameters are articleValues(record) then
 * the article and item URLs; returns whether the row was created.
 */
export const UPSERT_ARTICLE = `INSERT INTO articles (${ARTICLE_COLUMNS.map(([name]) => name).join(', ')})
  VALUES (${ARTICLE_COLUMNS.map(([name, cast], i) => {
    if (name === 'feed_urls') return LISTED;
    if (name === 'record') return `jsonb_set($${i + 1}::jsonb, '{feedUrls}', to_jsonb(${LISTED}))`;
    return `$${i + 1}::${cast}`;
  }).join(', ')})
  ON CONFLICT (url) DO UPDATE SET ${ON_CONFLICT}
  RETURNING (xmax = 0) AS created`;

/** Columns of UPSERT_ARTICLES' JSON record set: `n` (order in the batch), the articles columns but tsv and record, the article and item URLs. */
const BATCH_JSON_COLUMNS: ReadonlyArray<[string, string]> = [['n', 'integer'], ...ARTICLE_COLUMNS.filter(([name]) => name !== 'tsv' && name !== 'record'), ['urls', 'text[]']];

/**
 * feedUrls of a new row of a batch, as LISTED, but null when that is the
 * given ones (deduplicated by the caller), as it is unless a feed claimed
 * the URL without the article naming it: the row then keeps its record as
 * sent, where rewriting it (jsonb_set) and calling tidings_union cost every
 * article. OFFSET 0 keeps each subquery evaluated once per row, not once
 * per reference.
 */
const BATCH_GROWN = `LATERAL (SELECT CASE WHEN i.listed <@ r.feed_urls THEN NULL ELSE tidings_union(r.feed_urls, i.listed) END AS grown
      FROM (SELECT ARRAY(SELECT DISTINCT feed_url FROM item_feeds WHERE url = ANY(r.urls) ORDER BY feed_url) AS listed OFFSET 0) AS i OFFSET 0) AS l`;

/**
 * Many upserts in one statement: $1 is a JSON array of objects with the
 * BATCH_JSON_COLUMNS (see batchRow), $2 the binary tsvector[] and $3 the
 * binary jsonb[] records of the same articles in the same order
 * (binary-params.ts: the server reads each record once, and a tsvector
 * without parsing a literal, which cost it a millisecond an article), no
 * URL twice (ON CONFLICT cannot update one row twice in a statement). Rows
 * go in, and take their doc numbers, in batch order. Returns each URL with
 * whether its row was created.
 */
export const UPSERT_ARTICLES = `INSERT INTO articles (${ARTICLE_COLUMNS.map(([name]) => name).join(', ')})
  SELECT ${ARTICLE_COLUMNS.map(([name]) => {
    if (name === 'feed_urls') return 'coalesce(l.grown, r.feed_urls)';
    if (name === 'record') return `CASE WHEN l.grown IS NULL THEN r.record ELSE jsonb_set(r.record, '{feedUrls}', to_jsonb(l.grown)) END`;
    return `r.${name}`;
  }).join(', ')}
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${BATCH_JSON_COLUMNS.map(([name, cast]) => `${name} ${cast}`).join(', ')}), unnest($2::tsvector[]), unnest($3::jsonb[]))
    AS r(${BATCH_JSON_COLUMNS.map(([name]) => name).join(', ')}, tsv, record),
    ${BATCH_GROWN}
  ORDER BY r.n
  ON CONFLICT (url) DO UPDATE SET ${ON_CONFLICT}
  RETURNING url, (xmax = 0) AS created`;

/** One element of UPSERT_ARTICLES' $1: articleValues by column name, but tsv and record (sent as arrays of their own). */
export function batchRow(n: number, values: readonly unknown[], urls: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = { n, urls };
  ARTICLE_COLUMNS.forEach(([name], i) => {
    if (name !== 'tsv' && name !== 'record') row[name] = values[i];
  });
  return row;
}

/** The tsv (a Buffer) and the record (JSON text) of articleValues. */
export const TSV_VALUE = ARTICLE_COLUMNS.findIndex(([name]) => name === 'tsv');
export const RECORD_VALUE = ARTICLE_COLUMNS.findIndex(([name]) => name === 'record');

/** The article URL of each claimed item of $1 becomes the one of $2 at the same place (articleUrlOfItem). */
export const NOTE_ITEM_ARTICLES = `UPDATE seen_items SET article_url = noted.article_url
  FROM unnest($1::text[], $2::text[]) AS noted(url, article_url)
  WHERE seen_items.url = noted.url AND seen_items.article_url IS DISTINCT FROM noted.article_url`;

/** moveArticle: the row of $1 takes the URL $2 and id $3, in its columns and its record, unless another article has either. */
export const MOVE_ARTICLE = `UPDATE articles
  SET url = $2, id = $3, record = jsonb_set(jsonb_set(record, '{url}', to_jsonb($2::text)), '{id}', to_jsonb($3::text))
  WHERE url = $1 AND NOT EXISTS (SELECT 1 FROM articles WHERE url = $2 OR id = $3)`;

/**
 * claimNewItems in one statement ($1 the URLs, $2 the feed id, $3 now, $4
 * every spelling of the URLs, $5 the guid of each of $1 or null). The one claimer whose INSERT creates a
 * seen_items row gets that URL back; everyone else's does nothing. The feed
 * lists every URL (item_feeds), and articles already stored under any
 * spelling of one gain the feed's URL now; the others gain it when upserted.
 */
export const CLAIM_ITEMS = `WITH fresh AS (
    INSERT INTO seen_items (url, first_feed_id, seen_at, guid) SELECT u, $2, $3, g FROM unnest($1::text[], $5::text[]) AS given(u, g)
    ON CONFLICT DO NOTHING RETURNING url),
  feed AS (SELECT url FROM feeds WHERE id = $2),
  counted AS (
    UPDATE feeds SET items_seen = items_seen + (SELECT count(*) FROM fresh), last_new_item_at = $3
    WHERE id = $2 AND EXISTS (SELECT 1 FROM fresh)),
  listed AS (
    INSERT INTO item_feeds (url, feed_url) SELECT u, feed.url FROM unnest($1::text[]) AS u, feed ON CONFLICT DO NOTHING),
  credited AS (
    UPDATE articles SET feed_urls = array_append(articles.feed_urls, feed.url),
      record = jsonb_set(record, '{feedUrls}', (record->'feedUrls') || to_jsonb(feed.url))
    FROM feed WHERE articles.url = ANY($4::text[]) AND NOT (articles.feed_urls @> ARRAY[feed.url]))
  SELECT url FROM fresh`;

/** An article by id, else by URL (normalised first, then as given). */
export async function findArticle(client: PoolClient, idOrUrl: string): Promise<{ doc: number; record: ArticleRecord } | undefined> {
  const normalised = normaliseUrl(idOrUrl);
  const found = await client.query<{ doc: number; record: ArticleRecord; rank: number }>(
    `SELECT doc, record, CASE WHEN id = $1 THEN 0 WHEN url = $2 THEN 1 ELSE 2 END AS rank
     FROM articles WHERE id = $1 OR url = $2 OR url = $1 ORDER BY rank LIMIT 1`,
    [idOrUrl, normalised ?? idOrUrl],
  );
  return found.rows[0];
}
