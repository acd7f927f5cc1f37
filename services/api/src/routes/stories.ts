import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { ErrorSchema, IdParams, READ_ERRORS } from '../schemas/common.js';
import { StoryArticlesSchema, StoryPageQuery, StoryPageSchema } from '../schemas/stories.js';

/** GET /api/stories and /api/stories/:id: articles the indexer grouped into stories, across feeds and sites. */
export const storyRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  const read = requireAccess(deps.auth, 'read');

  app.get(
    '/api/stories',
    {
      onRequest: read,
      schema: {
        tags: ['stories'],
        summary: 'Stories, newest first: size, sites, first and last seen, with cursor paging',
        querystring: StoryPageQuery,
        response: { 200: StoryPageSchema, ...READ_ERRORS },
      },
    },
    async (request) => deps.index.listStories({ limit: request.query.limit, cursor: request.query.cursor ?? null }),
  );

  app.get(
    '/api/stories/:id',
    {
      onRequest: read,
      schema: {
        tags: ['stories'],
        summary: "One story and a page of its articles, newest first",
        params: IdParams,
        querystring: StoryPageQuery,
        response: { 200: StoryArticlesSchema, 404: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      const story = await deps.index.getStory(request.params.id);
      if (!story) throw new ApiError(404, 'not-found', `no story ${request.params.id}`);
      const { limit, cursor } = request.query;
      const page = await deps.index.search('', { filters: { story: story.id }, sort: 'date', facets: false, limit, cursor: cursor ?? null });
      return { story, articles: page.hits, nextCursor: page.nextCursor };
    },
  );
};
