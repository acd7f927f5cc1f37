/**
 * bench:query — search over a synthetic news corpus, SQLite and PostgreSQL
 * side by side: indexing throughput and query latency (p50/p95/p99) for
 * one-word, two-word, phrase, filtered and faceted queries. Not a test: it prints.
 *
 *   pnpm bench:query [--articles 100000] [--queries 300] [--concurrency 2] [--batch 100] [--backends sqlite,postgres] [--keep] [--reuse DIR]
 *
 * `--backends` is `sqlite`, `postgres`, or both (`sqlite,postgres` or `both`, the default).
 * Indexing goes through ArticleBatchWriter, as the indexer's jobs do:
 * `--batch` articles per transaction, `--concurrency` writers on PostgreSQL
 * (as that many indexer processes; SQLite has one writer at a time
 * whatever this is). Articles are generated in chunks before they are timed,
 * so the rate is the index's, not the generator's.
 *
 * Articles are generated from real vocabulary: a word-bigram chain trained on
 * the ground-truth texts of the extraction benchmark, 300-1500 words each,
 * with Zipf-distributed sites and authors, a few languages and a year of
 * dates; the same seed gives both backends the same articles. PostgreSQL is
 * TIDINGS_BENCH_POSTGRES_URL (else TIDINGS_TEST_POSTGRES_URL, else the local
 * test database), in schema tidings_bench (dropped first).
 *
 * Other columns (e.g. the same searches through the HTTP API) plug in with
 * runQueryBench({ extraColumns }): each gets the built indexes' locations and
 * returns a function running one BenchQuery.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchDir, requireSharedData } from './shared-data.js';
import type { ArticleRecord } from '@tidings/contracts';
import { ArticleBatchWriter, PostgresIndex, SqliteIndex, type SearchFilters, type TidingsIndex } from '@tidings/index';

const GROUND_TRUTH = path.join(requireSharedData(benchDir), 'ground-truth.json');
export const QUERY_KINDS = ['one-word', 'two-word', 'phrase', 'filtered', 'faceted'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One benchmark search: `q` and filters as a client would send them. */
export interface BenchQuery {
  kind: QueryKind;
  q: string;
  filters?: SearchFilters;
  /** Ask for the site/lang/author/day facets too. */
  facets?: boolean;
}

/** Runs one query (in-process, over HTTP...). Must resolve only once the response is complete. */
export type SearchRunner = (query: BenchQuery) => Promise<void>;

/** Where the built indexes are, for an extra column to serve them its own way. */
export interface BenchTargets {
  /** Data directory holding tidings.db (TIDINGS_DATA_DIR). */
  sqliteDataDir: string;
  /** TIDINGS_INDEX_URL of the PostgreSQL copy (with ?schema=), or null when PostgreSQL was unreachable. */
  postgresIndexUrl: string | null;
}

/** An extra column of the table, e.g. "API (SQLite)". */
export interface BenchColumn {
  name: string;
  setUp(targets: BenchTargets): Promise<{ run: SearchRunner; close(): Promise<void> }>;
}

export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface ColumnResult {
  name: string;
  /** Articles per second while indexing, or null when this column does not index. */
  indexRate: number | null;
  indexNote?: string;
  latency: Partial<Record<QueryKind, LatencyStats>>;
  error?: string;
}

// ---------------------------------------------------------------- corpus

/** mulberry32: a small seeded PRNG, so every run and both backends see the same articles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word-bigram chain over the ground-truth texts, plus word ranks and observed phrases for queries. */
export interface Vocabulary {
  words: string[];
  /** successors[i]: indices of the words that followed word i (repeated by frequency). */
  successors: Int32Array[];
  /** Indices of words starting a sentence. */
  starts: number[];
  /** Lower-case alphabetic words (3+ letters) by descending frequency. */
  ranked: string[];
  /** Adjacent word pairs as they occur (frequency-weighted by repetition). */
  bigrams: string[];
}

