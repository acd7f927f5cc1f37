import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineView } from '@tidings/metrics';
import { readRedisDurability } from '@tidings/queue';
import { startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { seedPipeline, type SeededPipeline } from './seed.js';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** Bounds a wait for the page or the stream; asserts no timing. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Reads Server-Sent Events from `url` until `count` `view` events came, and returns them. */
async function readViews(url: string, count: number): Promise<PipelineView[]> {
  const response = await fetch(url, { headers: { Accept: 'text/event-stream' } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const views: PipelineView[] = [];
  let buffer = '';
  while (views.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (frame.startsWith('event: view\n')) views.push(JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as PipelineView);
    }
  }
  await reader.cancel();
  return views;
}

describe('the pipeline view (/pipeline) over a real Redis and index', () => {
  let api: ApiInstance;
  let seeded: SeededPipeline;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApiInstance({ label: 'pipeline-view' });
    seeded = await seedPipeline(api.runtime);
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    } catch (error) {
      throw new Error(`the browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium): ${(error as Error).message}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await seeded?.stop();
    await api?.stop();
  });

  it('answers one snapshot as JSON: stages in flow order, durations, lag, failure codes, failing feeds, workers', async () => {
    const response = await fetch(`${api.url}/api/pipeline`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as PipelineView;
    expect(view.stages.map((stage) => stage.queue)).toEqual(['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index']);
    const parse = view.stages[1]!;
    expect(parse.counts).toMatchObject({ failed: 2 });
    expect(parse.completedPerMinute).toHaveLength(60);
    expect(parse.completedPerMinute.reduce((a, b) => a + b, 0)).toBe(3);
    expect(parse.failureCodes).toEqual([{ code: 'malformed-feed', count: 2 }]);
    expect(parse.duration.count).toBe(4);
    expect(parse.duration.p95Seconds).toBeGreaterThan(parse.duration.p50Seconds!);
    expect(view.stages[2]!.counts.waiting).toBe(4);
    expect(view.lag.count).toBe(1);
    expect(view.lag.p50Seconds).toBeGreaterThan(3_600);
    expect(view.feedsFailing).toEqual([expect.objectContaining({ id: seeded.failingFeedId, code: '404', errorCode: 'http-status', consecutiveFailures: 3, error: 'HTTP 404 Not Found' })]);
    expect(view.workers).toEqual([expect.objectContaining({ id: seeded.heartbeat.id, role: 'fetcher', pid: process.pid })]);
  });

  it('streams the same samples to every watcher over SSE', async () => {
    const [a, b] = await Promise.all([readViews(`${api.url}/api/pipeline/stream`, 2), readViews(`${api.url}/api/pipeline/stream`, 2)]);
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(2);
    // One sampler: the watchers see the samples it took, not one read each.
    const times = new Set([...a, ...b].map((view) => view.at));
    expect(times.size).toBeLessThanOrEqual(3);
    expect(a[1]!.stages[2]!.counts.waiting).toBe(4);
  });

  for (const width of [360, 1280]) {
    it(`renders every figure at ${width} px, nothing wider than the viewport, nothing fetched from elsewhere`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const foreign: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(api.url)) foreign.push(request.url());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${api.url}/pipeline`);
      await poll(() => page.locator('#live-status').getAttribute('data-state')).toBe('live');

      expect(await page.locator('#stages .stage h3').allTextContents()).toEqual([
        'feed-fetchfetcher',
        'feed-parseparser',
        'article-fetchfetcher',
        'article-extractextractor',
        'article-indexindexer',
      ]);
      const parse = page.locator('.stage[data-queue="feed-parse"]');
      expect(await parse.locator('.count[data-state="failed"]').textContent()).toBe('2');
      expect(await page.locator('.stage[data-queue="article-fetch"] .count[data-state="waiting"]').textContent()).toBe('4');
      expect(await parse.locator('svg.chart rect').count()).toBeGreaterThan(0);
      expect(await parse.locator('.chart-caption').textContent()).toContain('3 done in the last hour');
      expect(await parse.locator('.durations').textContent()).toMatch(/p50 \d+ms · p95 \d+ms/);
      const code = parse.locator('.codes a[data-code="malformed-feed"]');
      expect(await code.textContent()).toBe('malformed-feed × 2');
      expect(await code.getAttribute('href')).toBe('/admin/queues/queue/feed-parse?status=failed');
      expect(await page.locator('[data-figure="lag-p50"] dd').textContent()).toMatch(/h$/);
      expect(await page.locator('#failing-feeds li').first().textContent()).toContain('404');
      expect(await page.locator('#workers .worker[data-role="fetcher"]').count()).toBe(1);
      // Whatever the test's Redis is set to, the page says what Redis itself says.
      const durability = await readRedisDurability(api.runtime.redis);
      const redisFigure = page.locator('[data-figure="redis"]');
      expect(await redisFigure.getAttribute('data-durable')).toBe(String(durability.durable));
      expect(await redisFigure.locator('dd').textContent()).toBe(durability.durable ? 'durable' : durability.durable === false ? 'NOT durable' : 'unknown');
      if (durability.problems.length > 0) expect(await redisFigure.getAttribute('title')).toBe(durability.problems.join('\n'));

      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > limit + 0.5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
        return { scrollWidth: document.documentElement.scrollWidth, limit, wide };
      });
      expect(overflow.wide).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.limit);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}pipeline-${width}.png`, fullPage: true });
      await page.close();
    });
  }

  it('is linked from the search page and from the queue dashboard', async () => {
    const home = await (await fetch(`${api.url}/`)).text();
    expect(home).toContain('href="/pipeline"');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${api.url}/admin/queues`);
    // bull-board puts its extra links in the menu at the end of its header's actions.
    await page.locator('header ul[class^="actions"] > li:last-child button').click();
    await poll(() => page.locator('a[href="/pipeline"]', { hasText: 'Pipeline view' }).count()).toBe(1);
    await page.close();
  });
});
