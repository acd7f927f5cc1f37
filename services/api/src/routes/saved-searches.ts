import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { savedSearchView, type SavedSearchStore } from '@tidings/alerts';
import { DeliveryLogEntrySchema, DIGEST_PERIODS, SavedSearchFiltersSchema } from '@tidings/contracts';
import { checkFetchable } from '@tidings/http';
import { requireAccess } from '../auth.js';
import { DEFAULT_FETCH_SETTINGS, type ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { countParameter, ErrorSchema, IdParams, plainText, READ_ERRORS } from '../schemas/common.js';

/** Largest body POST /api/saved-searches accepts. */
const BODY_LIMIT = 16 * 1024;

const SavedSearchViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    query: z.string(),
    filters: SavedSearchFiltersSchema,
    webhook: z.object({ url: z.string() }).nullable().describe('where matches are posted; the secret is shown only on creation'),
    createdAt: z.string(),
    digest: z
      .object({ every: z.enum(DIGEST_PERIODS), webhook: z.object({ url: z.string() }).nullable().describe("the digest's own webhook; null: the saved search's, which then gets digests instead of a post per match") })
      .nullable()
      .describe('matches collected and posted as one message per period'),
  })
  .meta({ id: 'SavedSearch' });

const WebhookBody = z.object({
  url: z.string().max(2048).describe('http(s) URL the matches are posted to; refused when the fetcher would refuse it'),
  secret: z.string().min(16).max(200).optional().describe('HMAC-SHA256 key of X-Tidings-Signature and webhook-signature (Standard Webhooks); made for you when left out'),
});

const CreateBody = z.object({
  name: plainText().max(200).optional(),
  query: plainText().max(1000).describe('a query in the search language; may be empty when a filter is given'),
  filters: z
    .object({
      site: plainText().max(300).optional(),
      lang: plainText().max(40).optional(),
      author: plainText().max(300).optional(),
      tag: plainText().max(200).optional(),
      feed: plainText().max(2048).optional(),
    })
    .strict()
    .optional(),
  webhook: WebhookBody.nullable().optional(),
  digest: z
    .object({
      every: z.enum(DIGEST_PERIODS).describe('one digest per hour (on the hour) or per day (midnight UTC), when anything matched'),
      webhook: WebhookBody.nullable().optional().describe("where digests go; left out: the saved search's webhook, which then gets digests instead of a post per match"),
    })
    .nullable()
    .optional(),
});

/**
 * Saved searches that alert: create, list, show (with the webhook's
 * delivery log) and delete. Matching and delivery are the alerter's work
 * (`tidings worker alerter`).
 */
export const savedSearchRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps; store: SavedSearchStore }> = async (app, { deps, store }) => {
  const read = requireAccess(deps.auth, 'read');
  const write = requireAccess(deps.auth, 'write');
  const WRITE_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 503: ErrorSchema } as const;

  app.get(
    '/api/saved-searches',
    {
      onRequest: read,
      schema: { tags: ['saved searches'], summary: 'Saved searches, oldest first', response: { 200: z.object({ savedSearches: z.array(SavedSearchViewSchema) }), ...READ_ERRORS } },
    },
    async () => ({ savedSearches: (await store.list()).map(savedSearchView) }),
  );

  app.post(
    '/api/saved-searches',
    {
      onRequest: write,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['saved searches'],
        summary:
          'Save a search; each newly indexed article it matches is posted to its webhook, or collected into a digest, and streamed at /api/saved-searches/{id}/stream (400 for a query the search refuses, a webhook URL the fetcher would refuse, or a digest without a webhook)',
        body: CreateBody,
        response: {
          201: z.object({
            savedSearch: SavedSearchViewSchema,
            webhookSecret: z.string().nullable().describe('shown once'),
            digestWebhookSecret: z.string().nullable().describe("the digest's own webhook's secret, shown once"),
          }),
          ...WRITE_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { name, query, filters, webhook, digest } = request.body;
      const allowPrivate = (deps.fetch ?? DEFAULT_FETCH_SETTINGS).allowPrivate;
      const record = await store.create(
        { query, ...(name !== undefined ? { name } : {}), ...(filters ? { filters } : {}), ...(webhook ? { webhook } : {}), ...(digest ? { digest } : {}) },
        (url) => checkFetchable(url, { allowPrivate }),
      );
      request.log.info({ searchId: record.id }, 'saved search created');
      return reply.code(201).send({ savedSearch: savedSearchView(record), webhookSecret: record.webhook?.secret ?? null, digestWebhookSecret: record.digest?.webhook?.secret ?? null });
    },
  );

  app.get(
    '/api/saved-searches/:id',
    {
      onRequest: read,
      schema: {
        tags: ['saved searches'],
        summary: 'A saved search and its webhook delivery log (newest first)',
        params: IdParams,
        querystring: z.object({ limit: countParameter(1, 200, 50) }),
        response: { 200: z.object({ savedSearch: SavedSearchViewSchema, deliveries: z.array(DeliveryLogEntrySchema) }), 404: ErrorSchema, ...READ_ERRORS },
      },
    },
    async (request) => {
      const record = await store.get(request.params.id);
      if (!record) throw new ApiError(404, 'not-found', `no saved search ${request.params.id}`);
      return { savedSearch: savedSearchView(record), deliveries: await store.deliveries(record.id, request.query.limit) };
    },
  );

  app.delete(
    '/api/saved-searches/:id',
    {
      onRequest: write,
      schema: { tags: ['saved searches'], summary: 'Delete a saved search (and its delivery log)', params: IdParams, response: { 204: z.null().describe('deleted'), 404: ErrorSchema, ...WRITE_ERRORS } },
    },
    async (request, reply) => {
      if (!(await store.delete(request.params.id))) throw new ApiError(404, 'not-found', `no saved search ${request.params.id}`);
      request.log.info({ searchId: request.params.id }, 'saved search deleted');
      return reply.code(204).send(null);
    },
  );
};
