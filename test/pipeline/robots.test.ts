import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

describe('robots.txt: honoured for article pages, not for the feeds a user subscribed to', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;

  beforeAll(async () => {
    server = await startRecordingServer();
    harness = await startPipelineHarness('robots');
    server.route('/robots.txt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n\nUser-agent: Tidings\nDisallow: /private/\nDisallow: /members/\n');
    });
    for (const page of ['/public/a.html', '/public/d.html', '/private/b.html', '/members/c.html']) {
      server.route(page, (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(page)));
    }
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('fetches a feed under a disallowed path, its allowed articles, and fails disallowed ones permanently', async () => {
    let links = ['/public/a.html', '/private/b.html', '/members/c.html'].map((page) => server.url(page));
    server.route('/private/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links })));
    const feed = (await harness.runtime.index.addFeed(server.url('/private/feed.rss'))).feed;
    await harness.pollOnce(feed.id);

    expect(await harness.runtime.index.getFeed(feed.id)).toMatchObject({ lastStatus: 'ok' });
    expect(server.requestsTo('/public/a.html')).toHaveLength(1);
    expect(server.requestsTo('/private/b.html')).toHaveLength(0);
    expect(server.requestsTo('/members/c.html')).toHaveLength(0);
    const refused = harness.failures.filter((failure) => failure.code === 'robots-disallowed');
    expect(refused.map((failure) => (failure.data as { itemUrl: string }).itemUrl).sort()).toEqual([server.url('/members/c.html'), server.url('/private/b.html')]);
    expect(refused[0]!.reason).toMatch(/robots\.txt of http:\/\/127\.0\.0\.1:\d+ disallows/);
    const failed = await harness.runtime.queues.get(QUEUES.articleFetch).getFailed();
    expect(failed.every((job) => job.attemptsMade === 1)).toBe(true);

    // Asked once, with our user agent; later articles of the host use the cached rules.
    links = [server.url('/public/d.html')];
    await harness.pollOnce(feed.id);
    expect(server.requestsTo('/public/d.html')).toHaveLength(1);
    const robots = server.requestsTo('/robots.txt');
    expect(robots).toHaveLength(1);
    expect(robots[0]!.headers['user-agent']).toMatch(/^Tidings\/\d/);
  });

  it('refuses a redirect into a disallowed path before following it, as a link there is refused', async () => {
    server.route('/go/b', (_req, res) => void res.writeHead(301, { location: '/private/b.html' }).end());
    server.route('/go/d', (_req, res) => void res.writeHead(302, { location: server.url('/public/d.html') }).end());
    const links = ['/go/b', '/go/d'].map((page) => server.url(page));
    server.route('/redirecting/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links })));
    const before = { b: server.requestsTo('/private/b.html').length, d: server.requestsTo('/public/d.html').length };
    const feed = (await harness.runtime.index.addFeed(server.url('/redirecting/feed.rss'))).feed;
    await harness.pollOnce(feed.id);

    expect(server.requestsTo('/go/b')).toHaveLength(1);
    expect(server.requestsTo('/private/b.html')).toHaveLength(before.b);
    expect(server.requestsTo('/public/d.html')).toHaveLength(before.d + 1);
    const refused = harness.failures.filter((failure) => failure.code === 'robots-disallowed' && (failure.data as { itemUrl: string }).itemUrl === server.url('/go/b'));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toContain(`disallows ${server.url('/private/b.html')}`);
  });
});

describe('robots.txt and redirects to another origin', () => {
  it('follows a redirect to another origin whose robots.txt it has not read (its rules are not fetched mid-request)', async () => {
    // Two ports of 127.0.0.1: two origins, two robots.txt.
    const [server, other] = await Promise.all([startRecordingServer(), startRecordingServer()]);
    const harness = await startPipelineHarness('robots-redirect', { TIDINGS_FETCH_ALLOW_PRIVATE_LINKS: 'true' });
    try {
      other.route('/moved/e.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('/moved/e.html')));
      server.route('/go/e', (_req, res) => void res.writeHead(301, { location: other.url('/moved/e.html') }).end());
      server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server.url('/go/e')] })));
      const feed = (await harness.runtime.index.addFeed(server.url('/feed.rss'))).feed;
      await harness.pollOnce(feed.id);
      expect(harness.failures).toEqual([]);
      expect(other.requestsTo('/moved/e.html')).toHaveLength(1);
      expect(other.requestsTo('/robots.txt')).toHaveLength(0);
    } finally {
      await harness.close();
      await Promise.all([server.close(), other.close()]);
    }
  });
});
