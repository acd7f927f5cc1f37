import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import type { FeedRecord, WebSubView } from '@tidings/contracts';
import { pendingJobs } from '@tidings/queue';
import { createLogger, createRuntime, startServices, type RunningServices, type Runtime } from '@tidings/runtime';
import { startApi, type ApiServer } from '@tidings/service-api';
import { fetcherService } from '@tidings/service-fetcher';
import { indexerService } from '@tidings/service-indexer';
import { parserService } from '@tidings/service-parser';
import { schedulerService } from '@tidings/service-scheduler';
import { WebSubStore } from '@tidings/websub';
// The extractor is not a dependency of the test package; its source is imported directly (as the pipeline harness does).
import { extractorService } from '../../services/extractor/src/index.js';
import { waitFor } from '../pipeline/helpers/pipeline-harness.js';
import { articlePage, startRecordingServer, type RecordingServer } from '../pipeline/helpers/recording-server.js';
import { runCliJson } from '../support/cli.js';
import { deletePrefix, freePort, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

/**
 * WebSub end to end: a feed on 127.0.0.1 that names a hub, a small hub
 * written here to the W3C WebSub recommendation (subscription requests,
 * asynchronous intent verification with a challenge, leases that run out,
 * signed content distribution, denial), and Tidings as `tidings start` runs
 * it: the scheduler, the pipeline workers and the API, on a real Redis.
 */

/** The lease Tidings asks for (and this hub grants): short, so renewals happen within the test. */
const LEASE_SECONDS = 15;

interface HubSubscription {
  callback: string;
  topic: string;
  secret: string;
  leaseSeconds: number;
  timer: NodeJS.Timeout;
}

interface Verification {
  mode: string;
  callback: string;
  topic: string;
  leaseSeconds: number;
  /** The subscriber echoed the challenge with a 200. */
  confirmed: boolean;
}

/** A hub to the spec: 202 for a well-formed request, then verification of intent at the callback; leases end by themselves. */
class TestHub {
  readonly requests: Array<Record<string, string>> = [];
  readonly verifications: Verification[] = [];
  /** Callbacks whose lease ran out without a renewal. */
  readonly lapsed: string[] = [];
  readonly subscriptions = new Map<string, HubSubscription>();
  private server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        this.requests.push(form);
        const mode = form['hub.mode'];
        // Section 5.1: callback, mode and topic are required; the hub answers 202 and verifies later.
        if (req.method !== 'POST' || !form['hub.callback'] || !form['hub.topic'] || (mode !== 'subscribe' && mode !== 'unsubscribe')) {
          res.writeHead(400).end('bad request');
          return;
        }
        res.writeHead(202).end();
        setImmediate(() => void this.verify(form).catch(() => undefined));
      });
    });
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Section 5.3: GET the callback with a challenge; only a 200 echoing it confirms. */
  private async verify(form: Record<string, string>): Promise<void> {
    const mode = form['hub.mode']!;
    const callback = form['hub.callback']!;
    const topic = form['hub.topic']!;
    const leaseSeconds = Number(form['hub.lease_seconds'] ?? LEASE_SECONDS);
    const challenge = randomBytes(12).toString('hex');
    const url = new URL(callback);
    url.searchParams.set('hub.mode', mode);
    url.searchParams.set('hub.topic', topic);
    url.searchParams.set('hub.challenge', challenge);
    if (mode === 'subscribe') url.searchParams.set('hub.lease_seconds', String(leaseSeconds));
    const response = await fetch(url);
    const confirmed = response.status === 200 && (await response.text()) === challenge;
    this.verifications.push({ mode, callback, topic, leaseSeconds, confirmed });
    if (!confirmed) return;
    clearTimeout(this.subscriptions.get(callback)?.timer);
    if (mode === 'unsubscribe') {
      this.subscriptions.delete(callback);
      return;
    }
    const timer = setTimeout(() => {
      this.subscriptions.delete(callback);
      this.lapsed.push(callback);
    }, leaseSeconds * 1_000);
    this.subscriptions.set(callback, { callback, topic, secret: form['hub.secret'] ?? '', leaseSeconds, timer });
  }

  /** Section 8: POST the topic's new content to every subscriber, signed with its secret (or `wrongSecret`). Returns the statuses. */
  async publish(topic: string, body: string, options: { wrongSecret?: string } = {}): Promise<number[]> {
    const statuses: number[] = [];
    for (const subscription of [...this.subscriptions.values()].filter((s) => s.topic === topic)) {
      const signature = createHmac('sha256', options.wrongSecret ?? subscription.secret).update(body).digest('hex');
      const response = await fetch(subscription.callback, {
        method: 'POST',
        headers: { 'content-type': 'application/atom+xml', link: `<${this.url}>; rel="hub", <${topic}>; rel="self"`, 'x-hub-signature': `sha256=${signature}` },
        body,
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    return statuses;
  }

  /** Section 5.2: the hub denies a subscription (here, one it had accepted) and says so at the callback. */
  async deny(topic: string, reason: string): Promise<number[]> {
    const statuses: number[] = [];
    for (const subscription of [...this.subscriptions.values()].filter((s) => s.topic === topic)) {
      clearTimeout(subscription.timer);
      this.subscriptions.delete(subscription.callback);
      const url = new URL(subscription.callback);
      url.searchParams.set('hub.mode', 'denied');
      url.searchParams.set('hub.topic', topic);
      url.searchParams.set('hub.reason', reason);
      const response = await fetch(url);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    return statuses;
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions.values()) clearTimeout(subscription.timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('WebSub: Tidings subscribes at the hub a feed names and takes pushed content', () => {
  const prefix = uniquePrefix('websub');
  const data = tempDir('websub');
  const hub = new TestHub();
  let site: RecordingServer;
  let runtime: Runtime;
  let api: ApiServer;
  let services: RunningServices;
  let store: WebSubStore;
  let env: Record<string, string>;
  let feedId: string;
  let topic: string;
  /** A second feed at the same hub, unsubscribed from Tidings during the test. */
  let secondId: string;
  let secondTopic: string;

  const article = (n: number) => site.url(`/articles/${n}.html`);
  const atom = (numbers: number[], self = topic) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kelmoor Gazette</title><id>urn:kelmoor</id><updated>${new Date().toISOString()}</updated>
<link rel="self" href="${self}"/><link rel="hub" href="${hub.url}"/><link rel="alternate" href="${site.url('/')}"/>
${numbers.map((n) => `<entry><id>urn:kelmoor:${n}</id><title>Kelmoor story ${n}</title><link href="${article(n)}"/><updated>${new Date(Date.now() - n * 60_000).toISOString()}</updated></entry>`).join('\n')}
</feed>`;
  const indexed = (n: number) => runtime.index.getArticle(article(n));
  const feed = async () => (await runtime.index.getFeed(feedId))!;
  const feedFetches = () => site.requestsTo('/feed.atom').length;
  const confirmedSubscribes = () => hub.verifications.filter((v) => v.mode === 'subscribe' && v.confirmed);

  beforeAll(async () => {
    await requireRedis();
    await hub.start();
    site = await startRecordingServer();
    topic = site.url('/feed.atom');
    site.route('/feed.atom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom([1])));
    secondTopic = site.url('/second.atom');
    site.route('/second.atom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom([6], secondTopic)));
    for (const n of [1, 2, 3, 4, 5, 6]) site.route(`/articles/${n}.html`, (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`Kelmoor story ${n}`)));
    const port = await freePort();
    env = {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_LOG_LEVEL: 'silent',
      // The feed, its pages and the hub are on 127.0.0.1 (as the other end-to-end tests' sites are).
      TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
      TIDINGS_FETCH_TIMEOUT_MS: '5000',
      TIDINGS_HOST_DELAY_MS: '20',
      TIDINGS_RETRY_DELAY: '100ms',
      TIDINGS_API_PORT: String(port),
      TIDINGS_API_PUBLIC_URL: `http://127.0.0.1:${port}`,
      TIDINGS_WEBSUB_LEASE: `${LEASE_SECONDS}s`,
    };
    const config = loadConfig(env);
    runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
    store = new WebSubStore(runtime.redis, prefix);
    feedId = (await runtime.index.addFeed(topic)).feed.id;
    secondId = (await runtime.index.addFeed(secondTopic)).feed.id;
    api = await startApi(runtime, { host: '127.0.0.1', port });
    services = await startServices(runtime, [schedulerService, fetcherService, parserService, extractorService, indexerService]);
  }, 60_000);

  afterAll(async () => {
    await services?.close();
    await api?.close();
    await runtime?.close();
    await hub.close();
    await site?.close();
    await deletePrefix(prefix);
    data.remove();
  });

  it('finds the hub at the first poll, subscribes with a callback under the public URL, and confirms the intent', async () => {
    await waitFor(async () => (await indexed(1)) !== null, 30_000);
    await waitFor(() => confirmedSubscribes().length > 0, 30_000);
    const confirmed = confirmedSubscribes().find((v) => v.topic === topic)!;
    expect(confirmed.topic).toBe(topic);
    const request = hub.requests.find((form) => form['hub.mode'] === 'subscribe' && form['hub.topic'] === topic)!;
    expect(request['hub.callback']).toMatch(new RegExp(`^${env.TIDINGS_API_PUBLIC_URL}/websub/[\\w-]{22}$`));
    expect(request['hub.lease_seconds']).toBe(String(LEASE_SECONDS));
    expect(request['hub.secret']!.length).toBeGreaterThanOrEqual(16);
    await waitFor(async () => (await store.forFeed(feedId))?.state === 'active');
    const subscription = await store.forFeed(feedId);
    expect(subscription).toMatchObject({ hub: hub.url, topic, leaseSeconds: LEASE_SECONDS });
    // Polling drops to the safety net (TIDINGS_WEBSUB_SAFETY_POLL, 6 h by default).
    expect(Date.parse((await feed()).nextPollAt!) - Date.now()).toBeGreaterThan(3 * 3_600_000);
    // A verification for a topic it never asked for is refused (section 5.3: 404).
    const stranger = new URL(request['hub.callback']!);
    stranger.search = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': site.url('/other.atom'), 'hub.challenge': 'x', 'hub.lease_seconds': '60' }).toString();
    expect((await fetch(stranger)).status).toBe(404);
  });

  it('shows the subscription in `tidings feeds --json`, secret left out', async () => {
    const { feeds } = await runCliJson<{ feeds: Array<FeedRecord & { websub: WebSubView | null }> }>(['feeds', '--json'], env);
    const listed = feeds.find((f) => f.id === feedId)!;
    expect(listed.websub).toMatchObject({ state: 'active', hub: hub.url, topic });
    expect(Date.parse(listed.websub!.leaseExpires!)).toBeGreaterThan(Date.now() - LEASE_SECONDS * 1_000);
    expect(JSON.stringify(listed)).not.toContain((await store.forFeed(feedId))!.secret);
  });

  it('takes pushed content straight to the parser: the new item is indexed without a poll', async () => {
    const fetchesBefore = feedFetches();
    expect(await hub.publish(topic, atom([2, 1]))).toEqual([202]);
    await waitFor(async () => (await indexed(2)) !== null, 30_000);
    expect(feedFetches()).toBe(fetchesBefore);
    expect((await store.forFeed(feedId))!.lastPushAt).not.toBeNull();
  });

  it('ignores content whose signature does not match, still answering 2xx', async () => {
    expect(await hub.publish(topic, atom([3, 2, 1]), { wrongSecret: 'not-the-subscription-secret' })).toEqual([202]);
    expect(await hub.publish(topic, atom([4, 2, 1]))).toEqual([202]);
    await waitFor(async () => (await indexed(4)) !== null, 30_000);
    await waitFor(async () => (await pendingJobs(runtime.queues)) === 0, 30_000);
    expect(await indexed(3)).toBeNull();
    expect(site.requestsTo('/articles/3.html')).toHaveLength(0);
    expect((await store.forFeed(feedId))!.rejectedPushes).toBe(1);
  });

  it('renews the lease before it runs out, so the hub never drops the subscription', async () => {
    const callback = confirmedSubscribes().find((v) => v.topic === topic)!.callback;
    await waitFor(() => confirmedSubscribes().filter((v) => v.callback === callback).length >= 3, 60_000);
    expect(hub.lapsed).toEqual([]);
    // One subscription all along: renewals keep the callback (and so the secret the hub signs with).
    expect(new Set(hub.requests.filter((form) => form['hub.topic'] === topic).map((form) => form['hub.callback']))).toEqual(new Set([callback]));
    expect(await hub.publish(topic, atom([5, 4, 2, 1]))).toEqual([202]);
    await waitFor(async () => (await indexed(5)) !== null, 30_000);
  }, 90_000);

  it('unsubscribes, when the lease is due for renewal, from a feed no longer subscribed; the hub verifies and the record goes', async () => {
    await waitFor(async () => (await store.forFeed(secondId))?.state === 'active', 30_000);
    const callback = confirmedSubscribes().find((v) => v.topic === secondTopic)!.callback;
    await runtime.index.removeFeed(secondId);
    await waitFor(() => hub.verifications.some((v) => v.callback === callback && v.mode === 'unsubscribe' && v.confirmed), 30_000);
    expect(hub.subscriptions.has(callback)).toBe(false);
    await waitFor(async () => (await store.forFeed(secondId)) === null);
    // Content the hub might still push there is refused: 410 tells it to stop.
    const late = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/atom+xml' }, body: atom([6], secondTopic) });
    expect(late.status).toBe(410);
  }, 60_000);

  it('records a denial: the subscription ends, polling takes over, and later pushes are refused', async () => {
    const callback = confirmedSubscribes().find((v) => v.topic === topic)!.callback;
    expect(await hub.deny(topic, 'the publisher withdrew this topic')).toEqual([200]);
    await waitFor(async () => (await store.forFeed(feedId))?.state === 'denied');
    expect((await store.forFeed(feedId))!.reason).toBe('the publisher withdrew this topic');
    // Back within the feed's own interval, well short of the safety net.
    expect(Date.parse((await feed()).nextPollAt!) - Date.now()).toBeLessThan(3 * 3_600_000);
    const late = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/atom+xml', 'x-hub-signature': 'sha256=00' }, body: atom([1]) });
    expect(late.status).toBe(410);
    // The scheduler does not renew a denied subscription.
    const verificationsNow = hub.verifications.length;
    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1_000));
    expect(hub.requests.filter((form) => form['hub.mode'] === 'subscribe')).toHaveLength(hub.verifications.filter((v) => v.mode === 'subscribe').length);
    expect(hub.verifications.length).toBe(verificationsNow);
  }, 60_000);
});
