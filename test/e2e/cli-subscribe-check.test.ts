import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { rssFeed, startRecordingServer, type RecordingServer } from '../pipeline/helpers/recording-server.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/services.js';

/**
 * `tidings subscribe` and `tidings import` take only what the fetcher will
 * fetch: the same rule (packages/http checkFetchable) as the fetcher and
 * POST /api/feeds. Two real servers on two loopback ports; only the first
 * is in TIDINGS_FETCH_ALLOW_PRIVATE.
 */
describe('subscribing refuses what the fetcher would refuse (CLI)', () => {
  let site: RecordingServer;
  let other: RecordingServer;
  const data = tempDir('subscribe-check');
  let env: Record<string, string>;
  const html = (head: string) => `<!doctype html><html><head><title>x</title>${head}</head><body><p>hello</p></body></html>`;

  beforeAll(async () => {
    site = await startRecordingServer();
    other = await startRecordingServer();
    env = { TIDINGS_DATA_DIR: data.dir, TIDINGS_FETCH_ALLOW_PRIVATE: `127.0.0.1:${new URL(site.origin).port}`, TIDINGS_FETCH_TIMEOUT_MS: '5000' };
    site.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] })));
    // A page of the allowed site whose only feed lives on another local port.
    site.route('/elsewhere.html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html(`<link rel="alternate" type="application/rss+xml" href="${other.url('/feed.xml')}">`));
    });
    other.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed({ links: [] })));
  });

  afterAll(async () => {
    await site?.close();
    await other?.close();
    data.remove();
  });

  const subscribed = async () => (await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], env)).feeds.map((feed) => feed.url);

  it.each([
    ['a private address', 'http://10.0.0.1/feed.xml', /10\.0\.0\.1 is a blocked address \(private\)/],
    ['another local port', 'http://127.0.0.1:6379/', /127\.0\.0\.1 is a blocked address \(loopback\).*127\.0\.0\.1:6379/],
    ['credentials', 'https://reader:hunter2@93.184.216.34/feed.xml', /credentials/],
  ])('refuses %s with one line naming the reason, exit 2, nothing stored', async (_label, url, reason) => {
    const result = await runCli(['subscribe', url], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tidings: cannot subscribe: .+\n$/);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toContain('hunter2');
    expect(other.requests).toHaveLength(0);
    expect(await subscribed()).toEqual([]);
  });

  it('leaves out a discovered feed on another local port', async () => {
    const result = await runCli(['subscribe', site.url('/elsewhere.html')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`leaving out ${other.url('/feed.xml')}`);
    expect(result.stderr).toMatch(/offers no feed Tidings may fetch/);
    expect(other.requests).toHaveLength(0);
    expect(await subscribed()).toEqual([]);
  });

  it('subscribes to the allowed site as before', async () => {
    const result = await runCli(['subscribe', site.url('/feed.xml')], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await subscribed()).toEqual([site.url('/feed.xml')]);
  });

  it('import reports refused outlines as invalid, with the reason, and adds the rest', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline type="rss" text="ok" xmlUrl="https://93.184.216.34/feed.xml"/>
      <outline type="rss" text="other port" xmlUrl="${other.url('/feed.xml')}"/>
      <outline type="rss" text="metadata" xmlUrl="http://169.254.169.254/latest/"/>
    </body></opml>`;
    writeFileSync(path.join(data.dir, 'feeds.opml'), opml);
    const report = await runCliJson<{ added: Array<{ url: string }>; invalid: Array<{ entry: string; reason: string }> }>(['import', path.join(data.dir, 'feeds.opml'), '--json'], env);
    expect(report.added.map((feed) => feed.url)).toEqual(['https://93.184.216.34/feed.xml']);
    expect(report.invalid.map((entry) => entry.entry)).toEqual([other.url('/feed.xml'), 'http://169.254.169.254/latest/']);
    for (const entry of report.invalid) expect(entry.reason).toContain('blocked address');
    expect(await subscribed()).not.toContain(other.url('/feed.xml'));
  });
});