export function loadVocabulary(file = GROUND_TRUTH): Vocabulary {
  const pages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody?: string }>;
  const index = new Map<string, number>();
  const words: string[] = [];
  const next: number[][] = [];
  const starts: number[] = [];
  const counts = new Map<string, number>();
  const bigrams: string[] = [];
  const id = (word: string) => {
    let found = index.get(word);
    if (found === undefined) {
      found = words.length;
      index.set(word, found);
      words.push(word);
      next.push([]);
    }
    return found;
  };
  for (const page of Object.values(pages)) {
    const tokens = (page.articleBody ?? '').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.,;:!?]/gu) ?? [];
    let previous: number | null = null;
    let sentenceStart = true;
    for (const token of tokens) {
      const current = id(token);
      if (sentenceStart && /^\p{Lu}/u.test(token)) starts.push(current);
      sentenceStart = /^[.!?]$/u.test(token);
      if (previous !== null) next[previous]?.push(current);
      const lower = token.toLowerCase();
      if (/^\p{L}{3,}$/u.test(lower)) counts.set(lower, (counts.get(lower) ?? 0) + 1);
      const before = previous === null ? undefined : words[previous];
      if (before && /^\p{L}{3,}$/u.test(before) && /^\p{L}{3,}$/u.test(token)) bigrams.push(`${before.toLowerCase()} ${lower}`);
      previous = current;
    }
  }
  return {
    words,
    successors: next.map((list) => Int32Array.from(list)),
    starts,
    ranked: [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word),
    bigrams,
  };
}

/** Text of about `length` words from the chain, in paragraphs. */
function generateText(vocabulary: Vocabulary, rand: () => number, length: number): string {
  const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(rand() * list.length)] as T;
  let current = pick(vocabulary.starts);
  const out: string[] = [];
  let words = 0;
  while (words < length) {
    const word = vocabulary.words[current] ?? '';
    const punctuation = /^[.,;:!?]$/u.test(word);
    if (punctuation) out[out.length - 1] = `${out.at(-1) ?? ''}${word}`;
    else {
      out.push(word);
      words += 1;
    }
    if (word === '.' && words % 70 < 12 && words > 20) out[out.length - 1] = `${out.at(-1) ?? ''}\n\n`;
    const successors = vocabulary.successors[current];
    current = successors && successors.length > 0 && rand() > 0.02 ? pick(successors) : pick(vocabulary.starts);
  }
  return out.join(' ').replaceAll('\n\n ', '\n\n');
}

const SITES = Array.from({ length: 60 }, (_, i) => ({ name: `Site ${i} News`, host: `news${i}.example.com` }));
const AUTHORS = Array.from({ length: 400 }, (_, i) => `Author ${String.fromCharCode(65 + (i % 26))}. Number${i}`);
const LANGS = ['en', 'en', 'en', 'en-GB', 'de', 'fr', 'es'];
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');

/** Index in [0, n) with Zipf-like weights (rank r has weight 1/(r+1)). */
function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

/** Article `i` of the corpus: the same for every call with the same i. */
export function syntheticArticle(vocabulary: Vocabulary, i: number): ArticleRecord {
  const rand = random(0x5eed + i * 7919);
  const site = SITES[zipf(rand, SITES.length)] ?? SITES[0]!;
  const length = 300 + Math.floor(rand() * 1200);
  const title = generateText(vocabulary, rand, 6 + Math.floor(rand() * 7)).replace(/[.,;:!?\s]+$/u, '');
  const text = generateText(vocabulary, rand, length);
  const url = `https://${site.host}/${2025}/story-${i}`;
  const authorCount = rand() < 0.15 ? 2 : rand() < 0.1 ? 0 : 1;
  return {
    id: `bench${String(i).padStart(11, '0')}`,
    url,
    title,
    authors: Array.from({ length: authorCount }, () => AUTHORS[zipf(rand, AUTHORS.length)] ?? 'Anonymous'),
    publishedAt: new Date(YEAR_START + Math.floor(rand() * 365 * 86_400_000)).toISOString(),
    modifiedAt: null,
    siteName: site.name,
    lang: LANGS[Math.floor(rand() * LANGS.length)] ?? 'en',
    excerpt: null,
    text,
    html: '',
    wordCount: length,
    imageUrl: null,
    tags: [],
    feedUrls: [`https://${site.host}/feed.xml`],
    fetchedAt: new Date(YEAR_START + 366 * 86_400_000).toISOString(),
  };
}

