// `tidings show <id> --trace`: an article's stage timings, from what the pipeline kept in Redis.
// Apart from query.ts, which registers `show`, so that only `--trace` loads Redis and @tidings/metrics.
import type { ArticleRecord } from '@tidings/contracts';
import type { ArticleTimeline } from '@tidings/metrics';
import { cliConfig, cliLogger, out, printJson, withRuntime } from '../context.js';
import { formatSeconds } from './status.js';

/** What the stages did, for people. */
const DONE: Record<string, string> = {
  'feed-fetch': 'feed fetched',
  'feed-parse': 'feed parsed',
  'article-fetch': 'page fetched',
  'article-extract': 'extracted',
  'article-index': 'indexed',
};

/** The lines `show --trace` prints. Pure. */
export function traceLines(record: Pick<ArticleRecord, 'id' | 'url' | 'title' | 'publishedAt'>, timeline: ArticleTimeline): string[] {
  const lines = [record.title, record.url, ''];
  if (timeline.stages.length === 0) {
    lines.push('no stage timings kept for this article (indexed before they were recorded, or they expired)');
    return lines;
  }
  const at = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  if (record.publishedAt) lines.push(`${'published'.padEnd(14)} ${at(new Date(record.publishedAt).toISOString())}`);
  if (timeline.polledAt) lines.push(`${'polled'.padEnd(14)} ${at(timeline.polledAt)}`);
  for (const stage of timeline.stages) {
    lines.push(`${(DONE[stage.stage] ?? stage.stage).padEnd(14)} ${at(stage.finishedAt)}  ${stage.stage.padEnd(15)} waited ${formatSeconds(stage.waitedMs / 1000).padStart(7)}  took ${formatSeconds(stage.tookMs / 1000).padStart(7)}`);
  }
  const last = timeline.stages.at(-1)!;
  const start = timeline.polledAt ?? timeline.stages[0]!.queuedAt;
  lines.push('', `${timeline.polledAt ? 'polled' : 'queued'} → ${DONE[last.stage] ?? last.stage}: ${formatSeconds((Date.parse(last.finishedAt) - Date.parse(start)) / 1000)}`);
  if (record.publishedAt && last.stage === 'article-index') lines.push(`published → indexed: ${formatSeconds((Date.parse(last.finishedAt) - Date.parse(record.publishedAt)) / 1000)}`);
  return lines;
}

/** Reads the article's timeline from Redis and prints it (as JSON with `json`). */
export async function printTrace(record: ArticleRecord, json: boolean): Promise<void> {
  const { readTimeline } = await import('@tidings/metrics');
  const config = await cliConfig();
  const timeline = await withRuntime(config, await cliLogger(config, true), (runtime) => readTimeline(runtime.redis, config.queuePrefix, record.url), { autostartRedis: false });
  if (json) return printJson({ id: record.id, url: record.url, publishedAt: record.publishedAt, ...timeline });
  for (const line of traceLines(record, timeline)) out(line);
}
