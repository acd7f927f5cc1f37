import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeError } from '@tidings/contracts';
import { importSubscriptions, importSummary } from '@tidings/subscriptions';
import { requireAccess } from '../auth.js';
import { DEFAULT_FETCH_SETTINGS, type ApiDeps } from '../deps.js';
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
      // The one import (the CLI's too): outlines the fetcher would refuse, or the index refuses, are reported, the rest subscribed.
      const report = await importSubscriptions(deps.index, parsed, { allowPrivate: (deps.fetch ?? DEFAULT_FETCH_SETTINGS).allowPrivate });
      const result = { ...importSummary(report), report };
      request.log.info({ added: result.added, existing: result.existing, failed: result.failed.length }, 'OPML imported');
      return result;
    },
  );
};
