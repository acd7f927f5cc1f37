import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/services.js';

/**
 * `tidings extract` and `tidings parse-feed` on local files get the limits a
 * fetched body gets: TIDINGS_FETCH_MAX_BYTES on the file and on what it
 * decompresses to (the same `too-large` code), and the stage's time budget.
 */
describe('local inputs get the same limits as fetched ones', () => {
  const dir = tempDir('cli-limits');
  const env = { TIDINGS_DATA_DIR: dir.dir, TIDINGS_FETCH_MAX_BYTES: '65536' };
  const file = (name: string) => path.join(dir.dir, name);
  const paragraph = (i: number) => `<p>Paragraph ${i} of a long story about the harbour, the ships and the people who wait for them every morning.</p>`;
  const page = (paragraphs: number) => `<!doctype html><html lang="en"><head><title>Harbour story</title></head><body><article><h1>Harbour story</h1>${Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('\n')}</article></body></html>`;
  const rss = (items: number) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link><description>d</description>${Array.from(
      { length: items },
      (_, i) => `<item><title>Story ${i}</title><link>https://big.example/${i}</link><description>Text of story ${i}.</description></item>`,
    ).join('')}</channel></rss>`;

  beforeAll(() => {
    writeFileSync(file('small.html'), page(20));
    writeFileSync(file('big.html'), page(2_000));
    // A few kilobytes that inflate to 4 MB: only the decompressed size is over the cap.
    writeFileSync(file('bomb.html.gz'), gzipSync(Buffer.from(`<!doctype html><html><body><p>${' '.repeat(4 * 1024 * 1024)}</p></body></html>`)));
    writeFileSync(file('big.rss'), rss(2_000));
    writeFileSync(file('bomb.rss.gz'), gzipSync(Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>${' '.repeat(4 * 1024 * 1024)}</title></channel></rss>`)));
    // Under the cap, but far too much work for a 1 ms budget.
    writeFileSync(file('slow.html'), page(400));
    writeFileSync(file('slow.rss'), rss(300));
  });

  afterAll(() => dir.remove());

  it('extract --jsonl: too-large for a file or a decompression over TIDINGS_FETCH_MAX_BYTES, in the usual error shape', async () => {
    const inputs = [file('small.html'), file('big.html'), file('bomb.html.gz')];
    const result = await runCli(['extract', '--jsonl', ...inputs], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; record?: { title: string }; error?: { code: string; message: string } });
    expect(lines.map((line) => line.input)).toEqual(inputs);
    expect(lines[0]!.record?.title).toBe('Harbour story');
    expect(lines[1]).toEqual({ input: file('big.html'), error: { code: 'too-large', message: `${file('big.html')} is larger than 65536 bytes (TIDINGS_FETCH_MAX_BYTES)` } });
    expect(lines[2]).toEqual({ input: file('bomb.html.gz'), error: { code: 'too-large', message: `${file('bomb.html.gz')} decompresses to more than 65536 bytes (TIDINGS_FETCH_MAX_BYTES)` } });
  });

  it('parse-feed: refuses a feed file, or a decompression, over the cap', async () => {
    const big = await runCli(['parse-feed', file('big.rss'), '--json'], env);
    expect(big.code).toBe(1);
    expect(big.stdout).toBe('');
    expect(big.stderr).toBe(`tidings: ${file('big.rss')}: ${file('big.rss')} is larger than 65536 bytes (TIDINGS_FETCH_MAX_BYTES)\n`);
    const bomb = await runCli(['parse-feed', file('bomb.rss.gz')], env);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('decompresses to more than 65536 bytes');
  });

  it('extract: stops an extraction past TIDINGS_EXTRACT_TIMEOUT_MS with a timeout', async () => {
    const result = await runCli(['extract', '--jsonl', file('slow.html')], { ...env, TIDINGS_EXTRACT_TIMEOUT_MS: '1' });
    expect(result.code).toBe(1);
    const line = JSON.parse(result.stdout.trim()) as { input: string; error: { code: string; message: string } };
    expect(line.input).toBe(file('slow.html'));
    expect(line.error.code).toBe('timeout');
    expect(line.error.message).toContain('TIDINGS_EXTRACT_TIMEOUT_MS');
  });

  it('parse-feed: stops a parse past TIDINGS_PARSE_TIMEOUT_MS with a timeout naming the file', async () => {
    const result = await runCli(['parse-feed', file('slow.rss')], { ...env, TIDINGS_PARSE_TIMEOUT_MS: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`tidings: ${file('slow.rss')}: parsing ${file('slow.rss')} took longer than 1 ms (TIDINGS_PARSE_TIMEOUT_MS); its worker thread was stopped\n`);
  });

  it('still reads a gzipped feed within the limits, with the same output as before', async () => {
    writeFileSync(file('small.rss.gz'), gzipSync(Buffer.from(rss(3))));
    const result = await runCli(['parse-feed', file('small.rss.gz'), '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { format: string; items: Array<{ url: string }>; warnings: string[] };
    expect(parsed.format).toBe('rss2');
    expect(parsed.items.map((item) => item.url)).toEqual(['https://big.example/0', 'https://big.example/1', 'https://big.example/2']);
  });
});
