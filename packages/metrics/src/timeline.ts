import { createHash } from 'node:crypto';
import { parseJobIdOf, QUEUES, redisKeys, type QueueName } from '@tidings/contracts';
import type { RedisClient, StageJobSettled } from '@tidings/queue';

/** How long the stage timings of a poll or an article are kept. */
export const TIMELINE_TTL_SECONDS = 14 * 86_400;

/** One stage of an article's way through the pipeline. */
export interface StageTiming {
  stage: QueueName;
  /** When the job was queued, when its (last) attempt started and finished (ISO). */
  queuedAt: string;
  startedAt: string;
  finishedAt: string;
  /** Time spent waiting in the queue, and in the handler. */
  waitedMs: number;
  tookMs: number;
}

/** What `tidings show --trace` prints: when the article's feed was polled, then each stage. */
export interface ArticleTimeline {
  /** When the feed poll that listed it fetched the feed (the feed's latest poll before the article was fetched). */
  polledAt: string | null;
  /** In pipeline order; a stage the pipeline kept nothing of (older article, timings expired) is missing. */
  stages: StageTiming[];
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
const STAGE_FIELDS = ['queued', 'started', 'ms'] as const;

/** The hash fields of one settled stage job. Pure. */
export function stageFields(event: StageJobSettled): Record<string, string> {
  if (event.queuedAt === undefined || event.startedAt === undefined) return {};
  return { [`${event.queue}|queued`]: String(event.queuedAt), [`${event.queue}|started`]: String(event.startedAt), [`${event.queue}|ms`]: String(Math.round(event.durationMs)) };
}

/** Reads a timeline back from its hash fields. Pure. */
export function parseTimeline(fields: Record<string, string>): ArticleTimeline {
  const stages: StageTiming[] = [];
  for (const stage of [QUEUES.feedFetch, QUEUES.feedParse, QUEUES.articleFetch, QUEUES.articleExtract, QUEUES.articleIndex]) {
    const [queued, started, ms] = STAGE_FIELDS.map((field) => Number(fields[`${stage}|${field}`]));
    if (!Number.isFinite(queued) || !Number.isFinite(started) || !Number.isFinite(ms)) continue;
    stages.push({
      stage,
      queuedAt: new Date(queued!).toISOString(),
      startedAt: new Date(started!).toISOString(),
      finishedAt: new Date(started! + ms!).toISOString(),
      waitedMs: Math.max(0, started! - queued!),
      tookMs: ms!,
    });
  }
  const polled = Number(fields.polledAt);
  return { polledAt: Number.isFinite(polled) && fields.polledAt ? new Date(polled).toISOString() : null, stages };
}

/**
 * Keeps, in Redis, when each stage of each article was queued, started and
 * how long it took, for `tidings show --trace`. A poll's fetch (one that
 * queued a parse: a 304 keeps nothing) and parse are kept by feed, then
 * copied to each article its parse queued when that article is fetched (the
 * feed's latest poll: the one that listed it, unless the feed was polled
 * again before the article was fetched). At indexing the
 * timeline is filed under the article's canonical URL. Writes never hold up
 * a job; a failure only loses a sample.
 */
export class StageTimelineRecorder {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Records one settled job without waiting (pass to `observeStageJobs`). */
  readonly observe = (event: StageJobSettled): void => {
    this.record(event).catch(this.onError);
  };

  /** Records one settled job; resolves once Redis has it. */
  async record(event: StageJobSettled): Promise<void> {
    if (event.prefix !== this.prefix || event.outcome !== 'completed') return;
    const fields = stageFields(event);
    if (Object.keys(fields).length === 0) return;
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const key = (kind: 'feed' | 'poll' | 'article', value: string) => redisKeys(this.prefix).timeline(kind, hashOf(value));
    const text = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : null);

    if (event.queue === QUEUES.feedFetch) {
      const feedId = text('feedId');
      // Only a fetch that handed a body to a parse is ever read back (by that parse): a 304, a skipped or a stopped
      // poll writes nothing, which also keeps it from overwriting the fetch of a parse still waiting.
      if (feedId && parseJobIdOf(event.result) !== undefined) await this.write(key('feed', feedId), fields);
    } else if (event.queue === QUEUES.feedParse) {
      const feedId = text('feedId');
      const finalUrl = text('finalUrl');
      const fetchedAt = text('fetchedAt');
      if (!feedId || !finalUrl) return;
      // The poll's fetch (by feed id) and parse, filed under the URL the articles' jobs name their feed by.
      const poll = await this.redis.hgetall(key('feed', feedId));
      await this.write(key('poll', finalUrl), { ...poll, ...fields, ...(fetchedAt ? { polledAt: String(Date.parse(fetchedAt)) } : {}) });
    } else if (event.queue === QUEUES.articleFetch) {
      const itemUrl = text('itemUrl');
      const feedUrl = text('feedUrl');
      if (!itemUrl) return;
      const poll = feedUrl ? await this.redis.hgetall(key('poll', feedUrl)) : {};
      await this.write(key('article', itemUrl), { ...poll, ...fields, ...(feedUrl ? { feedUrl } : {}) });
    } else if (event.queue === QUEUES.articleExtract) {
      const itemUrl = text('itemUrl');
      if (itemUrl) await this.write(key('article', itemUrl), fields);
    } else if (event.queue === QUEUES.articleIndex) {
      const itemUrl = text('itemUrl');
      const canonicalUrl = text('canonicalUrl');
      if (!itemUrl) return;
      const article = await this.redis.hgetall(key('article', itemUrl));
      // The fetch may have finished before the parse that queued it was recorded: take the poll now.
      const poll = !article.polledAt && article.feedUrl ? await this.redis.hgetall(key('poll', article.feedUrl)) : {};
      const timeline = { ...poll, ...article, ...fields };
      await this.write(key('article', itemUrl), timeline);
      if (canonicalUrl && canonicalUrl !== itemUrl) await this.write(key('article', canonicalUrl), timeline);
    }
  }

  private async write(key: string, fields: Record<string, string>): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    await this.redis.multi().hset(key, fields).expire(key, TIMELINE_TTL_SECONDS).exec();
  }
}

/** The stage timings kept for the article at `url` (its canonical URL, or the URL its feed listed). */
export async function readTimeline(redis: RedisClient, prefix: string, url: string): Promise<ArticleTimeline> {
  return parseTimeline(await redis.hgetall(redisKeys(prefix).timeline('article', hashOf(url))));
}
