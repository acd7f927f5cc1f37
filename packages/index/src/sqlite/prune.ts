import type { Database } from 'better-sqlite3';
import type { AgedRow, PruneTargets } from '../retention.js';
import { forgetArticle } from './article-store.js';

/**
 * The SQLite side of retention (see retention.ts): pages of articles (by
 * doc) and of seen items (by URL), and their deletion. `read` and `write`
 * are SqliteIndex's guards: a read outside any transaction (WAL: it blocks
 * no writer), and an IMMEDIATE transaction.
 */
export function sqlitePruneTargets(
  db: Database,
  read: <T>(body: () => T) => T,
  write: <T>(body: () => T) => T,
): PruneTargets {
  const articlePage = db.prepare<[number, number], { key: number; at: string; story: string | null }>(
    'SELECT doc AS key, fetched_at AS at, story_id AS story FROM articles WHERE doc > ? ORDER BY doc LIMIT ?',
  );
  const deleteArticle = db.prepare<[number, string]>('DELETE FROM articles WHERE doc = ? AND fetched_at = ?');
  const deleteRecord = db.prepare<[number]>('DELETE FROM article_records WHERE doc = ?');
  const seenPage = db.prepare<[string, number], { key: string; at: string }>('SELECT url AS key, seen_at AS at FROM seen_items WHERE url > ? ORDER BY url LIMIT ?');
  const deleteSeen = db.prepare<[string, string]>('DELETE FROM seen_items WHERE url = ? AND seen_at = ?');
  const deleteItemFeeds = db.prepare<[string]>('DELETE FROM item_feeds WHERE url = ?');
  /** A batch's delete: `one` deletes a row still holding its time (and what hangs off it), all in one write transaction. */
  const removeEach =
    <K>(one: (row: AgedRow<K>) => boolean) =>
    async (rows: readonly AgedRow<K>[]): Promise<number> =>
      write(() => rows.filter(one).length);
  return {
    storyArticles: async (stories) =>
      read(() =>
        db
          // One placeholder per id: the caller sends at most a few hundred at once.
          .prepare<string[], { story: string; at: string }>(`SELECT story_id AS story, fetched_at AS at FROM articles WHERE story_id IN (${stories.map(() => '?').join(', ')})`)
          .all(...stories),
      ),
    articles: {
      start: 0,
      page: async (after, size) => read(() => articlePage.all(after, size)),
      remove: removeEach((row) => {
        if (deleteArticle.run(row.key, row.at).changes === 0) return false;
        // The FTS row too, in the same transaction: a later article may take this rowid.
        deleteRecord.run(row.key);
        forgetArticle(db, row.key);
        return true;
      }),
    },
    seenItems: {
      start: '',
      page: async (after, size) => read(() => seenPage.all(after, size)),
      remove: removeEach((row) => {
        if (deleteSeen.run(row.key, row.at).changes === 0) return false;
        deleteItemFeeds.run(row.key);
        return true;
      }),
    },
  };
}
