import { loadConfig } from '@tidings/config';
import type { Worker } from 'bullmq';
import { QUEUES, type ArticleRecord } from '@tidings/contracts';
import { createLogger, createRuntime, type Runtime } from '@tidings/runtime';
import { startApi, type ApiServer, type OpmlCodec } from '@tidings/service-api';
import { articleId } from '@tidings/url';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from './services.js';

/** A running API over a real Redis (own prefix) and a real SQLite index in a temporary directory. */
export interface ApiInstance extends ApiServer {
  runtime: Runtime;
  prefix: string;
  /** Stops the API and the runtime, removes the index and every Redis key of the prefix. */
  stop(): Promise<void>;
}

export interface ApiInstanceOptions {
  token?: string;
  publicRead?: boolean;
  articles?: ArticleRecord[];
  feeds?: string[];
  /** Default: the real OPML codec; null to see the 501 answers. */
  opml?: OpmlCodec | null;
  label?: string;
  /** More environment for the configuration (e.g. TIDINGS_FETCH_ALLOW_PRIVATE). */
  env?: Record<string, string>;
}

/** Starts the API as `tidings api` does, on 127.0.0.1 and a free port, with fixture data stored first. */
export async function startApiInstance(options: ApiInstanceOptions = {}): Promise<ApiInstance> {
  await requireRedis();
  const prefix = uniquePrefix(options.label ?? 'api');
  const data = tempDir(options.label ?? 'api');
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    TIDINGS_QUEUE_PREFIX: prefix,
    TIDINGS_DATA_DIR: data.dir,
    TIDINGS_LOG_LEVEL: 'silent',
    ...(options.token ? { TIDINGS_API_TOKEN: options.token } : {}),
    ...(options.publicRead === false ? { TIDINGS_API_PUBLIC_READ: 'false' } : {}),
    ...options.env,
  });
  const runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
  let server: ApiServer;
  try {
    for (const article of options.articles ?? []) await runtime.index.upsertArticle(article);
    for (const url of options.feeds ?? []) await runtime.index.addFeed(url);
    server = await startApi(runtime, { host: '127.0.0.1', port: 0, ...(options.opml !== undefined ? { opml: options.opml } : {}) });
  } catch (error) {
    await runtime.close();
    data.remove();
    await deletePrefix(prefix);
    throw error;
  }
  return {
    ...server,
    runtime,
    prefix,
    stop: async () => {
      await server.close();
      await runtime.close();
      data.remove();
      await deletePrefix(prefix);
    },
  };
}

/** A complete ArticleRecord for `url`, with `fields` overriding the defaults. */
export function fixtureArticle(url: string, fields: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: articleId(url),
    url,
    title: 'Untitled',
    authors: [],
    publishedAt: '2025-03-01T09:00:00.000Z',
    modifiedAt: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: null,
    text: '',
    html: '',
    wordCount: 0,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2025-03-02T00:00:00.000Z',
    ...fields,
  };
}

const paragraphs = (...texts: string[]) => texts.join('\n\n');
const html = (...texts: string[]) => texts.map((text) => `<p>${text}</p>`).join('');
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function story(url: string, title: string, body: string[], fields: Partial<ArticleRecord>): ArticleRecord {
  return fixtureArticle(url, { title, text: paragraphs(...body), html: html(...body), wordCount: words(body.join(' ')), excerpt: body[0] ?? null, ...fields });
}

/** Six articles over three sites, two languages, three authors and four days. */
export const FIXTURE_ARTICLES: ArticleRecord[] = [
  story(
    'https://courier.example/2025/03/lachin-corridor-reopens',
    'Lachin corridor reopens to civilian traffic',
    [
      'The Lachin corridor reopened on Monday to civilian traffic after months of closure, officials said.',
      'Aid convoys carrying food and medicine crossed the checkpoint in the morning.',
    ],
    { siteName: 'Caucasus Courier', authors: ['Anna Petrosyan'], publishedAt: '2025-03-03T08:00:00.000Z', tags: ['caucasus'] },
  ),
  story(
    'https://courier.example/2025/03/corridor-aid-convoys',
    'Aid convoys wait at the corridor checkpoint',
    [
      'Dozens of aid convoys waited at the corridor checkpoint as talks continued.',
      'Drivers said the queue stretched for kilometres along the mountain road.',
    ],
    { siteName: 'Caucasus Courier', authors: ['Anna Petrosyan'], publishedAt: '2025-03-02T12:00:00.000Z', tags: ['caucasus'] },
  ),
  story(
    'https://daily.example/news/energy-prices-fall',
    'Energy prices fall as winter ends',
    ['Energy prices fell sharply this week as the mild winter ended and gas storage stayed high.', 'Analysts expect prices to keep falling into spring.'],
    { siteName: 'The Daily Example', authors: ['Tom Baker'], publishedAt: '2025-03-01T10:00:00.000Z', tags: ['economy'] },
  ),
  story(
    'https://daily.example/news/mountain-road-reopens',
    'Mountain road reopens after landslide',
    ['The mountain road near the border reopened after a landslide blocked it for a week.', 'Engineers cleared the debris and reinforced the slope.'],
    { siteName: 'The Daily Example', authors: ['Tom Baker', 'Lena Ruiz'], publishedAt: '2025-02-28T07:30:00.000Z' },
  ),
  story(
    'https://zeitung.example/artikel/energiepreise-sinken',
    'Energiepreise sinken zum Frühlingsbeginn',
    ['Die Energiepreise sinken zum Frühlingsbeginn deutlich, berichten Analysten.', 'Die Gasspeicher sind weiterhin gut gefüllt.'],
    { siteName: 'Zeitung Beispiel', lang: 'de', authors: ['Lena Ruiz'], publishedAt: '2025-03-03T06:00:00.000Z' },
  ),
  story(
    'https://courier.example/2025/02/script-test',
    'Corridor talks <script>alert(1)</script> resume',
    ['Talks about the corridor resumed in Brussels on Friday.', 'Negotiators met <b>behind closed doors</b>.'],
    {
      siteName: 'Caucasus Courier',
      authors: ['Anna Petrosyan'],
      publishedAt: '2025-02-28T15:00:00.000Z',
      html: '<p>Talks about the corridor resumed in Brussels on Friday.</p><p>Negotiators met behind closed doors.</p>',
    },
  ),
];

/**
 * Sends a record through the real article-index queue to the indexer worker
 * among `workers`; resolves when its job is done. Each call queues a job of
 * its own, so the same article may be indexed twice.
 */
export async function indexThroughWorker(api: ApiInstance, workers: readonly Worker[], record: ArticleRecord): Promise<void> {
  const indexer = workers.find((worker) => worker.name === QUEUES.articleIndex);
  if (!indexer) throw new Error('no indexer worker');
  const done = new Promise<void>((resolve, reject) => {
    const onCompleted = (job: { data: { canonicalUrl: string } }) => {
      if (job.data.canonicalUrl !== record.url) return;
      indexer.off('completed', onCompleted);
      resolve();
    };
    indexer.on('completed', onCompleted);
    indexer.once('failed', (_job, error) => reject(error));
  });
  const recordKey = await api.runtime.bodies.put(JSON.stringify(record));
  await api.runtime.queues.add(QUEUES.articleIndex, { itemUrl: record.url, canonicalUrl: record.url, recordKey }, { jobId: `${record.id}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await done;
}
