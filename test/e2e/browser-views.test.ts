import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSearchStore } from '@tidings/alerts';
import { QUEUES, type FeedRecord } from '@tidings/contracts';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { FIXTURE_ARTICLES, fixtureArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { ARTIFACTS, expectNoOverflow, launchBrowser, poll, recordForeignRequests } from '../support/browser.js';

const COURIER_FEED = 'https://courier.example/feed.xml';
/** A feed that fails, with a long URL and a long error: the feeds view must still fit a phone. */
const BROKEN_FEED = 'https://a-very-long-host-name-for-a-news-site.example/feeds/all-the-news-that-fits/in-one-very-long-path/rss.xml';
const STORY_ID = 'story-corridor-reopens';

/** The fixture articles, the Caucasus Courier's listed by its feed; two other sites' reports of the corridor story. */
const ARTICLES = [
  ...FIXTURE_ARTICLES.map((article) => (article.url.startsWith('https://courier.example/') ? { ...article, feedUrls: [COURIER_FEED] } : article)),
  fixtureArticle('https://daily.example/news/corridor-open', { title: 'Corridor opens for civilians', siteName: 'The Daily Example', storyId: STORY_ID, publishedAt: '2025-03-03T09:00:00.000Z' }),
  fixtureArticle('https://zeitung.example/artikel/korridor', { title: 'Latschin-Korridor wieder offen', siteName: 'Zeitung Beispiel', lang: 'de', storyId: STORY_ID, publishedAt: '2025-03-03T11:00:00.000Z' }),
];

describe("the page's views in a real browser: feeds, saved searches, stories, pipeline", () => {
  let site: SiteServer;
  let api: ApiInstance;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = await startSite();
    api = await startApiInstance({
      articles: ARTICLES,
      feeds: [COURIER_FEED, BROKEN_FEED],
      label: 'browser-views',
      // The demo site is on 127.0.0.1: the page subscribes to its feeds, and a saved search's webhook may point at it.
      env: { TIDINGS_FETCH_ALLOW_PRIVATE: `127.0.0.1:${new URL(site.url).port}`, TIDINGS_FETCH_TIMEOUT_MS: '5000' },
    });
    const feeds = await api.runtime.index.listFeeds();
    const id = (url: string) => feeds.find((feed) => feed.url === url)!.id;
    await api.runtime.index.updateFeed(id(COURIER_FEED), { tags: ['caucasus-desk'], lastStatus: 'ok', lastFetchAt: new Date().toISOString() });
    await api.runtime.index.updateFeed(id(BROKEN_FEED), {
      lastStatus: 'error',
      lastError: 'HTTP 404 Not Found from https://a-very-long-host-name-for-a-news-site.example/feeds/all-the-news-that-fits/in-one-very-long-path/rss.xml',
      consecutiveFailures: 3,
      lastHttpStatus: 404,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await site?.close();
  });

  /** A new page at `width`, its errors collected. */
  async function open(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.dismiss());
    return page;
  }

  const apiFeeds = async () => ((await (await fetch(`${api.url}/api/feeds`)).json()) as { feeds: FeedRecord[] }).feeds;
  const feedCard = (page: Page, url: string) => page.locator(`#feeds-list .feed[data-url="${url}"]`);

  it('adds a feed from a web page that offers several: the page lists them and the reader picks one', async () => {
    const page = await open(1280);
    await page.goto(`${api.url}/#/feeds`);
    await poll(() => page.locator('#feeds-list .feed').count()).toBe(2);
    await page.locator('#feed-url').fill(`${site.url}/`);
    await page.locator('#feed-tags').fill('local, caucasus');
    await page.locator('#add-feed button[type="submit"]').click();
    const result = page.locator('#add-feed-result');
    await poll(() => result.getAttribute('data-outcome')).toBe('choose');
    expect(await result.textContent()).toContain('offers 3 feeds');
    const choices = result.locator('.choices li');
    expect((await choices.allTextContents()).sort()).toEqual([...site.feeds.all].sort().map((url) => expect.stringContaining(url)));
    await choices.filter({ hasText: site.feeds.atom }).locator('button').click();
    await poll(() => result.getAttribute('data-outcome')).toBe('added');
    await poll(() => page.locator('#feeds-list .feed').count()).toBe(3);
    expect(await feedCard(page, site.feeds.atom).locator('.tags').textContent()).toBe('localcaucasus');
    expect((await apiFeeds()).find((feed) => feed.url === site.feeds.atom)).toMatchObject({ tags: ['local', 'caucasus'], state: 'active' });
    await page.close();
  });

  it('says plainly when a page offers no feed, and when a feed is already there', async () => {
    const page = await open(360);
    await page.goto(`${api.url}/#/feeds`);
    await page.locator('#feed-url').fill(`${site.url}/articles/not-article.html`);
    await page.locator('#add-feed button[type="submit"]').click();
    const result = page.locator('#add-feed-result');
    await poll(() => result.getAttribute('data-outcome')).toBe('refused');
    expect(await result.textContent()).toMatch(/^No feed there\. /);
    await page.locator('#feed-url').fill(site.feeds.atom);
    await page.locator('#add-feed button[type="submit"]').click();
    await poll(() => result.getAttribute('data-outcome')).toBe('existing');
    expect(await result.textContent()).toContain('Already subscribed');
    await expectNoOverflow(page, 'feeds view after the notices, 360 px');
    expect((await apiFeeds()).map((feed) => feed.url)).not.toContain(`${site.url}/articles/not-article.html`);
    await page.close();
  });

  it('tags, pauses, resumes, polls now and removes a feed, each shown as the API then has it', async () => {
    const page = await open(360);
    await page.goto(`${api.url}/#/feeds`);
    const card = feedCard(page, site.feeds.atom);
    await card.waitFor();

    await card.locator('button', { hasText: 'Tags…' }).click();
    await card.locator('.tag-editor input').fill('local, mountains');
    await card.locator('.tag-editor button[type="submit"]').click();
    await poll(() => card.locator('.tags').textContent()).toBe('localmountains');
    expect(await page.locator('#feed-tags-list').textContent()).toContain('mountains');
    expect((await apiFeeds()).find((feed) => feed.url === site.feeds.atom)?.tags).toEqual(['local', 'mountains']);

    await card.locator('button', { hasText: 'Pause' }).click();
    await poll(() => card.getAttribute('data-state')).toBe('paused');
    expect((await apiFeeds()).find((feed) => feed.url === site.feeds.atom)).toMatchObject({ state: 'paused', nextPollAt: null });
    await card.locator('button', { hasText: 'Resume' }).click();
    await poll(() => card.getAttribute('data-state')).toBe('active');
    const resumed = (await apiFeeds()).find((feed) => feed.url === site.feeds.atom)!;
    expect(resumed).toMatchObject({ state: 'active', stateReason: null, consecutiveFailures: 0 });
    expect(resumed.nextPollAt).not.toBeNull();

    const fetchQueue = api.runtime.queues.get(QUEUES.feedFetch);
    const before = await fetchQueue.getWaitingCount();
    await card.locator('button', { hasText: 'Poll now' }).click();
    await poll(() => card.locator('.action-status').textContent()).toBe('Poll queued');
    expect(await fetchQueue.getWaitingCount()).toBe(before + 1);

    await expectNoOverflow(page, 'feeds view, 360 px');
    await page.screenshot({ path: `${ARTIFACTS}browser-feeds-360.png`, fullPage: true });

    const remove = card.locator('button', { hasText: 'Remove' });
    await remove.click();
    expect(await remove.textContent()).toBe('Remove: sure?');
    expect((await apiFeeds()).map((feed) => feed.url)).toContain(site.feeds.atom);
    await remove.click();
    await poll(() => card.count()).toBe(0);
    expect((await apiFeeds()).map((feed) => feed.url)).not.toContain(site.feeds.atom);
    await page.close();
  });

  it("opens a feed's articles and a tag's articles from the feeds list", async () => {
    const page = await open(1280);
    await page.goto(`${api.url}/#/feeds`);
    const listed = ARTICLES.filter((article) => article.feedUrls.includes(COURIER_FEED)).map((article) => article.title);
    await feedCard(page, COURIER_FEED).locator('a.feed-title').click();
    await poll(() => page.locator('#status').textContent()).toBe(`${listed.length} results`);
    expect(page.url()).toContain(`#/search?feed=${encodeURIComponent(COURIER_FEED)}`);
    expect(await page.locator('#chips .chip').allTextContents()).toEqual([`feed: ${COURIER_FEED} ×`]);
    const titles = await page.locator('#hits .hit h3').allTextContents();
    expect(titles.sort()).toEqual(listed.sort());

    await page.goto(`${api.url}/#/feeds`);
    await page.locator('#feed-tags-list a', { hasText: 'caucasus-desk' }).click();
    // The feed's search above printed the same count, so wait on the chips first:
    // the status alone can still hold the previous view's line.
    await poll(() => page.locator('#chips .chip').allTextContents()).toEqual(['tag: caucasus-desk ×']);
    expect(page.url()).toContain('#/search?tag=caucasus-desk');
    await poll(() => page.locator('#status').textContent()).toBe(`${listed.length} results`);
    await page.close();
  });

  it('saves a search from the search view, with a webhook; shows its secret once, its delivery log, and deletes it', async () => {
    const page = await open(360);
    await page.goto(`${api.url}/#/search?q=corridor&site=${encodeURIComponent('Caucasus Courier')}`);
    await poll(() => page.locator('#status').textContent()).toBe('3 results');
    await page.locator('#chips .save-search').click();
    const form = page.locator('#saved-form');
    await poll(() => form.locator('input[name="q"]').inputValue()).toBe('corridor');
    expect(await form.locator('input[name="site"]').inputValue()).toBe('Caucasus Courier');
    await form.locator('input[name="name"]').fill('Corridor watch');
    await form.locator('input[name="webhook"]').fill(`${site.url}/hook`);
    await form.locator('button[type="submit"]').click();
    const result = page.locator('#saved-result');
    await poll(() => result.getAttribute('data-outcome')).toBe('added');
    const secret = await result.locator('.secret').textContent();
    expect(secret?.length).toBeGreaterThanOrEqual(16);
    const item = page.locator('#saved-list .saved', { hasText: 'Corridor watch' });
    await item.waitFor();
    expect(await item.textContent()).toContain('site: Caucasus Courier');
    expect(await item.textContent()).toContain(`webhook ${site.url}/hook`);
    // Leaving and coming back: the secret is not shown again.
    await page.goto(`${api.url}/#/saved`);
    await item.waitFor();
    expect(await page.locator('.secret').count()).toBe(0);

    const searchId = (await item.getAttribute('data-search'))!;
    const store = new SavedSearchStore(api.runtime.redis, api.prefix);
    await store.logDelivery(searchId, { at: new Date().toISOString(), articleId: ARTICLES[0]!.id, attempt: 1, status: 200, ok: true, error: null, durationMs: 12 });
    await store.logDelivery(searchId, { at: new Date().toISOString(), articleId: ARTICLES[1]!.id, attempt: 2, status: 503, ok: false, error: 'HTTP 503', durationMs: 30 });
    await item.locator('button', { hasText: 'Deliveries' }).click();
    const entries = item.locator('.deliveries li');
    await poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(/^failed \(503\).*attempt 2.*HTTP 503$/);
    expect(await entries.nth(1).textContent()).toMatch(/^delivered \(200\).*attempt 1/);
    await expectNoOverflow(page, 'saved searches, 360 px');
    await page.screenshot({ path: `${ARTIFACTS}browser-saved-360.png`, fullPage: true });

    const remove = item.locator('button', { hasText: 'Delete' });
    await remove.click();
    await remove.click();
    await poll(() => item.count()).toBe(0);
    expect(await store.get(searchId)).toBeNull();
    await page.close();
  });

  it('refuses a saved search whose webhook the fetcher would refuse, saying why', async () => {
    const page = await open(1280);
    await page.goto(`${api.url}/#/saved`);
    await page.locator('#saved-form input[name="q"]').fill('energy');
    await page.locator('#saved-form input[name="webhook"]').fill('http://127.0.0.1:6379/');
    await page.locator('#saved-form button[type="submit"]').click();
    const result = page.locator('#saved-result');
    await poll(() => result.getAttribute('data-outcome')).toBe('refused');
    expect(await result.textContent()).toMatch(/^Not saved\. .+/);
    expect((await new SavedSearchStore(api.runtime.redis, api.prefix).list()).map((search) => search.query)).not.toContain('energy');
    await page.close();
  });

  it('lists the stories with their size and sites, and opens one with its articles', async () => {
    const page = await open(360);
    await page.goto(`${api.url}/#/stories`);
    const story = page.locator(`#stories-list .story[data-story="${STORY_ID}"]`);
    await story.waitFor();
    expect(await story.locator('.meta').textContent()).toMatch(/^2 articles · 2 sites: The Daily Example, Zeitung Beispiel · /);
    await story.locator('h3 a').click();
    await poll(() => page.locator('#story h1').textContent()).toBe('Corridor opens for civilians');
    expect(await page.locator('#story .story-articles li a').allTextContents()).toEqual(['Latschin-Korridor wieder offen', 'Corridor opens for civilians']);
    await expectNoOverflow(page, 'a story, 360 px');
    await page.locator('#story .story-articles li a').first().click();
    await poll(() => page.locator('#article-view h1').textContent()).toBe('Latschin-Korridor wieder offen');

    // A search shows the story once, saying who else reported it, and opens the story from there.
    await page.goto(`${api.url}/#/search?q=corridor`);
    const hit = page.locator('#hits .hit', { hasText: 'Corridor opens for civilians' });
    await poll(() => hit.locator('.also-reported').textContent()).toBe('also reported by 1 source');
    expect(await page.locator('#hits .also-reported').count()).toBe(1);
    await hit.locator('.also-reported a').click();
    await poll(() => page.locator('#story h1').textContent()).toBe('Corridor opens for civilians');
    await page.close();
  });

  it('says so when the server has no stories to list', async () => {
    const page = await open(1280);
    // An API from before stories (the one thing here not served for real: this server has them).
    await page.route('**/api/stories?*', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ statusCode: 404, error: 'not-found', message: 'no route GET /api/stories' }) }));
    await page.goto(`${api.url}/#/stories`);
    await poll(() => page.locator('#stories-status').textContent()).toBe('Stories are not available on this server yet.');
    expect(await page.locator('#stories-list li').count()).toBe(0);
    await page.close();
  });

  /** Each view, and what shows it is ready. */
  const VIEWS: Array<{ name: string; path: string; ready: (page: Page) => Promise<unknown> }> = [
    { name: 'latest', path: '/#/', ready: (page) => poll(() => page.locator('#status').textContent()).toMatch(/^Latest of \d+ results$/) },
    { name: 'search', path: '/#/search?q=corridor', ready: (page) => poll(() => page.locator('#facets section').count()).toBeGreaterThan(2) },
    { name: 'article', path: `/#/article/${encodeURIComponent(ARTICLES[0]!.id)}`, ready: (page) => page.locator('#article-view h1').waitFor() },
    { name: 'feeds', path: '/#/feeds', ready: (page) => poll(() => page.locator('#feeds-list .feed').count()).toBeGreaterThan(1) },
    { name: 'saved', path: '/#/saved', ready: (page) => poll(() => page.locator('#saved-status').textContent()).not.toMatch(/^(Loading…)?$/) },
    { name: 'stories', path: '/#/stories', ready: (page) => page.locator('#stories-list .story').first().waitFor() },
    { name: 'pipeline', path: '/pipeline', ready: (page) => poll(() => page.locator('#live-status').getAttribute('data-state')).toBe('live') },
  ];

  for (const width of [360, 1280]) {
    it(`lays out every view within the viewport at ${width} px, loading nothing from outside the host`, async () => {
      const page = await open(width);
      const foreign = recordForeignRequests(page);
      for (const view of VIEWS) {
        await page.goto(`${api.url}${view.path}`);
        await view.ready(page);
        await expectNoOverflow(page, `${view.name} at ${width} px`);
        await page.screenshot({ path: `${ARTIFACTS}browser-${view.name}-${width}.png`, fullPage: true });
      }
      expect(foreign()).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  }

  it('loads nothing from outside the host on the queue dashboard either', async () => {
    const page = await open(1280);
    const foreign = recordForeignRequests(page);
    const response = await page.goto(`${api.url}/admin/queues`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    // bull-board's own header, drawn by its scripts once they loaded.
    await page.locator('header ul[class^="actions"]').waitFor();
    await page.locator('a[href*="/admin/queues/queue/"]').first().waitFor();
    expect(await page.content()).not.toContain('fonts.googleapis.com');
    expect(foreign()).toEqual([]);
    await page.close();
  });
});

describe('the page behind a token (TIDINGS_API_TOKEN, reads closed too)', () => {
  const TOKEN = 'browser-views-token-0123456789abcdef';
  let api: ApiInstance;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApiInstance({ articles: FIXTURE_ARTICLES, token: TOKEN, publicRead: false, label: 'browser-token' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('asks once for the token (the search and the live stream both needed it), then every view and the pipeline use it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Counts the times the page opens its token dialog.
    await page.addInitScript(() => {
      const showModal = HTMLDialogElement.prototype.showModal;
      const counted = window as unknown as { tokenAsked: number };
      counted.tokenAsked = 0;
      HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
        counted.tokenAsked += 1;
        return showModal.call(this);
      };
    });
    await page.goto(api.url);
    const dialog = page.locator('#token-dialog');
    await dialog.waitFor();
    await page.locator('#token-input').fill(TOKEN);
    await dialog.locator('button[value="ok"]').click();
    await poll(() => page.locator('#status').textContent()).toBe(`Latest of ${FIXTURE_ARTICLES.length} results`);
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { tokenAsked: number }).tokenAsked)).toBe(1);

    await page.goto(`${api.url}/#/feeds`);
    await poll(() => page.locator('#feeds-status').textContent()).toBe('No feeds yet: add one above.');
    // The token lives in the tab: the pipeline page follows its stream with it.
    await page.goto(`${api.url}/pipeline`);
    await poll(() => page.locator('#live-status').getAttribute('data-state')).toBe('live');
    expect(await dialog.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
