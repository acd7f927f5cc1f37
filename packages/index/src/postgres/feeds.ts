import type { PoolClient } from 'pg';
import type { ArticleRecord, FeedRecord } from '@tidings/contracts';
import type { CheckedFeedPatch } from '../feeds/feed-input.js';
import { feedTagKeys } from '../feeds/feed-tags.js';
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
  if (!inserted.rows[0]) return null;
  await writeFeedTags(client, feed.id, feed.tags);
  return feedFromPgRow(inserted.rows[0]);
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
    ['last_fetch_at', patch.lastFetchAt, 'text'],
    ['last_status', patch.lastStatus, 'text'],
    ['last_error', patch.lastError, 'text'],
    ['last_error_code', patch.lastErrorCode, 'text'],
    ['consecutive_failures', patch.consecutiveFailures, 'integer'],
    ['etag', patch.etag, 'text'],
    ['last_modified', patch.lastModified, 'text'],
    // pg would send a JS object as JSON anyway; stringified, a null stays an SQL NULL rather than a JSON null.
    ['poll_hints', patch.pollHints === undefined ? undefined : patch.pollHints && JSON.stringify(patch.pollHints), 'jsonb'],
    ['last_warnings', patch.lastWarnings, 'text[]'],
  ];
  const set = columns.filter(([, value]) => value !== undefined);
  // Column names come from the fixed list above, never from the caller.
  const sql =
    set.length === 0
      ? 'SELECT * FROM feeds WHERE id = $1'
      : `UPDATE feeds SET ${set.map(([column, , cast], i) => `${column} = $${i + 2}::${cast}`).join(', ')} WHERE id = $1 RETURNING *`;
  const updated = await client.query<PgFeedRow>(sql, [id, ...set.map(([, value]) => value)]);
  if (!updated.rows[0]) return null;
  if (patch.tags !== undefined) await writeFeedTags(client, id, patch.tags);
  return feedFromPgRow(updated.rows[0]);
}

/**
 * Makes a feed's rows of feed_tags (for the tag filter) the keys of `tags`
 * (feeds/feed-tags.ts): those it no longer has deleted, the new ones added,
 * in one statement (the two touch different rows). The feed's own deletion
 * takes its rows with it (ON DELETE CASCADE).
 */
async function writeFeedTags(client: PoolClient, id: string, tags: readonly string[]): Promise<void> {
  await client.query(
    `WITH gone AS (DELETE FROM feed_tags WHERE feed_id = $1 AND tag_key <> ALL($2::text[]))
     INSERT INTO feed_tags (feed_id, tag_key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [id, feedTagKeys(tags)],
  );
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
