import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUEUES } from '@tidings/contracts';
import type { FeedPatch } from '@tidings/index';
import { pausedByHandPatch, resumedByHandPatch } from '@tidings/polling';
import { subscribe, SubscribeError } from '@tidings/subscriptions';
import { requireAccess } from '../auth.js';
import { DEFAULT_FETCH_SETTINGS, type ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { ErrorSchema, IdParams, READ_ERRORS } from '../schemas/common.js';
import { AddFeedBody, AddFeedResultSchema, FeedListSchema, FeedPatchBody, FeedResultSchema, RefreshResultSchema, SubscribeRefusalSchema } from '../schemas/feeds.js';

/** Largest body POST /api/feeds accepts. */
const FEED_BODY_LIMIT = 16 * 1024;

/** Pausing and resuming a feed by hand: POST /api/feeds/:id/<action>. */
const STATE_CHANGES: Record<'pause' | 'resume', { summary: string; patch: (now: Date) => FeedPatch }> = {
  pause: {
    summary: 'Stop polling a feed until it is resumed (articles stay)',
    patch: pausedByHandPatch,
  },
  resume: {
    summary: 'Poll a paused or stopped feed again, from now on (as `tidings resume`)',
    patch: resumedByHandPatch,
  },
};

/** The feed list with health, subscribe, unsubscribe, tags, pause and resume, and poll-now. */
export const feedRoutes: FastifyPluginAsyncZod<{ deps: ApiDeps }> = async (app, { deps }) => {
  const read = requireAccess(deps.auth, 'read');
  const write = requireAccess(deps.auth, 'write');
  const WRITE_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 503: ErrorSchema } as const;

  app.get(
    '/api/feeds',
    {
      onRequest: read,
      schema: { tags: ['feeds'], summary: 'Subscribed feeds with their health', response: { 200: FeedListSchema, ...READ_ERRORS } },
    },
    async () => ({ feeds: await deps.index.listFeeds() }),
  );

  app.post(
    '/api/feeds',
    {
      onRequest: write,
      bodyLimit: FEED_BODY_LIMIT,
      schema: {
        tags: ['feeds'],
        summary:
          'Subscribe to a feed, or to the one feed a web page offers (201 when new, 200 when already subscribed; 400 for a URL the fetcher would refuse; 422 for a URL offering no feed, or several)',
        body: AddFeedBody,
        response: { 200: AddFeedResultSchema, 201: AddFeedResultSchema, 422: SubscribeRefusalSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const { url, title, tags } = request.body;
      // The one subscribe path (the CLI's too): checked as the fetcher would check it, fetched, a web page's feed discovered.
      let subscribed;
      try {
        subscribed = await subscribe(deps.index, url, {
          fetch: deps.fetch ?? DEFAULT_FETCH_SETTINGS,
          ...(title !== undefined ? { title } : {}),
          ...(tags !== undefined ? { tags } : {}),
          note: (message) => request.log.info({ url }, message),
        });
      } catch (error) {
        if (!(error instanceof SubscribeError)) throw error;
        // The feeds on offer travel as data (the page lets its user pick one); the message names them for people.
        const offered = error.code === 'several-feeds' ? `: ${error.feeds.map((feed) => feed.url).join(', ')}` : '';
        request.log.info({ url, code: error.code }, 'subscription refused');
        const feeds = error.feeds.map((feed) => ({ url: feed.url, title: feed.title }));
        return reply.code(422).send({ statusCode: 422, error: error.code, message: `${error.message}${offered}`, feeds });
      }
      const [result] = subscribed;
      if (result === undefined) throw new Error('subscribe added no feed');
      request.log.info({ feedId: result.feed.id, url: result.feed.url, created: result.created, how: result.how }, 'feed subscribed');
      return reply.code(result.created ? 201 : 200).send({ feed: result.feed, created: result.created });
    },
  );

  app.delete(
    '/api/feeds/:id',
    {
      onRequest: write,
      schema: { tags: ['feeds'], summary: 'Unsubscribe (articles stay)', params: IdParams, response: { 204: z.null().describe('unsubscribed'), 404: ErrorSchema, ...WRITE_ERRORS } },
    },
    async (request, reply) => {
      if (!(await deps.index.removeFeed(request.params.id))) throw new ApiError(404, 'not-found', `no feed ${request.params.id}`);
      request.log.info({ feedId: request.params.id }, 'feed unsubscribed');
      return reply.code(204).send(null);
    },
  );

  /** Applies a person's change to a feed, or answers 404. */
  const changeFeed = async (id: string, patch: FeedPatch) => {
    const feed = await deps.index.updateFeed(id, patch);
    if (!feed) throw new ApiError(404, 'not-found', `no feed ${id}`);
    return feed;
  };
  const CHANGED = { 200: FeedResultSchema, 404: ErrorSchema, ...WRITE_ERRORS } as const;

  app.patch(
    '/api/feeds/:id',
    {
      onRequest: write,
      bodyLimit: FEED_BODY_LIMIT,
      schema: { tags: ['feeds'], summary: "Change a feed's tags (its articles are found by them: the search's tag filter)", params: IdParams, body: FeedPatchBody, response: CHANGED },
    },
    async (request) => {
      const feed = await changeFeed(request.params.id, { tags: request.body.tags });
      request.log.info({ feedId: feed.id, tags: feed.tags }, 'feed tags changed');
      return { feed };
    },
  );

  for (const [action, { summary, patch }] of Object.entries(STATE_CHANGES)) {
    app.post(
      `/api/feeds/:id/${action}`,
      { onRequest: write, bodyLimit: 1024, schema: { tags: ['feeds'], summary, params: IdParams, response: CHANGED } },
      async (request) => {
        const feed = await changeFeed(request.params.id, patch(new Date()));
        request.log.info({ feedId: feed.id, state: feed.state }, `feed ${action}d`);
        return { feed };
      },
    );
  }

  app.post(
    '/api/feeds/:id/refresh',
    {
      onRequest: write,
      bodyLimit: 1024,
      schema: {
        tags: ['feeds'],
        summary: 'Poll a feed now (queues a feed-fetch job)',
        params: IdParams,
        response: { 202: RefreshResultSchema, 404: ErrorSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const feed = await deps.index.getFeed(request.params.id);
      if (!feed) throw new ApiError(404, 'not-found', `no feed ${request.params.id}`);
      // A fresh id each time: BullMQ ignores a job id it still keeps (completed jobs are kept for a while).
      const jobId = `refresh-${feed.id}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
      await deps.queues.add(QUEUES.feedFetch, { feedId: feed.id, feedUrl: feed.url }, { jobId });
      request.log.info({ feedId: feed.id, jobId }, 'feed refresh queued');
      return reply.code(202).send({ queued: true as const, feedId: feed.id, jobId });
    },
  );
};