/** `count` queries of each kind, drawn from the same vocabulary. */
export function makeQueries(vocabulary: Vocabulary, count: number, seed = 42): BenchQuery[] {
  const rand = random(seed);
  const word = (from: number, to: number) => vocabulary.ranked[Math.min(vocabulary.ranked.length - 1, from + Math.floor(rand() * (to - from)))] ?? 'news';
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i += 1) {
    queries.push({ kind: 'one-word', q: word(20, 4000) });
    queries.push({ kind: 'two-word', q: `${word(20, 2000)} ${word(20, 2000)}` });
    queries.push({ kind: 'phrase', q: `"${vocabulary.bigrams[Math.floor(rand() * vocabulary.bigrams.length)] ?? 'the news'}"` });
    const site = SITES[zipf(rand, 10)] ?? SITES[0]!;
    queries.push({ kind: 'filtered', q: word(20, 2000), filters: { site: site.name, since: new Date(YEAR_START + 275 * 86_400_000).toISOString().slice(0, 10) } });
    queries.push({ kind: 'faceted', q: word(20, 2000), facets: true });
  }
  return queries;
}

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs every query once (after a warm-up of 20), one at a time, and returns latency per kind in ms. */
export async function measureQueries(run: SearchRunner, queries: BenchQuery[]): Promise<Partial<Record<QueryKind, LatencyStats>>> {
  for (const query of queries.slice(0, 20)) await run(query);
  const times = new Map<QueryKind, number[]>();
  for (const query of queries) {
    const start = process.hrtime.bigint();
    await run(query);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.set(query.kind, [...(times.get(query.kind) ?? []), ms]);
  }
  const result: Partial<Record<QueryKind, LatencyStats>> = {};
  for (const [kind, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    result[kind] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: list.reduce((a, b) => a + b, 0) / list.length };
  }
  return result;
}

/** Runs a search on an index the way the API does: first page of 10 with total and snippets. */
export function indexRunner(index: TidingsIndex): SearchRunner {
  return async (query) => {
    await index.search(query.q, { limit: 10, filters: query.filters, facets: query.facets === true });
  };
}

/** Articles generated (untimed) and then indexed per round. */
const FILL_CHUNK = 2_000;

/** What indexing cost: articles per second of indexing time, and CPU per article (µs) of this process and of the database server's backends when it could read them. */
interface FillResult {
  rate: number;
  nodeUs: number;
  serverUs: number | null;
}

/**
 * Upserts articles 0..count-1 through `writers` batch writers (as many
 * indexer processes), `batch` articles per transaction, printing progress;
 * returns articles per second of indexing time (generating the articles is
 * not counted) and the CPU time indexing cost per article: this process's
 * (SQLite works inside it), and `serverCpuMs`'s (PostgreSQL's backends)
 * when given. On the 2-core machine everything shares the cores, so
 * 1e6 / (Node + server µs) is about what one core indexes per second.
 */
