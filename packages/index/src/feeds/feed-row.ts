import type { FeedHints, FeedRecord, FeedState } from '@tidings/contracts';

/**
 * A `feeds` row with its columns decoded to values (each backend decodes
 * what it stores as text: SQLite's JSON columns, PostgreSQL's bigint), so
 * that one mapping to FeedRecord serves both.
 */
export interface DecodedFeedRow {
  id: string;
  url: string;
  title: string | null;
  added_at: string;
  last_fetch_at: string | null;
  last_status: string | null;
  last_error: string | null;
  last_error_code: string | null;
  consecutive_failures: number;
  items_seen: number;
  etag: string | null;
  last_modified: string | null;
  tags: string[];
  state: string;
  state_reason: string | null;
  interval_ms: number | null;
  next_poll_at: string | null;
  last_new_item_at: string | null;
  last_http_status: number | null;
  poll_hints: FeedHints | null;
  last_warnings: string[];
}

export function feedFromDecodedRow(row: DecodedFeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    addedAt: row.added_at,
    lastFetchAt: row.last_fetch_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    consecutiveFailures: row.consecutive_failures,
    itemsSeen: row.items_seen,
    etag: row.etag,
    lastModified: row.last_modified,
    tags: row.tags,
    state: row.state as FeedState,
    stateReason: row.state_reason,
    intervalMs: row.interval_ms,
    nextPollAt: row.next_poll_at,
    lastNewItemAt: row.last_new_item_at,
    lastHttpStatus: row.last_http_status,
    pollHints: row.poll_hints,
    lastWarnings: row.last_warnings,
  };
}
