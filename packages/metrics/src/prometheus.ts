import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type HistogramConfiguration } from 'prom-client';
import { ALL_QUEUES } from '@tidings/contracts';
import type { HistogramSnapshot } from './histogram.js';
import type { IndexFigures, PipelineFigures } from './figures.js';
import { FETCH_KINDS, STATUS_CLASSES } from './recorder.js';
import { countByRole, WORKER_ROLES } from './workers.js';

/** What one scrape reads: the pipeline's figures (Redis) and the index's. */
export interface MetricsSnapshot {
  pipeline: PipelineFigures;
  index: IndexFigures;
}

type Series = { labels: Record<string, string>; histogram: HistogramSnapshot };

/**
 * A histogram whose buckets are not observed in this process but read from
 * a snapshot (the counters every worker process adds to in Redis).
 */
class SnapshotHistogram extends Histogram<string> {
  private readonly metricName: string;
  private readonly metricHelp: string;

  constructor(
    configuration: HistogramConfiguration<string>,
    private readonly series: () => Series[],
  ) {
    super(configuration);
    this.metricName = configuration.name;
    this.metricHelp = configuration.help;
  }

  override async get(): Promise<HistogramObject> {
    const name = this.metricName;
    const values = this.series().flatMap(({ labels, histogram }) => [
      ...histogram.bounds.map((bound, i) => ({ metricName: `${name}_bucket`, labels: { ...labels, le: bound }, value: histogram.counts[i] ?? 0 })),
      { metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: histogram.count },
      { metricName: `${name}_sum`, labels, value: histogram.sum },
      { metricName: `${name}_count`, labels, value: histogram.count },
    ]);
    // prom-client's typings declare `type` as a numeric enum that does not exist at run time; the registry reads the string.
    const type = 'histogram' as unknown as HistogramObject['type'];
    return { name, help: this.metricHelp, type, aggregator: 'sum', collect: () => {}, values };
  }

  /** What the registry calls when it renders text (prom-client prefers it to `get`). */
  async getForPromString(): Promise<HistogramObject> {
    return this.get();
  }
}

type HistogramObject = Awaited<ReturnType<Histogram<string>['get']>>;

/**
 * The Prometheus registry `/metrics` serves. Pipeline figures are read from
 * Redis at each scrape, so they are cluster-wide: every worker process, on
 * any machine, adds to them. Process metrics (memory, CPU, event loop) are
 * this API process's own.
 */
export class TidingsMetrics {
  readonly registry = new Registry();
  private snapshot: MetricsSnapshot | null = null;

