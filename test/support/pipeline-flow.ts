// The end-to-end pipeline test, as a suite that runs on any Redis: test/e2e/pipeline.test.ts on the
// test Redis, test/e2e/cluster.test.ts on a Redis Cluster it starts. The CLI runs as a user runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, FeedRecord, SearchResult } from '@tidings/contracts';
import { SEED_ARTICLE_PATH, SEED_TEXT, startSite, type SiteServer } from '@tidings/demo-site';
import { runCli, runCliJson } from './cli.js';
import { tempDir, uniquePrefix } from './services.js';

/** The Redis a pipeline run uses: one server, or a cluster a test has started. */
export interface PipelineRedis {
  /** REDIS_URL for the CLI (read once the outer suite's beforeAll has run). */
  url(): string;
  /** Fails, with a clear message, when that Redis is not there. */
  require(): Promise<void>;
  /** Removes what the run left under its queue prefix. */
  cleanup(prefix: string): Promise<void>;
}

interface RunSummary {
  feeds: number;
  indexed: number;
  failed: Array<{ queue: string; url: string | null; code: string; reason: string }>;
}

// The seed article, as the demo site keeps it verbatim (packages/demo-site/data/seed.txt).
const { headline, paragraphs, related: relatedHeadlines } = SEED_TEXT;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Subscribes the demo site's feeds, runs the whole pipeline once with
 * `tidings run --until-idle`, then checks what was indexed, what failed and
 * why, and that a second run adds nothing.
 */
