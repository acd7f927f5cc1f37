import type { FeedHints, FeedRecord } from '@tidings/contracts';
import { feedFromDecodedRow, type DecodedFeedRow } from '../feeds/feed-row.js';

/** A `feeds` row as SQLite returns it: tags, poll hints and warnings as JSON text. */
export type FeedRow = Omit<DecodedFeedRow, 'tags' | 'poll_hints' | 'last_warnings'> & { tags: string; poll_hints: string | null; last_warnings: string };

export function feedFromRow(row: FeedRow): FeedRecord {
  return feedFromDecodedRow({
    ...row,
    tags: JSON.parse(row.tags) as string[],
    poll_hints: row.poll_hints === null ? null : (JSON.parse(row.poll_hints) as FeedHints),
    last_warnings: JSON.parse(row.last_warnings) as string[],
  });
}
