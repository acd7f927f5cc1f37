import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TidingsError } from '@tidings/contracts';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { ArticleSchema, filtersOf, SearchQuery, SearchResultSchema, SimilarQuery, SimilarResultSchema } from '../schemas/articles.js';
import { ErrorSchema, IdParams, READ_ERRORS } from '../schemas/common.js';

/** GET /api/search, /api/articles/:id and /api/articles/:id/similar. */
export const searchRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  const read = requireAccess(deps.auth, 'read');

  app.get(
    '/api/search',
    {
      onRequest: read,
      schema: {
        tags: ['articles'],
        summary: 'Full-text search with filters, facets and cursor paging',
        querystring: SearchQuery,
        response: { 200: SearchResultSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      const { q, sort, limit, cursor, facets, collapse } = request.query;
      const filters = filtersOf(request.query);
      if (q.trim() === '' && Object.keys(filters).length === 0) {
        throw new ApiError(400, 'invalid-query', 'give a query (q) or at least one filter (site, feed, author, lang, tag, since, until, story)');
      }
      return deps.index.search(q, { limit, cursor: cursor ?? null, filters, facets: facets === 'true', ...(sort ? { sort } : {}), ...(collapse ? { collapse } : {}) });
    },
  );

  app.get(
    '/api/articles/:id',
    {
      onRequest: read,
      schema: {
        tags: ['articles'],
        summary: 'One article: cleaned text, sanitised HTML and metadata',
        params: IdParams,
        response: { 200: ArticleSchema, 404: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      const article = await deps.index.getArticle(request.params.id);
      if (!article) throw new ApiError(404, 'not-found', `no article ${request.params.id}`);
      return article;
    },
  );

  app.get(
    '/api/articles/:id/similar',
    {
      onRequest: read,
      schema: {
        tags: ['articles'],
        summary: 'The closest other articles by content',
        params: IdParams,
        querystring: SimilarQuery,
        response: { 200: SimilarResultSchema, 404: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      try {
        return { hits: await deps.index.similar(request.params.id, { limit: request.query.limit }) };
      } catch (error) {
        if (error instanceof TidingsError && error.code === 'not-found') throw new ApiError(404, 'not-found', `no article ${request.params.id}`);
        throw error;
      }
    },
  );
};
