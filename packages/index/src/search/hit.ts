import type { SearchHit } from '@tidings/contracts';

/** The articles columns of a search hit, as both backends read them (authors already decoded). */
export interface HitColumns {
  id: string;
  url: string;
  title: string;
  published_at: string | null;
  site_name: string | null;
  authors: string[];
  story_id: string | null;
  score: number;
}

/** A search hit from its row and snippet: the same fields, in the same order, on both backends. */
export function searchHit(row: HitColumns, snippet: string): SearchHit {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    publishedAt: row.published_at,
    siteName: row.site_name,
    snippet,
    score: row.score,
    authors: row.authors,
    ...(row.story_id === null ? {} : { storyId: row.story_id }),
  };
}
