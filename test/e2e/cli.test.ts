import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1251_ARTICLE_PATH, PUBLIC_DIR, SEED_ARTICLE_PATH, startSite, type SiteServer } from '@tidings/demo-site';
import { runCli, runCliJson, runCompiledCli } from '../support/cli.js';
import { tempDir, TEST_REDIS_URL } from '../support/services.js';

// A few pages of the public article-extraction benchmark, vendored (test/fixtures/article-extraction/README.md).
const benchHtml = fileURLToPath(new URL('../fixtures/article-extraction/', import.meta.url));
const publicFile = (urlPath: string) => path.join(PUBLIC_DIR, urlPath);

describe('the CLI contract', () => {
  const data = tempDir('cli');
  const env = { TIDINGS_DATA_DIR: data.dir, REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: 'tidings-test-cli' };
  let site: SiteServer;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  it('has --help on every command', async () => {
    for (const command of ['subscribe', 'unsubscribe', 'feeds', 'search', 'show', 'extract', 'parse-feed', 'status', 'run', 'start', 'worker', 'demo']) {
      const result = await runCli([command, '--help'], env);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: tidings ${command}`);
    }
    const top = await runCli(['--help'], env);
    expect(top.stdout).toContain('TIDINGS_FETCH_ALLOW_PRIVATE');
  });

  it('reports errors as one line on stderr with a non-zero exit, stdout empty', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['show', 'no-such-article'], /^tidings: no article no-such-article in the index\n$/],
      [['subscribe', 'ftp://example.org/feed'], /^tidings: not an http\(s\) URL: ftp:\/\/example\.org\/feed\n$/],
      [['search', '--json', '--', '-war'], /^tidings: bad query: .+\n$/],
      [['search', 'x', '-war'], /^tidings: unknown option '-war' \(a word that starts with '-' goes after '--': tidings search -- x -war\)\n$/],
      [['extract', '/nonexistent/page.html'], /^tidings: \/nonexistent\/page\.html: cannot read \/nonexistent\/page\.html: no such file\n$/],
      [['worker', 'juggler'], /^tidings: unknown worker "juggler": one of fetcher, parser, extractor, indexer, scheduler, alerter\n$/],
      // Usage errors are one line too: no help printed after them.
      [['search'], /^tidings: missing required argument 'query'\n$/],
      [['search', 'x', '--limit'], /^tidings: option '--limit <n>' argument missing\n$/],
      // Numbers are decimal digits: Number() alone reads 0x10 as 16 and '' as 0.
      [['parse-feed', '--url', 'feed.xml', publicFile('/feeds/world.atom')], /^tidings: --url: not an absolute http\(s\) URL: feed\.xml\n$/],
      [['search', 'x', '--limit', '0x10'], /^tidings: --limit must be a positive whole number, got "0x10"\n$/],
      // An unknown command is an error even when --help follows it.
      [['vacuum', '--help'], /^tidings: unknown command 'vacuum' \(see tidings --help\)\n$/],
    ];
    for (const [args, stderr] of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(stderr);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    const badConfig = await runCli(['feeds'], { ...env, TIDINGS_POLL_INTERVAL: 'often' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/^tidings: invalid configuration: TIDINGS_POLL_INTERVAL: not a duration: "often"/);
  });

  it('extract of an input that fails at once says why and exits 1, every time (its extraction thread still starting)', async () => {
    // The compiled executable, where the thread starts fast enough for the race to show (half its runs exited 13, silent),
    // when the build is there (pnpm install builds it); else the sources.
    const compiled = fileURLToPath(new URL('../../services/cli/dist/main.js', import.meta.url));
    for (let run = 0; run < 8; run++) {
      const result = existsSync(compiled) ? await runCompiledCli(compiled, ['extract', 'http://127.0.0.1:1/x'], env) : await runCli(['extract', 'http://127.0.0.1:1/x'], env);
      expect(result.code, `run ${run}`).toBe(1);
      expect(result.stderr, `run ${run}`).toMatch(/^tidings: http:\/\/127\.0\.0\.1:1\/x: refusing to fetch .* blocked address/);
    }
  });

  it('extract --json prints one ArticleRecord with the contract fields', async () => {
    const record = await runCliJson<Record<string, unknown>>(
      ['extract', publicFile(SEED_ARTICLE_PATH), '--url', `https://courier.example${SEED_ARTICLE_PATH}`, '--json'],
      env,
    );
    for (const field of ['id', 'url', 'title', 'authors', 'publishedAt', 'modifiedAt', 'siteName', 'lang', 'excerpt', 'text', 'html', 'wordCount', 'imageUrl', 'tags', 'feedUrls', 'fetchedAt']) {
      expect(record, field).toHaveProperty(field);
    }
    expect(record.title).toMatch(/^U\.S\. says Azerbaijan agreed/);
    expect(record.siteName).toBe('Caucasus Courier');
  });

  it('extract --jsonl gives one line per input, records and errors alike, over many files', async () => {
    const { readdirSync } = await import('node:fs');
    const bench = readdirSync(benchHtml).filter((name) => name.endsWith('.html.gz')).map((name) => path.join(benchHtml, name));
    const image = `${site.url}/images/cup-final.svg`;
    const inputs = [...bench, '/nonexistent/x.html', publicFile(CP1251_ARTICLE_PATH), `${site.url}${SEED_ARTICLE_PATH}`, image];
    const result = await runCli(['extract', '--jsonl', ...inputs], { ...env, TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32' });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; record?: { title: string; text: string }; error?: { code: string; message: string } });
    expect(lines.map((line) => line.input)).toEqual(inputs);
    // Every benchmark page, the windows-1251 page and the fetched seed page give a record; the missing file and the image err.
    expect(lines.filter((line) => line.record)).toHaveLength(bench.length + 2);
    expect(lines.filter((line) => line.error)).toHaveLength(2);
    expect(lines[bench.length]).toEqual({ input: '/nonexistent/x.html', error: { code: 'io', message: 'cannot read /nonexistent/x.html: no such file' } });
    expect(lines[bench.length + 1]!.record!.text).toContain('Байкал');
    expect(lines[bench.length + 2]!.record!.text).toContain('Lachin corridor');
    // Refused as the pipeline's article fetch refuses it, not extracted as if it were a page.
    expect(lines[bench.length + 3]).toEqual({ input: image, error: { code: 'unsupported-content', message: `${image} is image/svg+xml, not an HTML page` } });
  });

  it('extract reads a page saved as UTF-8 under its old legacy <meta> as UTF-8, and says so on stderr', async () => {
    const { writeFileSync } = await import('node:fs');
    // As corpora and mirrors save pages: re-encoded to UTF-8, the <meta> left as the server wrote it.
    const paragraph = 'Озеро Байкал — самое глубокое озеро на планете, и учёные каждый год спускаются к его дну, чтобы измерить температуру воды и течения.';
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Байкал зимой</title></head><body><article><h1>Байкал зимой</h1>${`<p>${paragraph}</p>`.repeat(6)}</article></body></html>`;
    const file = path.join(data.dir, 'resaved-utf8.html');
    writeFileSync(file, html, 'utf8');
    const result = await runCli(['extract', file, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout) as { title: string; text: string };
    expect(record.title).toBe('Байкал зимой');
    expect(record.text).toContain('самое глубокое озеро');
    expect(result.stderr).toBe(`warning: ${file}: the page's <meta> says charset=windows-1251, but the document is UTF-8; decoded as utf-8\n`);
  });

  it('parse-feed --json prints the feed contract', async () => {
    const parsed = await runCliJson<{ format: string; feed: Record<string, unknown>; items: Array<Record<string, unknown>>; warnings: string[] }>(
      ['parse-feed', publicFile('/feeds/world.atom'), '--url', 'https://courier.example/feeds/world.atom', '--json'],
      env,
    );
    expect(parsed.format).toBe('atom1');
    expect(Object.keys(parsed.feed).sort()).toEqual(['description', 'feedUrl', 'language', 'siteUrl', 'title', 'updatedAt']);
    expect(parsed.items.length).toBeGreaterThan(0);
    for (const item of parsed.items) {
      expect(Object.keys(item).sort()).toEqual(['authors', 'categories', 'contentHtml', 'enclosures', 'id', 'publishedAt', 'summary', 'title', 'updatedAt', 'url']);
      expect(String(item.url)).toMatch(/^https?:\/\//);
      expect(String(item.url)).not.toContain('utm_');
    }
    expect(Array.isArray(parsed.warnings)).toBe(true);
  });

  it('status --json prints per-queue counts and the index size', async () => {
    const status = await runCliJson<{ queues: Record<string, Record<string, number>>; index: { articles: number; feeds: number } }>(['status', '--json'], env);
    expect(Object.keys(status.queues)).toEqual(['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index']);
    for (const counts of Object.values(status.queues)) expect(Object.keys(counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    expect(status.index).toEqual({ articles: 0, feeds: 0 });
  });
});
