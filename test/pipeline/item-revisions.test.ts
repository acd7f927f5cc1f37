import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { startPipelineHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { articlePage, startRecordingServer, type RecordingServer } from './helpers/recording-server.js';

/** An Atom feed of entries, each with its own update time. */
function atomFeed(entries: Array<{ link: string; title: string; updated: string }>): string {
  const items = entries
    .map((entry) => `<entry><id>${entry.link}</id><title>${entry.title}</title><link href="${entry.link}"/><published>2025-03-01T10:00:00Z</published><updated>${entry.updated}</updated></entry>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Test</title><id>urn:test</id><updated>2025-03-05T00:00:00Z</updated>${items}</feed>`;
}

/**
 * A publisher corrects an article and says so in its feed (the entry's
 * update time moves on): the page is fetched again and the index shows the
 * correction. Real HTTP server, real Redis, real SQLite, every stage.
 */
describe('an item its feed says was updated is fetched again', () => {
  let server: RecordingServer | undefined;
  let harness: PipelineHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    await server?.close();
  });

  it('refetches the revised item once, leaves the others alone, and ignores an update time every entry shares', async () => {
    server = await startRecordingServer();
    const s = server;
    const titles: Record<string, string> = { '/a.html': 'Bridge opens to traffic', '/b.html': 'Harbour dredging begins' };
    for (const path of Object.keys(titles)) s.route(path, (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(titles[path]!)));
    let entries = [
      { link: s.url('/a.html'), title: 'Bridge opens to traffic', updated: '2025-03-01T10:00:00Z' },
      { link: s.url('/b.html'), title: 'Harbour dredging begins', updated: '2025-03-01T11:00:00Z' },
    ];
    s.route('/feed.atom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(entries)));
    harness = await startPipelineHarness('item-revisions', {}, ['fetcher', 'parser', 'extractor', 'indexer']);
    const h = harness;
    const { feed } = await h.runtime.index.addFeed(s.url('/feed.atom'));
    await h.pollOnce(feed.id);
    expect((await h.runtime.index.getArticle(s.url('/a.html')))?.title).toBe('Bridge opens to traffic');

    // Polled again, nothing changed: nothing is fetched again.
    await h.pollOnce(feed.id);
    expect(s.requestsTo('/a.html')).toHaveLength(1);

    // The publisher corrects one article and moves its entry's update time on.
    titles['/a.html'] = 'Bridge opens to traffic after a delay';
    entries = [{ ...entries[0]!, title: titles['/a.html'], updated: '2025-03-02T09:00:00Z' }, entries[1]!];
    await h.pollOnce(feed.id);
    expect(s.requestsTo('/a.html')).toHaveLength(2);
    expect(s.requestsTo('/b.html')).toHaveLength(1);
    expect((await h.runtime.index.getArticle(s.url('/a.html')))?.title).toBe('Bridge opens to traffic after a delay');
    expect(await h.runtime.index.countArticles()).toBe(2);

    // Polled again with the same revision: once is enough.
    await h.pollOnce(feed.id);
    expect(s.requestsTo('/a.html')).toHaveLength(2);

    // A feed that stamps every entry with the time it was built says nothing about any one of them.
    const third = s.url('/c.html');
    s.route('/c.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Ferry timetable changes')));
    entries = [...entries, { link: third, title: 'Ferry timetable changes', updated: '2025-03-03T08:00:00Z' }].map((entry) => ({ ...entry, updated: '2025-03-09T00:00:00Z' }));
    await h.pollOnce(feed.id);
    expect(s.requestsTo('/a.html')).toHaveLength(2);
    expect(s.requestsTo('/b.html')).toHaveLength(1);
    expect(s.requestsTo('/c.html')).toHaveLength(1);
    expect(h.failures).toEqual([]);
    const parses = await h.runtime.queues.get(QUEUES.feedParse).getCompleted();
    expect(parses.map((job) => (job.returnvalue as { revised?: number }).revised).sort()).toEqual([0, 0, 0, 0, 1]);
  }, 60_000);

  it('stores a revision that goes back to an earlier text: the same page bytes as a fetch before, now newer than what the index holds', async () => {
    server = await startRecordingServer();
    const s = server;
    let title = 'Council approves budget';
    s.route('/a.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(title)));
    let updated = '2025-03-01T10:00:00Z';
    s.route('/feed.atom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed([{ link: s.url('/a.html'), title, updated }])));
    harness = await startPipelineHarness('item-revision-back', {}, ['fetcher', 'parser', 'extractor', 'indexer']);
    const h = harness;
    const { feed } = await h.runtime.index.addFeed(s.url('/feed.atom'));
    await h.pollOnce(feed.id);
    title = 'Council delays budget vote';
    updated = '2025-03-02T10:00:00Z';
    await h.pollOnce(feed.id);
    expect((await h.runtime.index.getArticle(s.url('/a.html')))?.title).toBe('Council delays budget vote');
    // The correction is withdrawn: the page is byte for byte the first one again.
    title = 'Council approves budget';
    updated = '2025-03-03T10:00:00Z';
    await h.pollOnce(feed.id);
    expect(s.requestsTo('/a.html')).toHaveLength(3);
    expect((await h.runtime.index.getArticle(s.url('/a.html')))?.title).toBe('Council approves budget');
    expect(h.failures).toEqual([]);
  }, 60_000);

  it('keeps one article for an item whose feed link redirects to the article, when the article moves to a new slug', async () => {
    server = await startRecordingServer();
    const s = server;
    const page = (title: string) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(title));
    // The feed links a tracking address that redirects to the article: the article's URL is never the item's.
    let target = '/2025/ferry-fares-rise.html';
    s.route('/go/1', (_req, res) => void res.writeHead(301, { location: s.url(target) }).end());
    s.route('/2025/ferry-fares-rise.html', page('Ferry fares rise in spring'));
    let entries = [{ link: s.url('/go/1'), title: 'Ferry fares rise', updated: '2025-03-01T10:00:00Z' }];
    s.route('/feed.atom', (_req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(entries)));
    harness = await startPipelineHarness('item-redirect-moves', {}, ['fetcher', 'parser', 'extractor', 'indexer']);
    const h = harness;
    const { feed } = await h.runtime.index.addFeed(s.url('/feed.atom'));
    await h.pollOnce(feed.id);
    expect((await h.runtime.index.getArticle(s.url('/2025/ferry-fares-rise.html')))?.title).toBe('Ferry fares rise in spring');

    // Corrected under a new slug: the tracking address now leads there, and the entry says it was updated.
    target = '/2025/ferry-fares-rise-again.html';
    s.route(target, page('Ferry fares rise again in spring'));
    entries = [{ ...entries[0]!, updated: '2025-03-02T09:00:00Z' }];
    await h.pollOnce(feed.id);
    expect(await h.runtime.index.countArticles()).toBe(1);
    expect(await h.runtime.index.getArticle(s.url('/2025/ferry-fares-rise.html'))).toBeNull();
    expect((await h.runtime.index.getArticle(s.url(target)))?.title).toBe('Ferry fares rise again in spring');
    expect(h.failures).toEqual([]);
  }, 60_000);

  it('keeps one article for an item whose link changes under the same guid: a session id in the link, then a new slug its old one redirects to', async () => {
    server = await startRecordingServer();
    const s = server;
    let link = (): string => s.url(`/story.html?session=${s.requestsTo('/feed.rss').length}`);
    s.route('/story.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Ferry fares rise in spring')));
    s.route('/feed.rss', (_req, res) => {
      const item = `<item><guid isPermaLink="false">ferry-fares-1</guid><title>Ferry fares rise</title><link>${link()}</link></item>`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>${item}</channel></rss>`);
    });
    harness = await startPipelineHarness('item-guid-moves', {}, ['fetcher', 'parser', 'extractor', 'indexer']);
    const h = harness;
    const { feed } = await h.runtime.index.addFeed(s.url('/feed.rss'));
    for (let poll = 1; poll <= 3; poll += 1) await h.pollOnce(feed.id);
    expect(s.requestsTo('/story.html')).toHaveLength(3);
    expect(await h.runtime.index.countArticles()).toBe(1);
    expect((await h.runtime.index.getArticle(s.url('/story.html?session=3')))?.title).toBe('Ferry fares rise in spring');

    // The story gets a new slug; its old address (the last link) redirects there.
    const last = s.url('/story.html?session=3');
    s.route('/ferry-fares-rise-again.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Ferry fares rise again in spring')));
    s.route('/story.html', (_req, res) => void res.writeHead(301, { location: s.url('/ferry-fares-rise-again.html') }).end());
    link = () => s.url('/ferry-fares-rise-again.html');
    await h.pollOnce(feed.id);
    expect(await h.runtime.index.countArticles()).toBe(1);
    expect(await h.runtime.index.getArticle(last)).toBeNull();
    expect((await h.runtime.index.getArticle(s.url('/ferry-fares-rise-again.html')))?.title).toBe('Ferry fares rise again in spring');
    expect(h.failures).toEqual([]);
  }, 60_000);
});
