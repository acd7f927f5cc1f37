import type { FastifyPluginAsync } from 'fastify';
import { QUEUES, type WebSubSubscription } from '@tidings/contracts';
import { applyPushChange, type PollRecorder } from '@tidings/polling';
import type { BodyStore } from '@tidings/queue';
import { decodeBody } from '@tidings/text';
import { answerIntent, checkSignature, requestedLeaseSeconds, SIGNATURE_HEADER, type IntentQuery, type WebSubStore } from '@tidings/websub';
import type { ApiDeps } from '../deps.js';

/** What the WebSub callback routes use besides the API's own dependencies; given only when WebSub is on (TIDINGS_API_PUBLIC_URL set). */
export interface WebSubCallbackDeps {
  store: WebSubStore;
  /** Pushed bodies go here, as fetched ones do, and the parse job carries the key. */
  bodies: BodyStore;
  /** Records a hub starting or stopping to push on the feed (its next poll). */
  polling: PollRecorder;
  /** TIDINGS_WEBSUB_LEASE: the lease asked for, assumed when a hub's verification names none, and the most kept of a longer one granted. */
  leaseMs: number;
  /** TIDINGS_WEBSUB_SAFETY_POLL. */
  safetyPollMs: number;
  /** Largest pushed body taken (TIDINGS_FETCH_MAX_BYTES, as for a fetched feed); larger ones get 413. */
  maxBytes: number;
  /** Pushed bodies taken per subscription per window (default PUSHES_PER_WINDOW of @tidings/websub); more get 429. */
  pushesPerWindow?: number;
}

const INTENT_FIELDS = ['hub.mode', 'hub.topic', 'hub.challenge', 'hub.lease_seconds', 'hub.reason'] as const;

/** The hub's query, its single string values only. */
function intentQuery(query: unknown): IntentQuery {
  const fields = (query ?? {}) as Record<string, unknown>;
  const picked: IntentQuery = {};
  for (const name of INTENT_FIELDS) if (typeof fields[name] === 'string') picked[name] = fields[name];
  return picked;
}

/**
 * The WebSub callback: `GET /websub/:id` answers a hub's intent verification
 * (or denial), `POST /websub/:id` takes pushed content. Not behind the API
 * token (hubs have none): a callback is found only by its unguessable id, and
 * pushed content is taken only with a valid `X-Hub-Signature` under the
 * subscription's secret. A bad or missing signature is still answered 202
 * (the spec lets a subscriber acknowledge it, which tells a prober nothing)
 * and the content ignored; an unknown or ended subscription gets 410 Gone,
 * which tells the hub to stop. Taken content goes to the parser as a parse
 * job, like a fetched feed's; past PUSHES_PER_WINDOW bodies in 10 minutes
 * a subscription's pushes get 429 with Retry-After (a hostile feed can name
 * a hostile hub, and every body taken is stored for the parser).
 */
export const webSubRoutes: FastifyPluginAsync<{ deps: ApiDeps; webSub: WebSubCallbackDeps }> = async (app, { deps, webSub }) => {
  // Pushed bodies are read raw, whatever their type: the signature is over the bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: webSub.maxBytes }, (_request, body, done) => done(null, body));

  app.get<{ Params: { id: string } }>('/websub/:id', { schema: { hide: true } }, async (request, reply) => {
    const subscription = await webSub.store.get(request.params.id);
    if (!subscription) return reply.code(404).type('text/plain; charset=utf-8').send('');
    const answer = answerIntent(subscription, intentQuery(request.query), Date.now(), requestedLeaseSeconds(webSub.leaseMs));
    if (answer.record === null) await webSub.store.remove(subscription);
    else if (answer.record) await webSub.store.save(answer.record);
    if (answer.push !== 'unchanged') {
      const feed = await deps.index.getFeed(subscription.feedId);
      if (feed) await applyPushChange(webSub.polling, feed, answer.push, webSub.safetyPollMs);
    }
    request.log.info({ feedId: subscription.feedId, hub: subscription.hub, mode: intentQuery(request.query)['hub.mode'] ?? null, status: answer.status }, 'WebSub intent answered');
    return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body);
  });

  app.post<{ Params: { id: string } }>('/websub/:id', { schema: { hide: true }, bodyLimit: webSub.maxBytes }, async (request, reply) => {
    const subscription = await webSub.store.get(request.params.id);
    if (!subscription || subscription.state !== 'active') return reply.code(410).send();
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = checkSignature(request.headers[SIGNATURE_HEADER], body, subscription.secret);
    if (signature !== 'valid' || body.length === 0) {
      await webSub.store.recordPush(subscription.id, { taken: false });
      request.log.warn({ feedId: subscription.feedId, code: 'websub-signature', signature, bytes: body.length }, 'pushed content ignored: its signature is not valid');
      return reply.code(202).send();
    }
    const waitMs = await webSub.store.takePushSlot(subscription.id, Date.now(), webSub.pushesPerWindow);
    if (waitMs !== null) {
      // A hub retries a delivery refused with a 4xx/5xx (WebSub 7); the safety poll catches up meanwhile.
      request.log.warn({ feedId: subscription.feedId, hub: subscription.hub, code: 'websub-rate-limited', bytes: body.length }, 'pushed content refused for now: the hub pushes more often than a topic changes');
      return reply.code(429).header('retry-after', String(Math.ceil(waitMs / 1000))).send();
    }
    await queuePushedContent(subscription, body, request.headers, deps, webSub);
    await webSub.store.recordPush(subscription.id, { taken: true, at: new Date().toISOString() });
    request.log.info({ feedId: subscription.feedId, bytes: body.length }, 'pushed content queued for parsing');
    return reply.code(202).send();
  });
};

/** Stores a pushed body and queues it for the parser, as the fetcher does a fetched one (marked `push`: no poll happened). */
async function queuePushedContent(
  subscription: WebSubSubscription,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  deps: ApiDeps,
  webSub: WebSubCallbackDeps,
): Promise<void> {
  const single = (name: string) => (typeof headers[name] === 'string' ? headers[name] : null);
  const { text, warnings } = decodeBody(body, single('content-type'), 'feed');
  const bodyKey = await webSub.bodies.put(text);
  const fetchedAt = new Date().toISOString();
  await deps.queues.add(
    QUEUES.feedParse,
    { feedId: subscription.feedId, finalUrl: subscription.topic, contentLocation: null, linkHeader: single('link'), source: 'push', bodyKey, fetchedAt, etag: null, lastModified: null, warnings },
    // One parse per delivered body: a hub that delivers the same content twice (a retry) queues it once.
    { jobId: `push-${subscription.id}-${bodyKey.slice(bodyKey.lastIndexOf(':') + 1)}` },
  );
}
