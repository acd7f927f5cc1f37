import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { runCli, runCliJson } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

interface ImportReport {
  added: Array<{ id: string; url: string; title: string | null; tags: string[] }>;
  skipped: Array<{ id: string; url: string; reason: string }>;
  invalid: Array<{ entry: string; reason: string }>;
}

describe('OPML import and export, and feed health in tidings feeds', () => {
  let site: SiteServer;
  const data = tempDir('opml');
  const copy = tempDir('opml-copy');
  const prefix = uniquePrefix('opml');
  let env: Record<string, string>;
  let report: ImportReport;

  beforeAll(async () => {
    await requireRedis();
    site = await startSite();
    env = {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
      TIDINGS_FETCH_TIMEOUT_MS: '5000',
      TIDINGS_HOST_DELAY_MS: '20',
    };
    const opml = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="News">
    <outline text="Caucasus">
      <outline type="rss" text="Courier" xmlUrl="${site.feeds.rss}"/>
      <outline type="rss" text="Courier World" xmlUrl="${site.feeds.atom}" category="Daily,/Region/South"/>
    </outline>
    <outline type="rss" text="Courier again" xmlUrl="${site.feeds.rss}"/>
  </outline>
  <outline type="rss" text="Tech" title="Courier Tech" xmlUrl="${site.feeds.json}"/>
  <outline type="rss" text="Already here" xmlUrl="${site.url}/feeds/failures.rss"/>
  <outline type="rss" text="Broken" xmlUrl="not a url"/>
  <outline type="rss" text="No address"/>
</body></opml>`;
    writeFileSync(path.join(data.dir, 'feeds.opml'), opml);
    expect((await runCli(['subscribe', `${site.url}/feeds/failures.rss`], env)).code).toBe(0);
    report = await runCliJson<ImportReport>(['import', path.join(data.dir, 'feeds.opml'), '--json'], env);
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    data.remove();
    copy.remove();
    await deletePrefix(prefix);
  });

  it('reads a file in the charset its XML declaration names (an ISO-8859-1 export keeps its accents)', async () => {
    const latin1 = `<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><body><outline text="Caf\u00e9s" title="Caf\u00e9 de Z\u00fcrich" type="rss" xmlUrl="${site.url}/feeds/latin1.rss"/></body></opml>`;
    // An index of its own: the other tests count the feeds of theirs.
    const own = tempDir('opml-latin1');
    try {
      writeFileSync(path.join(own.dir, 'latin1.opml'), Buffer.from(latin1, 'latin1'));
      const latin = await runCliJson<ImportReport>(['import', path.join(own.dir, 'latin1.opml'), '--json'], { ...env, TIDINGS_DATA_DIR: own.dir });
      expect(latin.added.map((feed) => feed.title)).toEqual(['Café de Zürich']);
    } finally {
      own.remove();
    }
  });

  it('reports what it added (with folder and category tags), skipped as duplicates, and found invalid', () => {
    expect(report.added.map((feed) => [feed.url, feed.tags])).toEqual([
      [site.feeds.rss, ['News', 'Caucasus']],
      [site.feeds.atom, ['News', 'Caucasus', 'Daily', 'Region/South']],
      [site.feeds.json, []],
    ]);
    expect(report.added[2]!.title).toBe('Courier Tech');
    expect(report.skipped.map((feed) => [feed.url, feed.reason])).toEqual([
      [site.feeds.rss, 'listed twice in the file'],
      [`${site.url}/feeds/failures.rss`, 'already subscribed'],
    ]);
    expect(report.invalid.map((entry) => entry.entry)).toEqual(['not a url', 'No address']);
  });

  it('exports OPML that imports back to the same feeds and tags', async () => {
    const exported = await runCli(['export'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
    writeFileSync(path.join(copy.dir, 'export.opml'), exported.stdout);
    const copyEnv = { ...env, TIDINGS_DATA_DIR: copy.dir };
    const text = await runCli(['import', path.join(copy.dir, 'export.opml')], copyEnv);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^added 4 feeds, skipped 0 \(duplicates\), 0 invalid\n/);
    const original = (await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], env)).feeds;
    const roundTripped = (await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], copyEnv)).feeds;
    const shape = (feeds: FeedRecord[]) => feeds.map((feed) => ({ url: feed.url, tags: feed.tags })).sort((a, b) => a.url.localeCompare(b.url));
    expect(shape(roundTripped)).toEqual(shape(original));
  });

  it('shows each feed\'s health after a run: last fetch and status, next poll, interval, failures, items seen', async () => {
    const run = await runCli(['run', '--until-idle', '--json', '--quiet'], env);
    expect(run.code, run.stderr).toBe(0);
    const { feeds } = await runCliJson<{ feeds: FeedRecord[] }>(['feeds', '--json'], env);
    for (const feed of feeds) {
      expect(feed).toMatchObject({ state: 'active', stateReason: null, lastStatus: 'ok', lastHttpStatus: 200, consecutiveFailures: 0 });
      expect(feed.intervalMs).toBeGreaterThanOrEqual(5 * 60_000);
      expect(Date.parse(feed.nextPollAt!)).toBeGreaterThan(Date.parse(feed.lastFetchAt!));
      expect(feed.itemsSeen).toBeGreaterThan(0);
    }
    const text = await runCli(['feeds'], env);
    expect(text.code).toBe(0);
    const rss = feeds.find((feed) => feed.url === site.feeds.rss)!;
    expect(text.stdout).toContain(`${rss.id}  ${rss.url}`);
    expect(text.stdout).toContain('[News, Caucasus]');
    expect(text.stdout).toMatch(/last fetch \S+: ok \(HTTP 200\)/);
    expect(text.stdout).toMatch(/next poll \S+ \(in \d+[mhd]/);
    expect(text.stdout).toMatch(/interval \d+[mhd]/);
    expect(text.stdout).toMatch(/\d+ items seen/);
  });
});