  constructor(private readonly read: () => Promise<MetricsSnapshot>) {
    const registers = [this.registry];
    const current = (): MetricsSnapshot => {
      if (!this.snapshot) throw new Error('metrics read before a snapshot was taken');
      return this.snapshot;
    };

    new Gauge({
      name: 'tidings_queue_jobs',
      help: 'Jobs in each queue, by state',
      labelNames: ['queue', 'state'],
      registers,
      collect() {
        this.reset();
        for (const queue of ALL_QUEUES) {
          for (const [state, value] of Object.entries(current().pipeline.queues[queue])) this.set({ queue, state }, value);
        }
      },
    });
    new Counter({
      name: 'tidings_jobs_completed_total',
      help: 'Jobs completed per queue (BullMQ metrics, all workers)',
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const queue of ALL_QUEUES) this.inc({ queue }, current().pipeline.jobs[queue].completedTotal);
      },
    });
    new Counter({
      name: 'tidings_jobs_failed_total',
      help: 'Jobs failed for good per queue (BullMQ metrics, all workers)',
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const queue of ALL_QUEUES) this.inc({ queue }, current().pipeline.jobs[queue].failedTotal);
      },
    });
    new SnapshotHistogram({ name: 'tidings_job_duration_seconds', help: 'Time a stage handler spent on one job attempt', labelNames: ['queue', 'outcome'], registers }, () =>
      ALL_QUEUES.flatMap((queue) =>
        (['completed', 'failed'] as const).map((outcome) => ({ labels: { queue, outcome }, histogram: current().pipeline.durations[queue][outcome] })),
      ),
    );
    new Counter({
      name: 'tidings_fetch_results_total',
      help: 'Feed and article fetch attempts by HTTP status class (error: no response: timeout, DNS, refused address...)',
      labelNames: ['kind', 'class'],
      registers,
      collect() {
        this.reset();
        for (const kind of FETCH_KINDS) {
          for (const statusClass of STATUS_CLASSES) this.inc({ kind, class: statusClass }, current().pipeline.fetchResults[kind][statusClass]);
        }
      },
    });
    new Counter({
      name: 'tidings_articles_indexed_total',
      help: 'Articles stored in the index for the first time',
      registers,
      collect() {
        this.reset();
        this.inc(current().pipeline.articlesIndexed);
      },
    });
    new Counter({
      name: 'tidings_bodies_refetched_total',
      help: 'Jobs whose stored page or record had gone (expired after TIDINGS_BODY_TTL, or lost with Redis) and whose page was fetched again',
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const queue of ALL_QUEUES) this.inc({ queue }, current().pipeline.bodiesRefetched[queue]);
      },
    });
    new Counter({
      name: 'tidings_feed_fetch_failures_total',
      help: 'Feed fetch attempts that failed',
      registers,
      collect() {
        this.reset();
        this.inc(current().pipeline.feedFetchFailures);
      },
    });
    new Gauge({
      name: 'tidings_index_articles',
      help: 'Articles in the index',
      registers,
      collect() {
        this.set(current().index.articles);
      },
    });
    new Gauge({
      name: 'tidings_feeds',
      help: 'Subscribed feeds',
      registers,
      collect() {
        this.set(current().index.feeds);
      },
    });
    new Gauge({
      name: 'tidings_feeds_failing',
      help: 'Feeds whose last fetch failed',
      registers,
      collect() {
        this.set(current().index.feedsFailing);
      },
    });
    new SnapshotHistogram(
      { name: 'tidings_index_lag_seconds', help: "Seconds from an article's publication to its indexing (new articles with a publication date)", registers },
      () => [{ labels: {}, histogram: current().pipeline.lag }],
    );
    new Counter({
      name: 'tidings_job_failures_total',
      help: 'Failed job attempts (retried or not) per queue and error code',
      labelNames: ['queue', 'code'],
      registers,
      collect() {
        this.reset();
        for (const { queue, code, count } of current().pipeline.failures) this.inc({ queue, code }, count);
      },
    });
    new Gauge({
      name: 'tidings_feeds_paused',
      help: 'Feeds paused (too many failed polls in a row) until resumed',
      registers,
      collect() {
        this.set(current().index.feedsPaused);
      },
    });
    new Gauge({
      name: 'tidings_feeds_due',
      help: 'Active feeds whose next poll is due',
      registers,
      collect() {
        this.set(current().index.feedsDue);
      },
    });
    new Gauge({
      name: 'tidings_workers',
      help: 'Worker processes with a live heartbeat, by role (every standard role listed, 0 when none)',
      labelNames: ['role'],
      registers,
      collect() {
        this.reset();
        const counts = countByRole(current().pipeline.workers);
        for (const role of new Set([...WORKER_ROLES, ...Object.keys(counts)])) this.set({ role }, counts[role] ?? 0);
      },
    });
    new Counter({
      name: 'tidings_worker_jobs_total',
      help: 'Job attempts each live worker process has finished since it started (from its heartbeat)',
      labelNames: ['role', 'worker'],
      registers,
      collect() {
        this.reset();
        for (const worker of current().pipeline.workers) this.inc({ role: worker.role, worker: worker.id }, worker.jobsDone);
      },
    });
    new Gauge({
      name: 'tidings_redis_durable',
      help: 'Whether Redis keeps the jobs it acknowledged: 1 with AOF, appendfsync always and maxmemory-policy noeviction on every server, 0 otherwise (no sample when its settings cannot be read)',
      registers,
      collect() {
        this.reset();
        const { durable } = current().pipeline.redis;
        if (durable !== null) this.set(durable ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'tidings_api_' });
  }

  /** The content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads a fresh snapshot and renders every metric in the Prometheus text format. */
  async render(): Promise<string> {
    this.snapshot = await this.read();
    return this.registry.metrics();
  }
}
