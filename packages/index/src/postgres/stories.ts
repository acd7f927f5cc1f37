import type { PoolClient } from 'pg';
import type { StoryPage, StorySummary } from '@tidings/contracts';
import { storyPageOf, storySummary, type StoryListPlan } from '../search/stories.js';

/**
 * Stories in PostgreSQL: articles grouped by story_id, through
 * articles_by_story (story_id, date_at). The same figures as SQLite's
 * (sqlite/stories.ts); callers share one snapshot where several statements must agree.
 */

interface SummaryRow {
  id: string;
  title: string;
  size: number;
  sites: string[];
  first_seen: Date;
  last_seen: Date;
}

/** A doc above every stored one: no horizon. */
const NO_HORIZON = 2_147_483_647;

/** The summaries of these stories (those with an article at or below the horizon), by id. */
export async function storySummaries(client: PoolClient, ids: readonly string[], horizon: number | null): Promise<Map<string, StorySummary>> {
  if (ids.length === 0) return new Map();
  const rows = await client.query<SummaryRow>(
    `SELECT a.story_id AS id, count(*)::integer AS size, min(a.date_at) AS first_seen, max(a.date_at) AS last_seen, array_agg(DISTINCT a.site) AS sites,
       (array_agg(a.title ORDER BY a.date_at, a.doc))[1] AS title
     FROM articles AS a WHERE a.story_id = ANY($1::text[]) AND a.doc <= $2::integer GROUP BY a.story_id`,
    [ids, horizon ?? NO_HORIZON],
  );
  return new Map(
    rows.rows.map((row) => [
      row.id,
      storySummary({ id: row.id, title: row.title, size: row.size, sites: row.sites, firstSeen: row.first_seen.toISOString(), lastSeen: row.last_seen.toISOString() }),
    ]),
  );
}

/** One page of the story list (run it in a REPEATABLE READ transaction: two statements). */
export async function listStories(client: PoolClient, plan: StoryListPlan): Promise<StoryPage> {
  const horizon = plan.horizon ?? (await client.query<{ n: number }>('SELECT coalesce(max(doc), 0) AS n FROM articles')).rows[0]?.n ?? 0;
  const values: unknown[] = [horizon, plan.limit + 1];
  let having = '';
  if (plan.after) {
    values.push(plan.after.lastSeen, plan.after.id);
    having = 'HAVING max(date_at) < $3::timestamptz OR (max(date_at) = $3::timestamptz AND story_id COLLATE "C" < $4::text)';
  }
  const rows = await client.query<{ id: string }>(
    `SELECT story_id AS id FROM articles WHERE story_id IS NOT NULL AND doc <= $1::integer GROUP BY story_id ${having}
     ORDER BY max(date_at) DESC, story_id COLLATE "C" DESC LIMIT $2::integer`,
    values,
  );
  const ids = rows.rows.map((row) => row.id);
  return storyPageOf(plan, horizon, ids, await storySummaries(client, ids.slice(0, plan.limit), horizon));
}
