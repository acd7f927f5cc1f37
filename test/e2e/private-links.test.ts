import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { RobotsCache } from '@tidings/politeness';
import { startPipelineHarness, type PipelineHarness } from '../pipeline/helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from '../pipeline/helpers/recording-server.js';

/**
 * TIDINGS_FETCH_ALLOW_PRIVATE=127.0.0.1/32 (the README's example) exempts a
 * local fixture site, not every local port: a subscribed feed on it must not
 * get Tidings to fetch (and so index, and serve through /api/search) a page
 * of another local service. Two real servers on two loopback ports: the
 * "site", and the "service" the feed tries to reach.
 */
describe('private-address exemptions cover the exempted feed origin, not other local ports', () => {
  let site: RecordingServer;
  let service: RecordingServer;

  beforeAll(async () => {
    site = await startRecordingServer();
    service = await startRecordingServer();
    service.route('/secret', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Internal service page')));
    service.route('/robots.txt', (_req, res) => void res.writeHead(404).end());
    site.route('/robots.txt', (_req, res) => void res.writeHead(404).end());
    site.route('/news/one.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Local news one')));
    site.route('/news/moved.html', (_req, res) => void res.writeHead(302, { location: service.url('/secret') }).end());
    site.route('/feed.rss', (_req, res) => {
      const links = [site.url('/news/one.html'), service.url('/secret'), site.url('/news/moved.html')];
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links }));
    });
  });

  afterAll(async () => {
    await site?.close();
    await service?.close();
  });

  /** The URLs that reached the extractor's queue, and the final failures by URL and code. */
  async function outcome(harness: PipelineHarness) {
    const extract = await harness.runtime.queues.get(QUEUES.articleExtract).getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    const failures = harness.failures.map((failure) => [(failure.data as { itemUrl: string }).itemUrl, failure.code]);
    return { fetched: extract.map((job) => (job.data as { itemUrl: string }).itemUrl).sort(), failures };
  }

  it('with 127.0.0.1/32: reads the feed and its same-origin page, refuses the link and the redirect to another port', async () => {
    const harness = await startPipelineHarness('private-links', { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32' });
    try {
      const { feed } = await harness.runtime.index.addFeed(site.url('/feed.rss'));
      await harness.pollOnce(feed.id);
      expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'ok' });
      const { fetched, failures } = await outcome(harness);
      expect(fetched).toEqual([site.url('/news/one.html')]);
      expect(failures).toEqual(
        expect.arrayContaining([
          [service.url('/secret'), 'blocked-address'],
          [site.url('/news/moved.html'), 'blocked-address'],
        ]),
      );
      // Refused before connecting: the other local service never saw a request.
      expect(service.requests).toHaveLength(0);
      // And nothing was cached for it: a feed that may read that origin later still gets its real robots.txt.
      const robots = new RobotsCache(harness.runtime.redis, harness.config.queuePrefix);
      expect(await robots.get(service.origin)).toBeNull();
      expect(await robots.get(site.origin)).not.toBeNull();
    } finally {
      await harness.close();
    }
  });

  it('with TIDINGS_FETCH_ALLOW_PRIVATE_LINKS=true: links inside the entries pass', async () => {
    service.requests.length = 0;
    const harness = await startPipelineHarness('private-links-on', { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TIDINGS_FETCH_ALLOW_PRIVATE_LINKS: 'true' });
    try {
      const { feed } = await harness.runtime.index.addFeed(site.url('/feed.rss'));
      await harness.pollOnce(feed.id);
      const { fetched } = await outcome(harness);
      expect(fetched).toEqual([service.url('/secret'), site.url('/news/moved.html'), site.url('/news/one.html')].sort());
      expect(service.requestsTo('/secret')).toHaveLength(2);
    } finally {
      await harness.close();
    }
  });

  it('with a port-specific entry: only that port, for feeds too', async () => {
    const harness = await startPipelineHarness('private-links-port', { TIDINGS_FETCH_ALLOW_PRIVATE: `127.0.0.1:${new URL(site.origin).port}` });
    try {
      const { feed } = await harness.runtime.index.addFeed(site.url('/feed.rss'));
      const { feed: other } = await harness.runtime.index.addFeed(service.url('/feed.rss'));
      await harness.pollOnce(feed.id, other.id);
      expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'ok' });
      expect(await harness.runtime.index.getFeed(other.id)).toMatchObject({ lastStatus: 'error' });
      expect(await harness.runtime.index.getFeed(other.id)).toMatchObject({ lastErrorCode: 'blocked-address', lastError: expect.stringMatching(/blocked address/) });
      expect((await outcome(harness)).fetched).toEqual([site.url('/news/one.html')]);
    } finally {
      await harness.close();
    }
  });
});
