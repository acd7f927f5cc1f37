import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, type JobPayload } from '@tidings/contracts';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

/**
 * The three URLs an article has, pinned from feed to index (real HTTP
 * server, real Redis, real SQLite, every stage): `itemUrl` (the feed item's
 * link, normalised), `finalUrl` (where the page came from after redirects)
 * and `canonicalUrl` (what the page says it is: the index key).
 */
describe('URL roles from feed item to index', () => {
  let server: RecordingServer;
  let harness: PipelineHarness;
  let feedUrl: string;
  const queryOf = new Map<string, string>();

  const indexJobs = async () => (await harness.runtime.queues.get(QUEUES.articleIndex).getCompleted()).map((job) => job.data as JobPayload<typeof QUEUES.articleIndex>);
  const extractJobs = async () => (await harness.runtime.queues.get(QUEUES.articleExtract).getCompleted()).map((job) => job.data as JobPayload<typeof QUEUES.articleExtract>);

  beforeAll(async () => {
    server = await startRecordingServer();
    harness = await startPipelineHarness('url-roles', { TIDINGS_KEEP_COMPLETED: '100' }, ['fetcher', 'parser', 'extractor', 'indexer']);
    server.route('/news/2025/03/01/tracked.html', (req, res) => {
      queryOf.set('/news/2025/03/01/tracked.html', new URL(req.url ?? '/', server.origin).search);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Tracked story'));
    });
    server.route('/r/redirected', (_req, res) => void res.writeHead(301, { location: '/news/2025/03/01/redirected.html' }).end());
    server.route('/news/2025/03/01/redirected.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Redirected story')));
    server.route('/print/2025/03/01/canonical.html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage('Canonical story', `<link rel="canonical" href="${server.url('/news/2025/03/01/canonical.html')}">`));
    });
    const links = [server.url('/news/2025/03/01/tracked.html?utm_source=rss&utm_medium=feed'), server.url('/r/redirected'), server.url('/print/2025/03/01/canonical.html')];
    server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links })));
    server.route('/other.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links })));
    const { feed } = await harness.runtime.index.addFeed(server.url('/feed.rss'));
    feedUrl = feed.url;
    await harness.pollOnce(feed.id);
    expect(harness.failures).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('an item URL with tracking parameters: fetched, claimed and keyed without them', async () => {
    const clean = server.url('/news/2025/03/01/tracked.html');
    expect(queryOf.get('/news/2025/03/01/tracked.html')).toBe('');
    expect(await harness.runtime.index.unclaimedItems([clean])).toEqual([]);
    const article = await harness.runtime.index.getArticle(clean);
    expect(article).toMatchObject({ url: clean, title: 'Tracked story', feedUrls: [feedUrl] });
    expect(await indexJobs()).toContainEqual(expect.objectContaining({ itemUrl: clean, canonicalUrl: clean }));
  });

  it('an item URL that redirects: claimed under the item URL, extracted from and keyed by the final URL, its feed kept', async () => {
    const itemUrl = server.url('/r/redirected');
    const finalUrl = server.url('/news/2025/03/01/redirected.html');
    expect(await extractJobs()).toContainEqual(expect.objectContaining({ itemUrl, finalUrl }));
    expect(await indexJobs()).toContainEqual(expect.objectContaining({ itemUrl, canonicalUrl: finalUrl }));
    expect(await harness.runtime.index.getArticle(itemUrl)).toBeNull();
    expect(await harness.runtime.index.getArticle(finalUrl)).toMatchObject({ url: finalUrl, title: 'Redirected story', feedUrls: [feedUrl] });
  });

  it('a page whose canonical URL points elsewhere: keyed by the canonical URL, its feed kept', async () => {
    const itemUrl = server.url('/print/2025/03/01/canonical.html');
    const canonicalUrl = server.url('/news/2025/03/01/canonical.html');
    expect(await extractJobs()).toContainEqual(expect.objectContaining({ itemUrl, finalUrl: itemUrl }));
    expect(await indexJobs()).toContainEqual(expect.objectContaining({ itemUrl, canonicalUrl }));
    expect(await harness.runtime.index.getArticle(itemUrl)).toBeNull();
    expect(await harness.runtime.index.getArticle(canonicalUrl)).toMatchObject({ url: canonicalUrl, title: 'Canonical story', feedUrls: [feedUrl] });
  });

  it('re-runs duplicate nothing: a second poll, a second feed listing the same items, the index jobs run again', async () => {
    expect(await harness.runtime.index.countArticles()).toBe(3);
    const first = (await harness.runtime.index.listFeeds())[0]!;
    await harness.pollOnce(first.id);
    const { feed: other } = await harness.runtime.index.addFeed(server.url('/other.rss'));
    await harness.pollOnce(other.id);
    // Nothing is fetched twice: each page was requested once.
    expect(server.requestsTo('/news/2025/03/01/tracked.html')).toHaveLength(1);
    expect(server.requestsTo('/print/2025/03/01/canonical.html')).toHaveLength(1);
    const jobs = await indexJobs();
    expect(jobs).toHaveLength(3);
    for (const [i, job] of jobs.entries()) await harness.runtime.queues.add(QUEUES.articleIndex, job, { jobId: `again-${i}` });
    await harness.waitUntilIdle();
    expect(await indexJobs()).toHaveLength(6);
    expect(harness.failures).toEqual([]);
    expect(await harness.runtime.index.countArticles()).toBe(3);
    for (const url of [server.url('/news/2025/03/01/tracked.html'), server.url('/news/2025/03/01/redirected.html'), server.url('/news/2025/03/01/canonical.html')]) {
      expect((await harness.runtime.index.getArticle(url))?.feedUrls, url).toEqual([feedUrl, other.url]);
    }
  });
});
