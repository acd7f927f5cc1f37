import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { runCliJson } from '../support/cli.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, rssFeed, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

interface RunSummary {
  feeds: number;
  completed: Record<string, number>;
  refetched: number;
  indexed: number;
  failed: unknown[];
}

/**
 * `tidings run --until-idle --json`, the real CLI in its own process, on a
 * real Redis, a real SQLite index and a real HTTP server: an article whose
 * page is fetched twice in the run (once from the poll, once because an
 * extract job found its stored page gone) is one article in the summary.
 */
describe('the summary of `tidings run`', () => {
  let server: RecordingServer | undefined;
  let harness: PipelineHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    await server?.close();
  });

  it('counts an article fetched twice in the run once, and the refetch in `refetched`', async () => {
    server = await startRecordingServer();
    server.route('/news/a.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('The one story')));
    server.route('/feed.rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [server!.url('/news/a.html')] })));
    // No workers here: the CLI runs them. The harness only prepares the index and the queues the CLI will use.
    harness = await startPipelineHarness('run-summary', {}, []);
    const { runtime } = harness;
    const { feed } = await runtime.index.addFeed(server.url('/feed.rss'));
    // An extract job of the same page from before the run, whose stored page is gone (TIDINGS_BODY_TTL): it has the page fetched again.
    const gone = await runtime.bodies.put('<html>an earlier fetch</html>');
    await runtime.redis.del(gone);
    const item = { title: 'The one story', summary: null, authors: [], publishedAt: null, updatedAt: null, categories: [], contentKey: null };
    const itemUrl = server.url('/news/a.html');
    await runtime.queues.add(QUEUES.articleExtract, { itemUrl, finalUrl: itemUrl, bodyKey: gone, fetchedAt: new Date().toISOString(), item, feedUrl: feed.url }, { jobId: 'extract-from-before' });

    const summary = await runCliJson<RunSummary>(['run', '--until-idle', '--json', '--quiet'], {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: harness.config.queuePrefix,
      TIDINGS_DATA_DIR: harness.config.dataDir,
      TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.0/8',
      TIDINGS_HOST_DELAY_MS: '0',
    });

    // Fetched twice: from the poll, and for the extract job that found its page gone.
    expect(server.requestsTo('/news/a.html')).toHaveLength(2);
    expect(summary).toEqual({
      feeds: 1,
      completed: { 'feed-fetch': 1, 'feed-parse': 1, 'article-fetch': 1, 'article-extract': 1, 'article-index': 1 },
      refetched: 1,
      indexed: 1,
      failed: [],
    });
  }, 120_000);
});
