import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeError } from '@tidings/contracts';
import { DEFAULT_IMPORT_BUDGET_MS, importSubscriptions, importSummary } from '@tidings/subscriptions';
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

/** The body of POST /api/opml: the document's bytes, in whatever charset it declares. */
const OpmlBody = z
  .instanceof(Buffer)
  .refine((bytes) => bytes.byteLength > 0, { message: 'an OPML document is needed' })
  .meta({ type: 'string', format: 'binary', description: 'an OPML document, in the charset its XML declaration (or byte order mark, or Content-Type charset) names; UTF-8 when none does' });

/** POST /api/opml (import) and GET /api/opml (export). */
export const opmlRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  // Bytes, not a string: an OPML file says its own charset (ISO-8859-1, windows-1252...), which the codec honours.
  app.addContentTypeParser(OPML_TYPES, { parseAs: 'buffer', bodyLimit: OPML_BODY_LIMIT }, (_request, body, done) => done(null, body));

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
      // Fastify parses a JSON or text body too; the schema would refuse it as a bad request (400)
      // when what is wrong is the kind of body: say so (415), with the types taken.
      preValidation: async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
        if (!OPML_TYPES.includes(type)) {
          throw new ApiError(415, 'unsupported-media-type', `POST /api/opml takes an OPML document (${OPML_TYPES.join(', ')}), not ${type || 'a body without a Content-Type'}`);
        }
      },
      bodyLimit: OPML_BODY_LIMIT,
      schema: {
        tags: ['feeds'],
        summary: 'Subscribe to every feed of an OPML document (folders become tags)',
        consumes: OPML_TYPES,
        body: OpmlBody,
        response: { 200: OpmlImportResultSchema, 400: ErrorSchema, 401: ErrorSchema, 415: ErrorSchema, 501: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request) => {
      const codec = codecOf(deps);
      let parsed: ReturnType<OpmlCodec['parse']>;
      try {
        parsed = codec.parse(request.body, request.headers['content-type'] ?? null);
      } catch (error) {
        throw new ApiError(400, 'invalid-opml', `not an OPML document: ${describeError(error).message}`);
      }
      // The one import (the CLI's too): outlines the fetcher would refuse, or the index refuses, are reported, the rest subscribed;
      // within a budget, so a long list answers (with what is left as `unprocessed`) before the client gives up on the request.
      const report = await importSubscriptions(
        deps.index,
        parsed,
        { allowPrivate: (deps.fetch ?? DEFAULT_FETCH_SETTINGS).allowPrivate },
        { budgetMs: deps.opmlImportBudgetMs ?? DEFAULT_IMPORT_BUDGET_MS },
      );
      const result = { ...importSummary(report), report };
      request.log.info({ added: result.added, existing: result.existing, failed: result.failed.length, unprocessed: result.unprocessed }, 'OPML imported');
      return result;
    },
  );
};
