import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexedEventPublisher } from '@tidings/queue';
import { FIXTURE_ARTICLES, fixtureArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { ARTIFACTS, expectNoOverflow, launchBrowser, poll } from '../support/browser.js';

describe('the search page in a real browser (headless Chromium)', () => {
  let api: ApiInstance;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApiInstance({ articles: FIXTURE_ARTICLES, feeds: ['https://courier.example/feed.xml', 'https://daily.example/rss'], label: 'browser' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('opens on the latest articles, newest first', async () => {
    await page.goto(api.url);
    await page.locator('#hits .hit').first().waitFor();
    await poll(() => page.locator('#status').textContent()).toMatch(/Latest of 6 results/);
    const titles = await page.locator('#hits .hit h3').allTextContents();
    expect(titles[0]).toBe('Lachin corridor reopens to civilian traffic');
    expect(titles).toHaveLength(6);
  });

  it('searches from the keyboard: / focuses the box, Enter searches; snippets are highlighted', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('corridor');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#status').textContent()).toBe('3 results');
    expect(await page.locator('#hits .hit').count()).toBe(3);
    expect(await page.locator('#hits .snippet mark').count()).toBeGreaterThan(0);
    expect((await page.locator('#hits .snippet mark').first().textContent())?.toLowerCase()).toBe('corridor');
    expect(page.url()).toContain('#/search?q=corridor');
  });

  it('shows a title with markup in it as text: nothing runs', async () => {
    const titles = await page.locator('#hits .hit h3').allTextContents();
    expect(titles).toContain('Corridor talks <script>alert(1)</script> resume');
    expect(await page.locator('#hits script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('narrows the results by clicking a facet, and widens them again with its chip', async () => {
    const facet = page.locator('#facets button[data-facet="day"]', { hasText: '2025-03-02' });
    await poll(() => facet.locator('.count').textContent()).toBe('1');
    await facet.click();
    await poll(() => page.locator('#status').textContent()).toBe('1 result');
    expect(await page.locator('#hits .hit h3').allTextContents()).toEqual(['Aid convoys wait at the corridor checkpoint']);
    expect(await page.locator('#chips .chip').allTextContents()).toEqual(['day: 2025-03-02 ×']);
    await page.screenshot({ path: `${ARTIFACTS}browser-facet.png`, fullPage: true });
    await page.locator('#chips .chip').click();
    await poll(() => page.locator('#status').textContent()).toBe('3 results');
  });

  it('opens an article with the arrow keys and Enter: cleaned text and metadata, then Escape goes back', async () => {
    await page.locator('#hits .hit').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#hits .hit[aria-selected="true"]').getAttribute('data-index')).toBe('1');
    const expected = (await page.locator('#hits .hit[aria-selected="true"] h3').textContent())!;
    await page.keyboard.press('Enter');
    await page.locator('#article-view h1').waitFor();
    expect(await page.locator('#article-view h1').textContent()).toBe(expected);
    const article = FIXTURE_ARTICLES.find((candidate) => candidate.title === expected)!;
    const paragraphs = await page.locator('#article-view .body p').allTextContents();
    expect(paragraphs).toEqual(article.text.split('\n\n'));
    const metadata = await page.locator('#article-view dl').textContent();
    expect(metadata).toContain(article.url);
    expect(metadata).toContain('Words');
    expect(await page.locator('#article-view .meta').first().textContent()).toContain('Caucasus Courier');
    await page.screenshot({ path: `${ARTIFACTS}browser-article.png`, fullPage: true });

    // The sanitised HTML, shown in a sandboxed frame where scripts cannot run.
    await page.locator('#article-view .tabs button', { hasText: 'Formatted' }).click();
    const frame = page.locator('#article-view iframe');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    await poll(async () => (await page.frameLocator('#article-view iframe').locator('p').allTextContents()).length).toBeGreaterThan(0);

    await page.keyboard.press('Escape');
    await page.locator('#search-view').waitFor({ state: 'visible' });
    expect(page.url()).toContain('#/search?q=corridor');
  });

  it('lists the feeds with their health', async () => {
    await page.goto(`${api.url}/#/feeds`);
    await poll(() => page.locator('#feeds-list .feed').count()).toBe(2);
    expect(await page.locator('#feeds-list .feed').first().textContent()).toContain('https://courier.example/feed.xml');
    expect(await page.locator('#feeds-list .health').first().getAttribute('aria-label')).toBe('health: new');
  });

  it('adds newly indexed articles to the live strip', async () => {
    await page.goto(api.url);
    await page.locator('#hits .hit').first().waitFor();
    // The strip is live once the stream has connected; publish until it shows (each publish is a new article).
    const publisher = new IndexedEventPublisher(api.runtime.redis, api.prefix);
    const record = fixtureArticle('https://live.example/browser-story', { title: 'Breaking: browser sees live news', text: 'Live.' });
    await api.runtime.index.upsertArticle(record);
    const event = { id: record.id, url: record.url, title: record.title, siteName: record.siteName, authors: [], publishedAt: record.publishedAt, fetchedAt: record.fetchedAt, indexedAt: new Date().toISOString() };
    await poll(async () => {
        await publisher.publish(event);
        return page.locator('#live-list a').first().textContent({ timeout: 200 }).catch(() => null);
      })
      .toBe('Breaking: browser sees live news');
    await page.locator('#live-list a').first().click();
    await poll(() => page.locator('#article-view h1').textContent()).toBe('Breaking: browser sees live news');
  });

  it('works at phone width: the facets wrap above the results, the search box and its menu fit', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${api.url}/#/search?q=corridor`);
    await poll(() => page.locator('#status').textContent()).toBe('3 results');
    await expectNoOverflow(page, 'search at 360 px');
    const sort = await page.locator('#sort').boundingBox();
    expect(sort!.x + sort!.width).toBeLessThanOrEqual(360);
    // A facet still narrows the results.
    await page.locator('#facets button[data-facet="day"]', { hasText: '2025-03-02' }).click();
    await poll(() => page.locator('#status').textContent()).toBe('1 result');
    await page.screenshot({ path: `${ARTIFACTS}browser-phone.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
