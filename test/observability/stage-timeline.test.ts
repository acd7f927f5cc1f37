import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { readTimeline, StageTimelineRecorder } from '@tidings/metrics';
import { connectRedis, type StageJobSettled } from '@tidings/queue';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';

describe('StageTimelineRecorder: the stage timings `tidings show --trace` prints', () => {
  const redis = connectRedis(TEST_REDIS_URL);
  const prefix = uniquePrefix('timeline');
  const feedId = 'feed-1';
  const feedUrl = 'https://news.example/feed.xml';
  const itemUrl = 'https://news.example/story';
  const at = (queue: StageJobSettled['queue'], queuedAt: number, rest: Partial<StageJobSettled>): StageJobSettled => ({
    queue,
    prefix,
    outcome: 'completed',
    durationMs: 10,
    queuedAt,
    startedAt: queuedAt + 5,
    ...rest,
  });

  beforeAll(requireRedis);
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('files a poll under the fetch that queued its parse: a 304 meanwhile writes nothing and changes nothing', async () => {
    const recorder = new StageTimelineRecorder(redis, prefix);
    // A 200 hands its body to a parse...
    await recorder.record(at(QUEUES.feedFetch, 1_000, { payload: { feedId, feedUrl }, result: { status: 200, parseJobId: 'parse-a' } }));
    // ...and before that parse has run, the feed is polled again (a refresh) and answers 304.
    await recorder.record(at(QUEUES.feedFetch, 2_000, { payload: { feedId, feedUrl }, result: { notModified: true } }));
    await recorder.record(at(QUEUES.feedParse, 3_000, { payload: { feedId, finalUrl: feedUrl, fetchedAt: new Date(1_005).toISOString() } }));
    for (const [queue, queuedAt] of [
      [QUEUES.articleFetch, 4_000],
      [QUEUES.articleExtract, 5_000],
      [QUEUES.articleIndex, 6_000],
    ] as const) {
      await recorder.record(at(queue, queuedAt, { payload: { itemUrl, feedUrl, canonicalUrl: itemUrl } }));
    }
    const timeline = await readTimeline(redis, prefix, itemUrl);
    expect(timeline.polledAt).toBe(new Date(1_005).toISOString());
    expect(timeline.stages.map((stage) => [stage.stage, Date.parse(stage.queuedAt)])).toEqual([
      [QUEUES.feedFetch, 1_000],
      [QUEUES.feedParse, 3_000],
      [QUEUES.articleFetch, 4_000],
      [QUEUES.articleExtract, 5_000],
      [QUEUES.articleIndex, 6_000],
    ]);

    // A feed whose polls all answer 304 leaves nothing in Redis: no parse ever reads what its fetches took.
    await recorder.record(at(QUEUES.feedFetch, 7_000, { payload: { feedId: 'feed-quiet', feedUrl: 'https://quiet.example/feed.xml' }, result: { notModified: true } }));
    expect((await redis.keys(`${prefix}:timeline:feed:*`)).length).toBe(1);
  });
});
