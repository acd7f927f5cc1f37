import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import { startSite, type SiteServer } from '@tidings/demo-site';
import { createLogger, createRuntime, type Runtime } from '@tidings/runtime';
import { runCli } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'services/cli/src/main.ts');
/** Bounds each wait (five worker processes start on a small machine); asserts no timing. */
const until = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 120_000, interval: 250 });

/** One span as the receiver keeps it: OTLP/HTTP JSON, with its process's service name. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };

const valueOf = (value: OtlpValue) => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue));

/** An OTLP/HTTP (JSON) trace receiver on 127.0.0.1, written for this test. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; contentTypes: Set<string>; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      contentTypes.add(String(request.headers['content-type']));
      if (request.method === 'POST' && request.url === '/v1/traces' && String(request.headers['content-type']).startsWith('application/json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: OtlpAttribute[] }> }> }>;
        };
        for (const resourceSpans of body.resourceSpans) {
          const service = String(valueOf(resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value ?? {}));
          for (const scope of resourceSpans.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                name: span.name,
                attributes: Object.fromEntries((span.attributes ?? []).map((attribute) => [attribute.key, valueOf(attribute.value)])),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const STAGES = ['feed-fetch', 'feed-parse', 'article-fetch', 'article-extract', 'article-index'];

describe('one article traced through every stage (OpenTelemetry, OTLP/HTTP)', () => {
  const prefix = uniquePrefix('tracing');
  const data = tempDir('tracing');
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let site: SiteServer;
  let runtime: Runtime;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];
  /** The canonical URL of the article whose trace was followed. */
  let tracedUrl: string;

  beforeAll(async () => {
    await requireRedis();
    receiver = await startReceiver();
    site = await startSite({ port: 0 });
    env = {
      REDIS_URL: TEST_REDIS_URL,
      TIDINGS_QUEUE_PREFIX: prefix,
      TIDINGS_DATA_DIR: data.dir,
      TIDINGS_LOG_LEVEL: 'warn',
      TIDINGS_FETCH_ALLOW_PRIVATE: new URL(site.url).host,
      TIDINGS_HOST_DELAY_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    };
    const config = loadConfig(env);
    runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
    await runtime.index.addFeed(site.feeds.rss);
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && !key.startsWith('OTEL_') && key !== 'REDIS_URL'));
    // Five processes, one per role, as in production.
    for (const role of ['fetcher', 'parser', 'extractor', 'indexer', 'scheduler']) {
      workers.push(spawn(process.execPath, ['--import', 'tsx', '--conditions=source', main, 'worker', role], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
  });

  afterAll(async () => {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
            worker.once('exit', () => resolve());
            worker.kill('SIGTERM');
          }),
      ),
    );
    await runtime?.close();
    await site?.close();
    await receiver?.close();
    await deletePrefix(prefix);
    data.remove();
  });

  it('sends one trace per article: the feed poll, the parse, the fetch, the extraction and the indexing, across processes', async () => {
    await until(() => runtime.index.countArticles()).toBeGreaterThan(0);
    // The trace of an indexed article, once all five of its spans have arrived.
    const traceOfAnArticle = () => {
      const indexed = receiver.spans.filter((span) => span.name === 'article-index');
      return indexed.map((span) => receiver.spans.filter((candidate) => candidate.traceId === span.traceId)).find((trace) => STAGES.every((stage) => trace.some((span) => span.name === stage)));
    };
    await until(() => traceOfAnArticle() !== undefined).toBe(true);
    expect([...receiver.contentTypes].every((type) => type.startsWith('application/json'))).toBe(true);

    const trace = traceOfAnArticle()!;
    const byName = (name: string) => trace.find((span) => span.name === name)!;
    const index = byName('article-index');
    const extract = byName('article-extract');
    const fetch = trace.find((span) => span.name === 'article-fetch' && span.spanId === extract.parentSpanId)!;
    const parse = byName('feed-parse');
    const poll = byName('feed-fetch');
    // One chain: poll -> parse -> article fetch -> extraction -> indexing.
    expect(poll.parentSpanId).toBeUndefined();
    expect(parse.parentSpanId).toBe(poll.spanId);
    expect(fetch.parentSpanId).toBe(parse.spanId);
    expect(extract.parentSpanId).toBe(fetch.spanId);
    expect(index.parentSpanId).toBe(extract.spanId);
    // Four worker roles in four processes (the fetcher takes both fetches).
    expect([poll, parse, fetch, extract, index].map((span) => span.service)).toEqual(['tidings-fetcher', 'tidings-parser', 'tidings-fetcher', 'tidings-extractor', 'tidings-indexer']);
    // Attributes name the feed, the URL and the outcome.
    expect(poll.attributes['tidings.feed.url']).toBe(site.feeds.rss);
    expect(fetch.attributes['url.full']).toMatch(new RegExp(`^${site.url}/`));
    expect(index.attributes['url.full']).toBe(fetch.attributes['url.full']);
    for (const span of [poll, parse, fetch, extract, index]) {
      expect(span.attributes['tidings.outcome'], span.name).toBe('ok');
      expect(typeof span.attributes['tidings.duration_ms'], span.name).toBe('number');
    }
    tracedUrl = String(index.attributes['tidings.canonical_url']);
  });

  it('`tidings show <id> --trace` prints the stage timings the pipeline kept (reading them needs no collector)', async () => {
    const { OTEL_EXPORTER_OTLP_ENDPOINT: _otel, ...withoutTracing } = env;
    const record = await runtime.index.getArticle(tracedUrl);
    expect(record).not.toBeNull();
    type Trace = { id: string; polledAt: string | null; stages: Array<{ stage: string; queuedAt: string; startedAt: string; finishedAt: string; tookMs: number }> };
    const result = await runCli(['show', record!.id, '--trace', '--json'], withoutTracing);
    expect(result.code, result.stderr).toBe(0);
    const trace = JSON.parse(result.stdout) as Trace;
    expect(trace.id).toBe(record!.id);
    expect(trace.stages.map((stage) => stage.stage)).toEqual(STAGES);
    expect(trace.polledAt).not.toBeNull();
    // Each stage started after it was queued, and after the one before finished (clock of one machine).
    for (const [i, stage] of trace.stages.entries()) {
      expect(Date.parse(stage.startedAt)).toBeGreaterThanOrEqual(Date.parse(stage.queuedAt));
      if (i > 0) expect(Date.parse(stage.queuedAt)).toBeGreaterThanOrEqual(Date.parse(trace.stages[i - 1]!.startedAt));
    }
    const text = await runCli(['show', record!.id, '--trace'], withoutTracing);
    expect(text.stdout).toMatch(/^polled\s/m);
    expect(text.stdout).toMatch(/^indexed\s.*article-index\s+waited .* took /m);
    expect(text.stdout).toMatch(/^polled → indexed: /m);
  });
});
