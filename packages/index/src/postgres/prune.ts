import type { PruneTargets } from '../retention.js';
import type { Connections } from './connection.js';

/**
 * The PostgreSQL side of retention (see retention.ts): pages of articles
 * (by doc) and of seen items (by URL), and their deletion, a batch per
 * transaction. An article's lexemes are a column of its row (tsvector), so
 * deleting the row takes it out of the GIN index too.
 */
export function postgresPruneTargets(db: Connections): PruneTargets {
  return {
    storyArticles: (stories) =>
      db.withClient('prune', async (client) =>
        (await client.query<{ story: string; at: string }>({ name: 'tidings_prune_story_articles', text: 'SELECT story_id AS story, fetched_at AS at FROM articles WHERE story_id = ANY($1::text[])', values: [stories] })).rows,
      ),
    articles: {
      start: 0,
      page: (after, size) =>
        db.withClient('prune', async (client) =>
          (
            await client.query<{ key: number; at: string; story: string | null }>({
              name: 'tidings_prune_articles_page',
              text: 'SELECT doc AS key, fetched_at AS at, story_id AS story FROM articles WHERE doc > $1 ORDER BY doc LIMIT $2',
              values: [after, size],
            })
          ).rows,
        ),
      remove: (rows) =>
        db.transaction('prune', 'READ COMMITTED', async (client) => {
          const result = await client.query({
            name: 'tidings_prune_articles',
            text: 'DELETE FROM articles AS a USING unnest($1::integer[], $2::text[]) AS old(doc, fetched_at) WHERE a.doc = old.doc AND a.fetched_at = old.fetched_at',
            values: [rows.map((row) => row.key), rows.map((row) => row.at)],
          });
          return result.rowCount ?? 0;
        }),
    },
    seenItems: {
      start: '',
      page: (after, size) =>
        db.withClient('prune', async (client) =>
          (await client.query<{ key: string; at: string }>({ name: 'tidings_prune_seen_page', text: 'SELECT url AS key, seen_at AS at FROM seen_items WHERE url > $1 ORDER BY url LIMIT $2', values: [after, size] })).rows,
        ),
      remove: (rows) =>
        db.transaction('prune', 'READ COMMITTED', async (client) => {
          const removed = await client.query<{ url: string }>({
            name: 'tidings_prune_seen',
            text: 'DELETE FROM seen_items AS s USING unnest($1::text[], $2::text[]) AS old(url, seen_at) WHERE s.url = old.url AND s.seen_at = old.seen_at RETURNING s.url',
            values: [rows.map((row) => row.key), rows.map((row) => row.at)],
          });
          const urls = removed.rows.map((row) => row.url);
          if (urls.length > 0) await client.query({ name: 'tidings_prune_item_feeds', text: 'DELETE FROM item_feeds WHERE url = ANY($1::text[])', values: [urls] });
          return urls.length;
        }),
    },
  };
}
