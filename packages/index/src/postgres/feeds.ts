import type { PoolClient } from 'pg';
import type { ArticleRecord, FeedRecord } from '@tidings/contracts';
import type { CheckedFeedPatch } from '../feeds/feed-input.js';
import type { FeedStatusUpdate } from '../types.js';
import { feedFromPgRow, type PgFeedRow } from './rows.js';

/** Feed statements of PostgresIndex, each run on the caller's connection or transaction. */

/** The feed with this URL, or with this id; null when neither. */
export async function feedByUrlOrId(client: PoolClient, url: string, id: string): Promise<FeedRecord | null> {
  const found = await client.query<PgFeedRow>('SELECT * FROM feeds WHERE url = $1 OR id = $2 ORDER BY url = $1 DESC LIMIT 1', [url, id]);
  return found.rows[0] ? feedFromPgRow(found.rows[0]) : null;
}

/** Inserts a feed unless its id or URL exists; the new feed, or null. */
export async function insertFeed(client: PoolClient, feed: { id: string; url: string; title: string | null; tags: string[] }): Promise<FeedRecord | null> {
  const inserted = await client.query<PgFeedRow>(
    'INSERT INTO feeds (id, url, added_at, title, tags) VALUES ($1, $2, $3, $4, $5::text[]) ON CONFLICT DO NOTHING RETURNING *',
    [feed.id, feed.url, new Date().toISOString(), feed.title, feed.tags],
  );
  return inserted.rows[0] ? feedFromPgRow(inserted.rows[0]) : null;
}

/** Writes the fields a checked patch sets (the URL move itself is moveFeed's); the feed as it is then. */
export async function patchFeed(client: PoolClient, id: string, patch: CheckedFeedPatch): Promise<FeedRecord | null> {
  const columns: Array<[string, unknown, string]> = [
    ['url', patch.url, 'text'],
    ['title', patch.title, 'text'],
    ['tags', patch.tags, 'text[]'],
    ['state', patch.state, 'text'],
    ['state_reason', patch.stateReason, 'text'],
    ['interval_ms', patch.intervalMs, 'bigint'],
    ['next_poll_at', patch.nextPollAt, 'text'],
    ['last_new_item_at', patch.lastNewItemAt, 'text'],
    ['last_http_status', patch.lastHttpStatus, 'integer'],
  ];
  const set = columns.filter(([, value]) => value !== undefined);
  // Column names come from the fixed list above, never from the caller.
  const sql =
    set.length === 0
      ? 'SELECT * FROM feeds WHERE id = $1'
      : `UPDATE feeds SET ${set.map(([column, , cast], i) => `${column} = $${i + 2}::${cast}`).join(', ')} WHERE id = $1 RETURNING *`;
  const updated = await client.query<PgFeedRow>(sql, [id, ...set.map(([, value]) => value)]);
  return updated.rows[0] ? feedFromPgRow(updated.rows[0]) : null;
}

/** A feed's URL changed: its articles' feedUrls and the items it listed follow. */
export async function moveFeed(client: PoolClient, from: string, to: string): Promise<void> {
  const rows = await client.query<{ doc: number; record: ArticleRecord }>('SELECT doc, record FROM articles WHERE feed_urls @> ARRAY[$1::text] FOR UPDATE', [from]);
  for (const row of rows.rows) {
    const feedUrls = [...new Set(row.record.feedUrls.map((url) => (url === from ? to : url)))];
    await client.query(`UPDATE articles SET feed_urls = $2::text[], record = jsonb_set(record, '{feedUrls}', $3::jsonb) WHERE doc = $1`, [
      row.doc,
      feedUrls,
      JSON.stringify(feedUrls),
    ]);
  }
  await client.query('INSERT INTO item_feeds (url, feed_url) SELECT url, $2 FROM item_feeds WHERE feed_url = $1 ON CONFLICT DO NOTHING', [from, to]);
  await client.query('DELETE FROM item_feeds WHERE feed_url = $1', [from]);
}

/** recordFeedStatus: `undefined` fields keep the stored value (the flags say which are set). */
export async function recordStatus(client: PoolClient, id: string, update: FeedStatusUpdate): Promise<void> {
  await client.query(
    `UPDATE feeds SET
       last_fetch_at = $2,
       last_status = $3,
       last_error = $4,
       consecutive_failures = CASE WHEN $3 = 'error' THEN consecutive_failures + 1 ELSE 0 END,
       etag = CASE WHEN $5 THEN $6 ELSE etag END,
       last_modified = CASE WHEN $7 THEN $8 ELSE last_modified END,
       title = CASE WHEN $9 THEN $10 ELSE title END,
       last_http_status = CASE WHEN $11 THEN $12::integer ELSE last_http_status END
     WHERE id = $1`,
    [
      id,
      update.at,
      update.status,
      update.status === 'error' ? (update.error ?? null) : null,
      update.etag !== undefined,
      update.etag ?? null,
      update.lastModified !== undefined,
      update.lastModified ?? null,
      update.title !== undefined,
      update.title ?? null,
      update.httpStatus !== undefined,
      update.httpStatus ?? null,
    ],
  );
}
