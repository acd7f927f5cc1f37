import type { Database, Statement } from 'better-sqlite3';
import type { StoryPage, StorySummary } from '@tidings/contracts';
import { storyPageOf, storySummary, type StoryListPlan } from '../search/stories.js';

interface SummaryRow {
  id: string;
  title: string;
  size: number;
  sites: string;
  first_seen: string;
  last_seen: string;
}

/** A doc above every stored one: no horizon. */
const NO_HORIZON = Number.MAX_SAFE_INTEGER;

/**
 * Stories on one SQLite connection: articles grouped by story_id, read
 * through articles_by_story (story_id, date_key; the doc rides along as
 * the rowid), so neither query reads an article row but for the titles.
 * Callers run these inside a read transaction where several must agree.
 */
export class SqliteStories {
  private readonly summaryStatement: Statement<[{ horizon: number; ids: string }], SummaryRow>;
  private readonly firstPage: Statement<[number, number], { id: string }>;
  private readonly laterPage: Statement<[number, string, string, string, number], { id: string }>;
  private readonly newestDoc: Statement<[], { n: number | null }>;

  constructor(db: Database) {
    this.summaryStatement = db.prepare<[{ horizon: number; ids: string }], SummaryRow>(
      `SELECT a.story_id AS id, count(*) AS size, min(a.date_key) AS first_seen, max(a.date_key) AS last_seen, json_group_array(DISTINCT a.site) AS sites,
         (SELECT t.title FROM articles AS t WHERE t.story_id = a.story_id AND t.doc <= @horizon ORDER BY t.date_key, t.doc LIMIT 1) AS title
       FROM articles AS a WHERE a.story_id IN (SELECT value FROM json_each(@ids)) AND a.doc <= @horizon GROUP BY a.story_id`,
    );
    const list = (having: string) =>
      `SELECT story_id AS id, max(date_key) AS last_seen FROM articles WHERE story_id IS NOT NULL AND doc <= ? GROUP BY story_id ${having}
       ORDER BY last_seen DESC, id DESC LIMIT ?`;
    this.firstPage = db.prepare<[number, number], { id: string }>(list(''));
    this.laterPage = db.prepare<[number, string, string, string, number], { id: string }>(list('HAVING last_seen < ? OR (last_seen = ? AND story_id < ?)'));
    this.newestDoc = db.prepare<[], { n: number | null }>('SELECT max(doc) AS n FROM articles');
  }

  /** The summaries of these stories (those with an article at or below the horizon), by id. */
  summaries(ids: readonly string[], horizon: number | null): Map<string, StorySummary> {
    if (ids.length === 0) return new Map();
    const rows = this.summaryStatement.all({ horizon: horizon ?? NO_HORIZON, ids: JSON.stringify(ids) });
    return new Map(
      rows.map((row) => [row.id, storySummary({ id: row.id, title: row.title, size: row.size, sites: JSON.parse(row.sites) as string[], firstSeen: row.first_seen, lastSeen: row.last_seen })]),
    );
  }

  /** One page of the story list. */
  list(plan: StoryListPlan): StoryPage {
    const horizon = plan.horizon ?? this.newestDoc.get()?.n ?? 0;
    const rows = plan.after
      ? this.laterPage.all(horizon, plan.after.lastSeen, plan.after.lastSeen, plan.after.id, plan.limit + 1)
      : this.firstPage.all(horizon, plan.limit + 1);
    const ids = rows.map((row) => row.id);
    return storyPageOf(plan, horizon, ids, this.summaries(ids.slice(0, plan.limit), horizon));
  }
}
