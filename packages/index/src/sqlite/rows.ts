import type { FeedHints, FeedRecord, FeedState } from '@tidings/contracts';

/** A `feeds` row as SQLite returns it. */
export interface FeedRow {
  id: string;
  url: string;
  title: string | null;
  added_at: string;
  last_fetch_at: string | null;
  last_status: string | null;
  last_error: string | null;
  consecutive_failures: number;
  items_seen: number;
  etag: string | null;
  last_modified: string | null;
  /** JSON array. */
  tags: string;
  state: string;
  state_reason: string | null;
  interval_ms: number | null;
  next_poll_at: string | null;
  last_new_item_at: string | null;
  last_http_status: number | null;
  /** JSON FeedHints, or null. */
  poll_hints: string | null;
  /** JSON array. */
  last_warnings: string;
}

export function feedFromRow(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    addedAt: row.added_at,
    lastFetchAt: row.last_fetch_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    itemsSeen: row.items_seen,
    etag: row.etag,
    lastModified: row.last_modified,
    tags: JSON.parse(row.tags) as string[],
    state: row.state as FeedState,
    stateReason: row.state_reason,
    intervalMs: row.interval_ms,
    nextPollAt: row.next_poll_at,
    lastNewItemAt: row.last_new_item_at,
    lastHttpStatus: row.last_http_status,
    pollHints: row.poll_hints === null ? null : (JSON.parse(row.poll_hints) as FeedHints),
    lastWarnings: JSON.parse(row.last_warnings) as string[],
  };
}
