import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeError, TidingsError } from '@tidings/contracts';
import { checkFetchableAll } from '@tidings/http';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { OpmlCodec } from '../opml.js';
import { ErrorSchema, READ_ERRORS } from '../schemas/common.js';
import { OpmlImportResultSchema } from '../schemas/feeds.js';

/** Largest OPML document accepted (a few thousand feeds). */
const OPML_BODY_LIMIT = 2 * 1024 * 1024;
const OPML_TYPES = ['text/x-opml', 'application/x-opml', 'text/xml', 'application/xml'];

function codecOf(deps: ApiDeps): OpmlCodec {
  if (!deps.opml) throw new ApiError(501, 'not-implemented', 'OPML import/export is not available in this build yet');
  return deps.opml;
}

/** POST /api/opml (import) and GET /api/opml (export). */
export const opmlRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.addContentTypeParser(OPML_TYPES, { parseAs: 'string', bodyLimit: OPML_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get(
    '/api/opml',
    {
      onRequest: requireAccess(deps.auth, 'read'),
      schema: {
        tags: ['feeds'],
        summary: 'Every subscribed feed as an OPML document',
        produces: ['text/x-opml'],
        response: { 200: z.string().describe('OPML 2.0'), 501: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (_request, reply) => {
      const codec = codecOf(deps);
      const document = codec.render(await deps.index.listFeeds(), { title: 'Tidings subscriptions' });
      return reply.type('text/x-opml; charset=utf-8').header('Content-Disposition', 'attachment; filename="tidings.opml"').send(document);
    },
  );

  app.post(
    '/api/opml',
    {
      onRequest: requireAccess(deps.auth, 'write'),
      bodyLimit: OPML_BODY_LIMIT,
      schema: {
        tags: ['feeds'],
        summary: 'Subscribe to every feed of an OPML document (folders become tags)',
        consumes: OPML_TYPES,
        body: z.string().min(1).describe('an OPML document'),
        response: { 200: OpmlImportResultSchema, 400: ErrorSchema, 401: ErrorSchema, 501: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request) => {
      const codec = codecOf(deps);
      let parsed: ReturnType<OpmlCodec['parse']>;
      try {
        parsed = codec.parse(request.body);
      } catch (error) {
        throw new ApiError(400, 'invalid-opml', `not an OPML document: ${describeError(error).message}`);
      }
      const result = { added: 0, existing: 0, failed: parsed.invalid.map(({ entry, reason }) => ({ url: entry, message: reason })) };
      // The same rule as POST /api/feeds (and the fetcher): refused outlines are reported, the rest subscribed.
      const refusals = await checkFetchableAll(
        parsed.feeds.map((outline) => outline.url),
        { allowPrivate: deps.fetch?.allowPrivate ?? [] },
      );
      for (const [index, outline] of parsed.feeds.entries()) {
        const refused = refusals[index];
        if (refused) {
          result.failed.push({ url: outline.url, message: refused.message });
          continue;
        }
        try {
          const { created } = await deps.index.addFeed(outline.url, { title: outline.title, tags: outline.tags });
          if (created) result.added++;
          else result.existing++;
        } catch (error) {
          // One bad outline (a non-http URL) does not stop the rest; the index failing does.
          if (!(error instanceof TidingsError) || !error.permanent) throw error;
          result.failed.push({ url: outline.url, message: error.message });
        }
      }
      request.log.info({ added: result.added, existing: result.existing, failed: result.failed.length }, 'OPML imported');
      return result;
    },
  );
};
