import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tidings/contracts';
import { openIndex, type TidingsIndex } from '@tidings/index';
import { connectRedis, PipelineQueues } from '@tidings/queue';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { pollJobIdFor, schedulePolls } from './handler.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** schedulePolls on a real Redis and a real SQLite index, with its clock given. */
describe('schedulePolls and schedules no poll outcome can have written', () => {
  const prefix = uniquePrefix('scheduler-bounds');
  const data = tempDir('scheduler-bounds');
  const redis = connectRedis(TEST_REDIS_URL);
  let index: TidingsIndex;
  let queues: PipelineQueues;

  beforeAll(async () => {
    await requireRedis();
    index = await openIndex({ dataDir: data.dir });
    queues = new PipelineQueues(redis, prefix, { keepCompleted: 10, keepFailed: 10 });
  });

  afterAll(async () => {
    await queues?.close();
    await index?.close();
    await deletePrefix(prefix);
    redis.disconnect();
    data.remove();
  });

  it('polls at once a feed scheduled further off than twice TIDINGS_POLL_MAX (a clock that ran ahead), and leaves far but possible ones be', async () => {
    const now = Date.now();
    const policy = { minMs: 5 * MINUTE, maxMs: 24 * HOUR };
    const at = async (url: string, nextPollMs: number) => {
      const { feed } = await index.addFeed(url);
      const nextPollAt = new Date(nextPollMs).toISOString();
      await index.updateFeed(feed.id, { nextPollAt });
      return { id: feed.id, nextPollAt };
    };
    const yearAhead = await at('http://example.org/year-ahead.xml', now + 365 * 24 * HOUR);
    // As far as a poll outcome may schedule, and past that but within the slack for clocks that disagree.
    await at('http://example.org/at-maximum.xml', now + policy.maxMs);
    await at('http://example.org/within-slack.xml', now + 2 * policy.maxMs + 30 * MINUTE);

    // Without the maximum (as before it was given), any schedule is believed.
    expect(await schedulePolls({ index, queues, policy: { minMs: policy.minMs } }, now)).toMatchObject({ queued: 0, outOfBounds: 0, nextDueAt: now + policy.maxMs });

    const pass = await schedulePolls({ index, queues, policy }, now);
    expect(pass).toMatchObject({ feeds: 3, queued: 1, outOfBounds: 1, nextDueAt: now + policy.maxMs });
    const waiting = await queues.get(QUEUES.feedFetch).getWaiting();
    expect(waiting.map((job) => job.id)).toEqual([pollJobIdFor(yearAhead.id, yearAhead.nextPollAt)]);
    // The job names the slot the feed has, so the fetcher takes it as the feed's current poll.
    expect(waiting[0]?.data).toMatchObject({ feedId: yearAhead.id, dueAt: yearAhead.nextPollAt });

    // The next pass finds it queued already: one poll, not one per pass.
    expect(await schedulePolls({ index, queues, policy }, now + MINUTE)).toMatchObject({ queued: 0, alreadyQueued: 1, outOfBounds: 0 });
  });
});