async function fill(index: TidingsIndex, vocabulary: Vocabulary, count: number, options: { writers: number; batch: number; serverCpuMs?: () => Promise<number | null> }, label: string): Promise<FillResult> {
  const writers = Array.from({ length: options.writers }, () => new ArticleBatchWriter(index, { maxBatch: options.batch, lingerMs: 10 }));
  let indexingMs = 0;
  let nodeMs = 0;
  let serverMs: number | null = options.serverCpuMs ? 0 : null;
  let reported = 0;
  for (let from = 0; from < count; from += FILL_CHUNK) {
    const records = Array.from({ length: Math.min(FILL_CHUNK, count - from) }, (_, k) => syntheticArticle(vocabulary, from + k));
    const server = await options.serverCpuMs?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(records.map((record, k) => writers[k % writers.length]!.upsert(record)));
    indexingMs += performance.now() - start;
    const used = process.cpuUsage(cpu);
    nodeMs += (used.user + used.system) / 1000;
    const serverAfter = await options.serverCpuMs?.();
    serverMs = serverMs === null || server == null || serverAfter == null ? null : serverMs + (serverAfter - server);
    const done = from + records.length;
    if (done - reported >= 10_000 || done === count) {
      reported = done;
      const cpuNote = `Node ${Math.round((nodeMs * 1000) / done)} µs${serverMs === null ? '' : ` + server ${Math.round((serverMs * 1000) / done)} µs`} CPU/article`;
      process.stderr.write(`  ${label}: ${done}/${count} (${Math.round(done / (indexingMs / 1000))}/s, ${cpuNote}, load ${os.loadavg()[0]?.toFixed(1)})\n`);
    }
  }
  await Promise.all(writers.map((writer) => writer.close()));
  return { rate: count / (indexingMs / 1000), nodeUs: (nodeMs * 1000) / count, serverUs: serverMs === null ? null : (serverMs * 1000) / count };
}

/** CPU time note of a fill for the table. */
function cpuNote(result: FillResult): string {
  return `; CPU/article: Node ${Math.round(result.nodeUs)} µs${result.serverUs === null ? '' : ` + PostgreSQL ${Math.round(result.serverUs)} µs`}`;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * Cumulative CPU time (ms) of the PostgreSQL backends whose application_name
 * is `application`, read from /proc: only when the server runs on this
 * machine and the benchmark may read its processes; null otherwise. A
 * backend that exits between two readings loses what it used since the first.
 */
function backendCpu(baseUrl: string, application: string): () => Promise<number | null> {
  return async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    try {
      await client.connect();
      const pids = (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [application])).rows;
      let total = 0;
      for (const { pid } of pids) {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      }
      return total;
    } catch {
      return null;
    } finally {
      await client.end().catch(() => {});
    }
  };
}

// ---------------------------------------------------------------- the run

export interface QueryBenchOptions {
  articles: number;
  queriesPerKind: number;
  /** Batch writers on PostgreSQL, as indexer processes (SQLite writes one batch at a time whatever this is). */
  concurrency: number;
  /** Articles per transaction. */
  batch: number;
  extraColumns?: BenchColumn[];
  /** Keep the SQLite directory and PostgreSQL schema afterwards. */
  keep?: boolean;
  /** Which backends to build and measure (both by default). */
  backends?: Array<'sqlite' | 'postgres'>;
  /**
   * Query the indexes a `keep` run left (this SQLite data directory, the
   * tidings_bench schema) instead of building them; implies `keep`.
   */
  reuse?: string;
}

