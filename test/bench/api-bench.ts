/**
 * bench:api — the query benchmark's searches through the HTTP API next to
 * the same searches on the index in-process, and the difference (the API's
 * overhead per request). Not a test: it prints.
 *
 *   pnpm bench:api [--articles 100000] [--queries 300]
 *
 * `apiBenchColumns()` is also what bench:query passes as `extraColumns` to
 * add "API (SQLite)" and "API (PostgreSQL)" columns to its own table.
 * Requests go to 127.0.0.1 only, one at a time over a keep-alive connection,
 * a bounded number of them.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { openIndex } from '@tidings/index';
import { TidingsMetrics } from '@tidings/metrics';
import { PipelineQueues } from '@tidings/queue';
import { buildApp } from '@tidings/service-api';
import { deletePrefix } from '../support/services.js';
import { formatTable, QUERY_KINDS, runQueryBench, type BenchColumn, type BenchQuery, type ColumnResult, type SearchRunner } from './query.js';

const QUEUE_PREFIX = 'tidings-bench-api';

/** The API's search URL for a benchmark query: first page of 10, facets only when the query asks (as the in-process runner). */
export function searchPath(query: BenchQuery): string {
  const params = new URLSearchParams({ q: query.q, limit: '10', facets: query.facets === true ? 'true' : 'false' });
  for (const [name, value] of Object.entries(query.filters ?? {})) if (typeof value === 'string') params.set(name, value);
  return `/api/search?${params}`;
}

/** GETs `path` and reads the whole body; rejects on anything but 200. */
function get(agent: http.Agent, port: number, requestPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: requestPath, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode} for ${requestPath}: ${Buffer.concat(chunks).toString().slice(0, 200)}`))));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Serves an index through the real API app on 127.0.0.1 (no auth, as
 * `tidings api` on loopback) and returns a runner sending each query over
 * HTTP. Redis is connected lazily and never used by search.
 */
async function serveIndex(options: { dataDir: string; indexUrl: string | null }): Promise<{ run: SearchRunner; close(): Promise<void> }> {
  const index = await openIndex({ dataDir: options.dataDir, indexUrl: options.indexUrl });
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
  redis.on('error', () => {});
  const queues = new PipelineQueues(redis, QUEUE_PREFIX, { keepCompleted: 10, keepFailed: 10 });
  const app = await buildApp({
    index,
    queues,
    redis,
    log: pino({ level: 'silent' }),
    auth: { token: null, publicRead: true },
    events: { listen: () => () => {}, position: '0-0', announcedAfter: async () => null },
    metrics: new TidingsMetrics(() => Promise.reject(new Error('no metrics in the benchmark'))),
    opml: null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not on a TCP port');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Warm up the connection, the route and the index's pool, as the in-process column's index already is.
  for (let i = 0; i < 20; i++) await get(agent, address.port, searchPath({ kind: 'one-word', q: i % 2 ? 'government' : 'said' }));
  return {
    run: (query) => get(agent, address.port, searchPath(query)),
    close: async () => {
      agent.destroy();
      await app.close();
      await queues.close();
      // The queues wrote their meta keys once connected: leave the shared Redis as it was.
      if (redis.status === 'ready') await deletePrefix(QUEUE_PREFIX, redisUrl);
      redis.disconnect();
      await index.close();
    },
  };
}

/** "API (SQLite)" and, when the benchmark built a PostgreSQL copy, "API (PostgreSQL)". */
export function apiBenchColumns(): BenchColumn[] {
  return [
    { name: 'API (SQLite)', setUp: (targets) => serveIndex({ dataDir: targets.sqliteDataDir, indexUrl: null }) },
    {
      name: 'API (PostgreSQL)',
      setUp: (targets) => {
        if (!targets.postgresIndexUrl) throw new Error('PostgreSQL was unreachable');
        return serveIndex({ dataDir: targets.sqliteDataDir, indexUrl: targets.postgresIndexUrl });
      },
    },
  ];
}

/** Rows of "API overhead": API p50 minus the same backend's in-process p50, per query kind. */
export function overheadRows(results: ColumnResult[]): string[] {
  const rows: string[] = [];
  for (const backend of ['SQLite', 'PostgreSQL']) {
    const direct = results.find((result) => result.name === backend);
    const api = results.find((result) => result.name === `API (${backend})`);
    if (!direct || !api || api.error) continue;
    const cells = QUERY_KINDS.map((kind) => {
      const a = api.latency[kind];
      const d = direct.latency[kind];
      return a && d ? `${kind} ${(a.p50 - d.p50).toFixed(2)} ms` : `${kind} —`;
    });
    rows.push(`API overhead over ${backend} (p50 difference): ${cells.join(', ')}`);
  }
  return rows;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '2' }, batch: { type: 'string', default: '100' } } });
  const articles = Number(values.articles);
  const results = await runQueryBench({ articles, queriesPerKind: Number(values.queries), concurrency: Number(values.concurrency), batch: Number(values.batch), extraColumns: apiBenchColumns() });
  console.log(`\nbench:api on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}\n`);
  console.log(formatTable(results, articles));
  console.log(`\n${overheadRows(results).join('\n')}`);
}
