import { pino } from 'pino';
import type { QUEUES, JobPayload } from '@tidings/contracts';
import { pollingPolicy } from '@tidings/polling';
import type { JobContext } from '@tidings/queue';
import type { FeedParser, ParserDeps } from '@tidings/service-parser';
import type { PipelineHarness } from './pipeline-harness.js';

/**
 * The parser's handler called directly (no worker) on a harness's real
 * Redis and SQLite index, with real parse threads: its dependencies as the
 * parser service builds them, a feed-parse job for a body, and a job
 * context whose log lines are kept.
 */

/** The parser's dependencies on the harness's runtime; `overrides` replace any of them. */
export function parserDeps(harness: PipelineHarness, parse: FeedParser, overrides: Partial<ParserDeps> = {}): ParserDeps {
  const { index, bodies, queues, config } = harness.runtime;
  return { index, bodies, queues, polling: { index, policy: pollingPolicy(config) }, parse, maxItems: 500, ...overrides };
}

/** A feed-parse job of `body` (stored in the body store) for `feedId`, fetched now from news.example.org. */
export async function feedParseJob(harness: PipelineHarness, feedId: string, body: string): Promise<JobPayload<typeof QUEUES.feedParse>> {
  const bodyKey = await harness.runtime.bodies.put(body);
  return { feedId, finalUrl: 'https://news.example.org/feed.xml', contentLocation: null, bodyKey, fetchedAt: new Date().toISOString(), etag: null, lastModified: null, warnings: [] };
}

/** A JobContext whose log lines (info and above) are kept in `lines`, parsed. */
export function recordingJobContext(): { context: JobContext; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { context: { log, jobId: 'test', attempt: 1, createdAt: Date.now(), putAside: () => Promise.reject(new Error('not here')) }, lines };
}
