import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { QUEUES, type ArticleRecord } from '@tidings/contracts';
import { PipelineMetricsRecorder, readPipelineFigures } from '@tidings/metrics';
import { fetchUrl } from '@tidings/http';
import { observeStageJobs, reportStageJob, type StageJobSettled } from '@tidings/queue';
import { indexerService } from '@tidings/service-indexer';
import { FAILURE_PATHS, startSite, type SiteServer } from '@tidings/demo-site';
import { fixtureArticle, indexThroughWorker as indexArticle, startApiInstance, type ApiInstance } from '../support/api-instance.js';

interface StreamEvent {
  event: string;
  data: string;
}

/** A live SSE connection: events in arrival order, and a way to wait for the next one of a kind. */
class StreamClient {
  private readonly events: StreamEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly controller = new AbortController();
  private consumed = 0;

  static async connect(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
    const client = new StreamClient();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.controller.signal });
    if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}: ${await response.text()}`);
    void client.read(response.body);
    await client.next('ready');
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { value: chunk, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const lines = block.split('\n');
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'comment';
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          this.events.push({ event, data });
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** The next event named `name` (earlier events of other names are skipped). */
  async next(name: string): Promise<StreamEvent> {
    for (;;) {
      while (this.consumed < this.events.length) {
        const event = this.events[this.consumed++]!;
        if (event.event === name) return event;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.controller.abort();
  }
}

describe('live: the indexed-article stream and the pipeline metrics, with real workers', () => {
  let api: ApiInstance;
  let site: SiteServer;
  let workers: Worker[] = [];
  const settled: Array<Promise<void>> = [];
  let stopObserving: () => void = () => {};

  beforeAll(async () => {
    site = await startSite();
    api = await startApiInstance({
      label: 'live',
      env: { TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32', TIDINGS_FETCH_TIMEOUT_MS: '5000', TIDINGS_RETRY_DELAY: '50ms' },
    });
    const recorder = new PipelineMetricsRecorder(api.runtime.redis, api.prefix);
    stopObserving = observeStageJobs((event: StageJobSettled) => settled.push(recorder.record(event)));
    workers = (await indexerService(api.runtime, {})).workers;
  });

  afterAll(async () => {
    stopObserving();
    await Promise.all(workers.map((worker) => worker.close()));
    await api?.stop();
    await site?.close();
  });

  const indexThroughWorker = (record: ArticleRecord) => indexArticle(api, workers, record);

  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

  it('pushes an article indexed after the reader connected', async () => {
    const stream = await StreamClient.connect(`${api.url}/api/stream`);
    try {
      const record = fixtureArticle('https://live.example/first', { title: 'First live story', text: 'A story about tidal power.', publishedAt: hourAgo() });
      await indexThroughWorker(record);
      const event = await stream.next('article');
      const data = JSON.parse(event.data) as Record<string, unknown>;
      expect(data).toMatchObject({ id: record.id, url: record.url, title: 'First live story', siteName: 'Example News' });
      expect(typeof data.indexedAt).toBe('string');
    } finally {
      stream.close();
    }
  });

  it('with a query, pushes only the articles that match it (with a snippet)', async () => {
    const filtered = await StreamClient.connect(`${api.url}/api/stream?q=${encodeURIComponent('glacier melt')}&lang=en`);
    const everything = await StreamClient.connect(`${api.url}/api/stream`);
    try {
      const other = fixtureArticle('https://live.example/other', { title: 'Budget talks stall', text: 'Parliament failed to pass the budget.', publishedAt: hourAgo() });
      const german = fixtureArticle('https://live.example/german', { title: 'Gletscher', text: 'glacier melt in German press', lang: 'de', publishedAt: hourAgo() });
      const match = fixtureArticle('https://live.example/match', { title: 'Glacier melt speeds up', text: 'Scientists measured the glacier melt all summer.', publishedAt: hourAgo() });
      for (const record of [other, german, match]) await indexThroughWorker(record);
      // The unfiltered stream sees all three, in order; the filtered one only the English glacier story.
      const all = [await everything.next('article'), await everything.next('article'), await everything.next('article')].map((event) => JSON.parse(event.data).id);
      expect(all).toEqual([other.id, german.id, match.id]);
      const data = JSON.parse((await filtered.next('article')).data) as { id: string; snippet: string };
      expect(data.id).toBe(match.id);
      expect(data.snippet.toLowerCase()).toContain('<mark>glacier</mark>');
    } finally {
      filtered.close();
      everything.close();
    }
  });

  it('refuses a malformed stream query with 400 before streaming', async () => {
    const response = await fetch(`${api.url}/api/stream?q=${encodeURIComponent('lang:!!')}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid-query');
  });

  it('counts job durations, articles indexed, lag, and fetch results by status class in /metrics', async () => {
    // Two real fetches from the fixture site, reported as a fetch worker reports its jobs.
    const options = { allowPrivate: ['127.0.0.1/32'], timeoutMs: 5_000, maxBytes: 1024 * 1024 };
    const feed = await fetchUrl(site.feeds.rss, { ...options, kind: 'feed' });
    reportStageJob({ queue: QUEUES.feedFetch, prefix: api.prefix, outcome: 'completed', durationMs: 12, result: { status: feed.status, bytes: feed.bytes } });
    const missing: unknown = await fetchUrl(`${site.url}${FAILURE_PATHS.missing}`, { ...options, kind: 'page' }).catch((error: unknown) => error);
    reportStageJob({ queue: QUEUES.articleFetch, prefix: api.prefix, outcome: 'failed', durationMs: 3, error: missing });
    reportStageJob({ queue: QUEUES.feedFetch, prefix: api.prefix, outcome: 'completed', durationMs: 2, result: { notModified: true } });
    // An extract job whose stored page had gone ends as the extractor's handler ends it.
    reportStageJob({ queue: QUEUES.articleExtract, prefix: api.prefix, outcome: 'completed', durationMs: 1, result: { url: `${site.url}/gone`, refetched: true } });
    // Another installation's job in the same process is not counted here.
    reportStageJob({ queue: QUEUES.feedFetch, prefix: 'someone-else', outcome: 'completed', durationMs: 2, result: { status: 200 } });
    await Promise.all(settled);

    const body = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (series: string) => {
      const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      if (!line) throw new Error(`no ${series} in /metrics`);
      return Number(line.slice(series.length + 1));
    };
    // The four articles the tests above sent through the real indexer worker.
    expect(value('tidings_articles_indexed_total')).toBe(4);
    expect(value('tidings_job_duration_seconds_count{queue="article-index",outcome="completed"}')).toBe(4);
    expect(value('tidings_job_duration_seconds_bucket{queue="article-index",outcome="completed",le="+Inf"}')).toBe(4);
    expect(value('tidings_jobs_completed_total{queue="article-index"}')).toBe(4);
    expect(value('tidings_index_articles')).toBe(4);
    // All four were published an hour before indexing: inside the 3 h bucket, not the 30 min one.
    expect(value('tidings_index_lag_seconds_count')).toBe(4);
    expect(value('tidings_index_lag_seconds_bucket{le="1800"}')).toBe(0);
    expect(value('tidings_index_lag_seconds_bucket{le="10800"}')).toBe(4);
    expect(value('tidings_fetch_results_total{kind="feed",class="2xx"}')).toBe(1);
    expect(value('tidings_fetch_results_total{kind="feed",class="3xx"}')).toBe(1);
    expect(value('tidings_fetch_results_total{kind="article",class="4xx"}')).toBe(1);
    expect(value('tidings_fetch_results_total{kind="article",class="5xx"}')).toBe(0);
    expect(value('tidings_bodies_refetched_total{queue="article-extract"}')).toBe(1);
    expect(value('tidings_bodies_refetched_total{queue="article-index"}')).toBe(0);
    expect(value('tidings_job_duration_seconds_count{queue="feed-fetch",outcome="completed"}')).toBe(2);
    expect(value('tidings_job_duration_seconds_bucket{queue="feed-fetch",outcome="completed",le="0.005"}')).toBe(1);

    // `tidings status` reads the same figures, with rates from BullMQ's per-minute counts.
    const figures = await readPipelineFigures(api.runtime.redis, api.runtime.queues);
    expect(figures.jobs['article-index'].completedTotal).toBe(4);
    expect(figures.jobs['article-index'].completedPerMinute).toBeGreaterThan(0);
    expect(figures.jobs['feed-fetch'].completedPerMinute).toBe(0);
  });
});