export async function runQueryBench(options: QueryBenchOptions): Promise<ColumnResult[]> {
  const vocabulary = loadVocabulary();
  const queries = makeQueries(vocabulary, options.queriesPerKind);
  process.stderr.write(`vocabulary: ${vocabulary.words.length} words; ${options.articles} articles; ${queries.length} queries\n`);
  const results: ColumnResult[] = [];

  const backends = options.backends ?? ['sqlite', 'postgres'];
  const dataDir = options.reuse ?? mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-query-'));
  const reused = { indexRate: null, indexNote: 'reused' };
  if (backends.includes('sqlite')) {
    const sqlite = SqliteIndex.open(path.join(dataDir, 'tidings.db'));
    const filled = options.reuse
      ? reused
      : await (async () => {
          const result = await fill(sqlite, vocabulary, options.articles, { writers: 1, batch: options.batch }, 'SQLite');
          return { indexRate: result.rate, indexNote: `1 writer, batches of ${options.batch}${cpuNote(result)}` };
        })();
    results.push({ name: 'SQLite', ...filled, latency: await measureQueries(indexRunner(sqlite), queries) });
    await sqlite.close();
  }

  const baseUrl = process.env.TIDINGS_BENCH_POSTGRES_URL ?? process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = 'tidings_bench';
  let postgresIndexUrl: string | null = null;
  if (backends.includes('postgres')) {
    try {
      if (!options.reuse) await PostgresIndex.dropSchema(baseUrl, schema);
      // Named, so that the benchmark finds its backends' CPU time (backendCpu).
      const application = 'tidings_bench';
      const named = new URL(baseUrl);
      named.searchParams.set('application_name', application);
      const postgres = await PostgresIndex.open(named.toString(), { schema, poolSize: options.concurrency + 2 });
      let filled: { indexRate: number | null; indexNote: string } = reused;
      if (!options.reuse) {
        const result = await fill(postgres, vocabulary, options.articles, { writers: options.concurrency, batch: options.batch, serverCpuMs: backendCpu(baseUrl, application) }, 'PostgreSQL');
        filled = { indexRate: result.rate, indexNote: `${options.concurrency} writers, batches of ${options.batch}${cpuNote(result)}` };
        // What autovacuum does shortly after a bulk load: statistics for the planner (and for similar()).
        await postgres.optimize();
      }
      results.push({ name: 'PostgreSQL', ...filled, latency: await measureQueries(indexRunner(postgres), queries) });
      await postgres.close();
      const url = new URL(baseUrl);
      url.searchParams.set('schema', schema);
      postgresIndexUrl = url.toString();
    } catch (error) {
      results.push({ name: 'PostgreSQL', indexRate: null, latency: {}, error: error instanceof Error ? error.message : String(error) });
    }
  }

  for (const column of options.extraColumns ?? []) {
    try {
      const { run, close } = await column.setUp({ sqliteDataDir: dataDir, postgresIndexUrl });
      results.push({ name: column.name, indexRate: null, latency: await measureQueries(run, queries) });
      await close();
    } catch (error) {
      results.push({ name: column.name, indexRate: null, latency: {}, error: error instanceof Error ? error.message : String(error) });
    }
  }

  if (!options.keep && !options.reuse) {
    rmSync(dataDir, { recursive: true, force: true });
    if (postgresIndexUrl) await PostgresIndex.dropSchema(baseUrl, schema).catch(() => {});
  } else {
    process.stderr.write(`kept: TIDINGS_DATA_DIR=${dataDir}  TIDINGS_INDEX_URL=${postgresIndexUrl ?? '(none)'}\n`);
  }
  return results;
}

/** The results as a Markdown table, one column per backend. */
export function formatTable(results: ColumnResult[], articles: number): string {
  const cell = (text: string) => text;
  const header = `| ${articles.toLocaleString('en')} articles | ${results.map((r) => cell(r.name)).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|`;
  const rows = [
    `| indexing (articles/s) | ${results.map((r) => (r.indexRate === null ? (r.error ? 'unavailable' : '—') : `${Math.round(r.indexRate)} (${r.indexNote ?? ''})`)).join(' | ')} |`,
  ];
  for (const kind of QUERY_KINDS) {
    rows.push(
      `| ${kind} p50 / p95 / p99 (ms) | ${results
        .map((r) => {
          const s = r.latency[kind];
          return s ? `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)}` : '—';
        })
        .join(' | ')} |`,
    );
  }
  const errors = results.filter((r) => r.error).map((r) => `${r.name}: ${r.error ?? ''}`);
  return [header, rule, ...rows, ...(errors.length > 0 ? ['', ...errors] : [])].join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '2' },
      batch: { type: 'string', default: '100' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      backends: { type: 'string', default: 'sqlite,postgres' },
    },
  });
  const articles = Number(values.articles);
  const backends = (values.backends === 'both' ? 'sqlite,postgres' : values.backends).split(',').filter((name): name is 'sqlite' | 'postgres' => name === 'sqlite' || name === 'postgres');
  const results = await runQueryBench({ articles, queriesPerKind: Number(values.queries), concurrency: Number(values.concurrency), batch: Number(values.batch), keep: values.keep, reuse: values.reuse, backends });
  console.log(`\nbench:query on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}\n`);
  console.log(formatTable(results, articles));
}

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
