import { z } from 'zod';
import type { StoryPage, StorySummary } from '@tidings/contracts';
import { SearchHitSchema } from './articles.js';
import { countParameter, plainText, type SameType } from './common.js';

/** One story: the articles (across feeds and sites) the indexer grouped under one storyId. */
export const StorySummarySchema = z
  .object({
    id: z.string().describe('the storyId its articles carry'),
    title: z.string().describe("its first article's title"),
    size: z.number().int().describe('how many articles it has'),
    sites: z.array(z.string()).describe('the distinct sites of its articles (site name, else host), sorted'),
    firstSeen: z.string().describe('ISO time of its earliest article (publishedAt, else fetchedAt)'),
    lastSeen: z.string().describe('ISO time of its latest article'),
  })
  .meta({ id: 'StorySummary' });

export const StoryPageSchema = z
  .object({
    stories: z.array(StorySummarySchema).describe('newest first, by their latest article'),
    nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  })
  .meta({ id: 'StoryPage' });

/** A story with a page of its articles, newest first. */
export const StoryArticlesSchema = z
  .object({
    story: StorySummarySchema,
    articles: z.array(SearchHitSchema),
    nextCursor: z.string().nullable().describe('pass as cursor for the next page of articles; null on the last page'),
  })
  .meta({ id: 'StoryArticles' });

/** Paging of /api/stories and /api/stories/:id, as /api/search pages. */
export const StoryPageQuery = z.object({
  limit: countParameter(0, 100, 10),
  cursor: plainText().min(1).max(1000).optional().describe('nextCursor of the previous page'),
});

// Compile-time guards: these schemas must describe exactly the contracts' types.
const summaryMatches: SameType<z.infer<typeof StorySummarySchema>, StorySummary> = true;
const pageMatches: SameType<z.infer<typeof StoryPageSchema>, StoryPage> = true;
void [summaryMatches, pageMatches];
