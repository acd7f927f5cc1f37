/**
 * bench:pipeline — end-to-end throughput next to the extractor's own rate on
 * the same pages, in one run. Serves the 181 benchmark pages on 127.0.0.1
 * under distinct URLs (repeated to reach --articles, default 2000) behind
 * generated RSS feeds, runs `tidings run --until-idle` in a child process
 * against a real Redis, and samples peak Redis memory and peak worker RSS.
 *
 *   pnpm bench:pipeline [--articles 2000] [--feed-size 100]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { extractArticle } from '@tidings/extract';
import { openIndex } from '@tidings/index';
import { loadBenchPages } from './bench-pages.js';
import { buildSite, serveSite, type SiteArticle } from './bench-site.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({ options: { articles: { type: 'string', default: '2000' }, 'feed-size': { type: 'string', default: '100' } } });
const wanted = Number(args.articles);
const feedSize = Number(args['feed-size']);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Extraction alone, in this process, over exactly the pages the pipeline will see. */
function benchExtraction(articles: SiteArticle[], base: string) {
  const times: number[] = [];
  let failed = 0;
  const start = performance.now();
  for (const article of articles) {
    const t0 = performance.now();
    try {
      extractArticle(article.page.html, { url: `${base}${article.path}` });
    } catch {
      failed++;
    }
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { pages: articles.length, failed, seconds, rate: articles.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95) };
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function benchPipeline(feedUrls: string[]) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-'));
  const prefix = `tidings-bench-${randomBytes(4).toString('hex')}`;
  const index = await openIndex({ dataDir });
  for (const url of feedUrls) await index.addFeed(url);
  await index.close();
  const redis = new Redis(redisUrl);
  const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  let peakRedis = 0;
  let peakRss = 0;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(root, 'services/cli/src/main.ts'), 'run', '--until-idle', '--json', '--quiet'], {
    cwd: root,
    env: { ...process.env, REDIS_URL: redisUrl, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: dataDir, TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TIDINGS_LOG_LEVEL: 'warn',
      // Every page is on one loopback host: politeness limits would measure the limiter, not the pipeline.
      TIDINGS_HOST_CONCURRENCY: '32', TIDINGS_HOST_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const start = performance.now();
  const sampler = setInterval(async () => {
    peakRss = Math.max(peakRss, rssOf(child.pid ?? 0));
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory').catch(() => ''))?.[1] ?? 0);
    peakRedis = Math.max(peakRedis, used - baseline);
  }, 200);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  // Clean up this run's keys.
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`tidings run exited ${code}`);
  const summary = JSON.parse(stdout) as { indexed: number; failed: unknown[] };
  return { indexed: summary.indexed, failed: summary.failed.length, seconds, rate: summary.indexed / seconds, peakRedis, peakRss };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const pages = loadBenchPages();
const site = buildSite(pages, wanted, feedSize);
const { server, base, feedUrls } = await serveSite(site);
console.log(`bench:pipeline — ${site.articles.length} articles (${pages.length} benchmark pages under distinct URLs) in ${site.feeds.length} RSS feeds on ${base}`);
console.log('extraction alone (same pages, this process, one core)...');
const extraction = benchExtraction(site.articles, base);
console.log('full pipeline (tidings run --until-idle in a child process, real Redis)...');
const pipeline = await benchPipeline(feedUrls);
server.close();

console.log('');
console.log('| measure | extraction alone | pipeline end to end |');
console.log('|---|---|---|');
console.log(`| articles | ${extraction.pages} (${extraction.failed} not articles) | ${pipeline.indexed} indexed (${pipeline.failed} failed) |`);
console.log(`| wall time | ${extraction.seconds.toFixed(1)} s | ${pipeline.seconds.toFixed(1)} s (incl. process start) |`);
console.log(`| articles/s | ${extraction.rate.toFixed(1)} | ${pipeline.rate.toFixed(1)} (${((pipeline.rate / extraction.rate) * 100).toFixed(0)}% of extraction alone) |`);
console.log(`| p50 / p95 per page | ${extraction.p50.toFixed(1)} / ${extraction.p95.toFixed(1)} ms | |`);
console.log(`| peak Redis memory (above baseline) | | ${mb(pipeline.peakRedis)} |`);
console.log(`| peak worker RSS | | ${mb(pipeline.peakRss)} |`);