export function describePipelineEndToEnd(title: string, redis: PipelineRedis): void {
  describe(title, () => {
    let site: SiteServer;
    let data: { dir: string; remove(): void };
    let env: Record<string, string>;
    let firstRun: RunSummary;
    const prefix = uniquePrefix('e2e');

    beforeAll(async () => {
      await redis.require();
      site = await startSite();
      data = tempDir('e2e');
      env = {
        REDIS_URL: redis.url(),
        TIDINGS_QUEUE_PREFIX: prefix,
        TIDINGS_DATA_DIR: data.dir,
        TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
        TIDINGS_FETCH_MAX_BYTES: String(1024 * 1024),
        TIDINGS_FETCH_TIMEOUT_MS: '5000',
        TIDINGS_RETRY_DELAY: '100ms',
        // Every page of the fixture site is on one host: keep per-host spacing short so the run stays quick.
        TIDINGS_HOST_DELAY_MS: '20',
      };
      // broken.xml serves a 502 page: subscribe would refuse it (no feed there), so it is taken as given, to fail at its first poll.
      for (const url of [site.feeds.rss, site.feeds.atom, site.feeds.json, site.feeds.failures, `${site.url}/feeds/broken.xml`]) {
        const result = await runCli(url.endsWith('/broken.xml') ? ['subscribe', '--as-given', url] : ['subscribe', url], env);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout.trim()).toMatch(/^[0-9a-f]{12}$/);
      }
      firstRun = await runCliJson<RunSummary>(['run', '--until-idle', '--json'], env);
    }, 180_000);

    afterAll(async () => {
      await site?.close();
      data?.remove();
      await redis.cleanup(prefix);
    });

    it('finds exactly the seed article for "Lachin corridor"', async () => {
      const result = await runCliJson<SearchResult>(['search', 'Lachin corridor', '--json'], env);
      expect(result.total).toBe(1);
      expect(result.hits).toHaveLength(1);
      const hit = result.hits[0]!;
      // The contract's fields, all present (fields may be added, never dropped).
      for (const field of ['id', 'publishedAt', 'score', 'siteName', 'snippet', 'title', 'url']) expect(hit).toHaveProperty(field);
      expect(hit.url).toBe(`${site.url}${SEED_ARTICLE_PATH}`);
      expect(hit.title).toBe(headline);
      expect(hit.snippet.toLowerCase()).toContain('lachin');
    });

    it('stores the seed article intact: six paragraphs, no page furniture, right metadata', async () => {
      const search = await runCliJson<SearchResult>(['search', 'lachin corridor', '--json'], env);
      const record = await runCliJson<ArticleRecord>(['show', search.hits[0]!.id, '--json'], env);
      expect(record.title).toBe(headline);
      expect(record.siteName).toBe('Caucasus Courier');
      expect(record.publishedAt).toBe('2023-09-21T10:30:00.000Z');
      expect(record.lang).toMatch(/^en/);
      const blocks = record.text.split('\n\n').map(collapse);
      for (const paragraph of paragraphs) expect(blocks).toContain(collapse(paragraph));
      // In order, too.
      const positions = paragraphs.map((p) => record.text.replace(/\s+/g, ' ').indexOf(collapse(p)));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(record.text).not.toContain('Related news');
      for (const related of relatedHeadlines) expect(record.text).not.toContain(related);
      expect(record.html).not.toMatch(/<script|onerror|javascript:/i);
      expect(record.wordCount).toBeGreaterThan(400);
      expect(record.extraction).toMatchObject({ method: 'readability', engine: 'linkedom' });
      expect(record.extraction!.sources.title).toBeTruthy();
    });

    it('stores the article listed in two feeds (once with tracking parameters) once, and fetches it once', async () => {
      const search = await runCliJson<SearchResult>(['search', 'Lachin corridor', '--json'], env);
      const record = await runCliJson<ArticleRecord>(['show', search.hits[0]!.id, '--json'], env);
      expect(record.feedUrls.sort()).toEqual([site.feeds.atom, site.feeds.rss].sort());
      const seedFetches = site.requests.filter((request) => request.path.split('?')[0] === SEED_ARTICLE_PATH);
      expect(seedFetches).toHaveLength(1);
      // Reachable by its URL too, even spelled with tracking parameters.
      const byUrl = await runCliJson<ArticleRecord>(['show', `${site.url}${SEED_ARTICLE_PATH}?utm_source=x#top`, '--json'], env);
      expect(byUrl.id).toBe(record.id);
    });

    it('decodes a windows-1251 page into correct Unicode', async () => {
      const result = await runCliJson<SearchResult>(['search', 'Байкал', '--json'], env);
      expect(result.total).toBe(1);
      const record = await runCliJson<ArticleRecord>(['show', result.hits[0]!.id, '--json'], env);
      expect(record.text).toMatch(/Байкал/);
      expect(record.text).not.toMatch(/[ÀÁÂÃ�]/);
    });

    it('ends each failure case as its own clear failure and loses nothing else', async () => {
      const byUrl = (fragment: string) => firstRun.failed.find((failure) => failure.url?.includes(fragment));
      expect(byUrl('/articles/missing.html')).toMatchObject({ queue: 'article-fetch', code: 'http-status' });
      expect(byUrl('/articles/missing.html')!.reason).toContain('404');
      expect(byUrl('/articles/huge.html')).toMatchObject({ code: 'too-large' });
      expect(byUrl('/articles/loop')).toMatchObject({ code: 'too-many-redirects' });
      expect(byUrl('10.0.0.1')).toMatchObject({ code: 'blocked-address' });
      expect(byUrl('/articles/not-article.html')).toMatchObject({ queue: 'article-extract', code: 'not-an-article' });
      // The 500-then-200 page was retried and arrived.
      expect(byUrl('/articles/flaky.html')).toBeUndefined();
      const flaky = await runCliJson<SearchResult>(['search', 'phoenix', '--json'], env);
      expect(flaky.total).toBe(1);
      // The malformed feed is a failure of its own, visible in the feed's status.
      expect(firstRun.failed.find((failure) => failure.queue === 'feed-parse')).toMatchObject({ code: 'malformed-feed' });
      const { feeds } = await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], env);
      const broken = feeds.find((feed) => feed.url.endsWith('/feeds/broken.xml'))!;
      expect(broken.lastStatus).toBe('error');
      expect(broken.consecutiveFailures).toBe(1);
      expect(broken.lastError).toBeTruthy();
      const healthy = feeds.filter((feed) => feed !== broken);
      for (const feed of healthy) expect(feed.lastStatus, feed.url).toBe('ok');
      expect(firstRun.failed).toHaveLength(6);
    });

    it('is idempotent: a second run uses conditional GET and adds nothing', async () => {
      const before = await runCliJson<{ index: { articles: number } }>(['status', '--json'], env);
      site.reset();
      const second = await runCliJson<RunSummary>(['run', '--until-idle', '--json'], env);
      expect(second.indexed).toBe(0);
      const after = await runCliJson<{ index: { articles: number } }>(['status', '--json'], env);
      expect(after.index.articles).toBe(before.index.articles);
      const conditional = site.requests.filter((request) => request.path.startsWith('/feeds/') && request.headers['if-none-match']);
      expect(conditional.length).toBeGreaterThanOrEqual(3);
      expect(site.requests.some((request) => request.path.startsWith('/articles/') || request.path === SEED_ARTICLE_PATH)).toBe(false);
    });
  });
}
