import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import type { TidingsIndex } from '@tidings/index';
import { connectRedis, IndexedEventPublisher, type IndexedEvent } from '@tidings/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { REPLAY_CAPACITY } from './live-streams.js';
import type { StreamClient } from './testing/stream-client.js';
import { announced as announcedNow, beforeEachSearch, hoursAgo, liveArticle, streamTestHarness } from './testing/stream-tests.js';
import { startTestApp } from './testing/test-app.js';

/** Reconnecting to /api/stream with Last-Event-ID: what was missed comes first, then the live stream. */

const { start, connect: open } = streamTestHarness();

function article(slug: string, title: string): ArticleRecord {
  return liveArticle(`resume/${slug}`, title, `${title}. More about it below.`, hoursAgo(1));
}

/** Announcements get distinct indexing times, a millisecond apart, as an indexer's would be. */
let clock = Date.now();
function announced(record: ArticleRecord): IndexedEvent {
  return { ...announcedNow(record), indexedAt: new Date(++clock).toISOString() };
}

/** The index, with the next search for hits (not the limit-0 check of a stream's query) held back `ms` once `slow.next` is set. */
function slowedOnce(index: TidingsIndex, slow: { next: boolean; ms: number }): TidingsIndex {
  return beforeEachSearch(index, async (options) => {
    if (!slow.next || options?.limit === 0) return;
    slow.next = false;
    await new Promise((resolve) => setTimeout(resolve, slow.ms));
  });
}

async function connect(url: string, lastEventId?: string): Promise<StreamClient> {
  return open(url, lastEventId === undefined ? {} : { 'last-event-id': lastEventId });
}

/** What the stream's `ready` event said. */
function ready(client: StreamClient): Record<string, unknown> {
  const event = client.events.find((candidate) => candidate.event === 'ready');
  return JSON.parse(event?.data ?? 'null') as Record<string, unknown>;
}

/** The id of the next article event. */
async function nextId(client: StreamClient): Promise<string> {
  return (await client.next('article')).id ?? '';
}

describe('resuming a live stream with Last-Event-ID', () => {
  it('replays what was announced after the last event the reader got, in order, then goes on live, none twice', async () => {
    const api = await start();
    const [one, two, three, four] = ['one', 'two', 'three', 'four'].map((slug) => article(slug, `Story ${slug}`)) as [ArticleRecord, ArticleRecord, ArticleRecord, ArticleRecord];
    const first = await connect(`${api.url}/api/stream`);
    await api.announce(announced(two), announced(one));
    expect(await first.articles(2)).toEqual([two.id, one.id]);
    const lastSeen = first.events.filter((event) => event.event === 'article').at(-1)!.id!;
    first.close();

    // While it was away: three, then one indexed again (another event, another id: resuming after its first one misses nothing), four.
    await api.announce(announced(three), announced(one), announced(four));
    const back = await connect(`${api.url}/api/stream`, lastSeen);
    expect(ready(back)).toMatchObject({ resumed: true });
    expect(await back.articles(3)).toEqual([three.id, one.id, four.id]);
    const live = article('live', 'Story live');
    await api.announce(announced(live));
    expect(await back.articles(1)).toEqual([live.id]);
  });

  it('replays to a filtered reader only what matches its query, with snippets, before live matches that arrive meanwhile', async () => {
    const slow = { next: false, ms: 300 };
    const api = await start({ wrapIndex: (index) => slowedOnce(index, slow) });
    const glacier = ['melt', 'retreat', 'museum'].map((slug) => article(`glacier-${slug}`, `Glacier ${slug}`));
    const budget = article('budget', 'Budget talks stall');
    for (const record of [...glacier, budget]) await api.index.upsertArticle(record);
    const first = await connect(`${api.url}/api/stream?q=glacier`);
    await api.announce(announced(glacier[0]!));
    const lastSeen = await nextId(first);

    // What a reader that dropped after the first glacier missed (another reader, still there, gets it live).
    await api.announce(announced(budget), announced(glacier[1]!));
    expect(await first.articles(1)).toEqual([glacier[1]!.id]);
    // Its replay's search takes a while: a live match, found sooner meanwhile, must still come after it.
    slow.next = true;
    const back = await connect(`${api.url}/api/stream?q=glacier`, lastSeen);
    await api.announce(announced(glacier[2]!));
    expect(await first.articles(1)).toEqual([glacier[2]!.id]);
    const replayed = await back.next('article');
    expect(JSON.parse(replayed.data)).toMatchObject({ id: glacier[1]!.id, snippet: expect.stringContaining('<mark>') });
    expect(await back.articles(1)).toEqual([glacier[2]!.id]);
    expect(ready(back)).toMatchObject({ q: 'glacier', resumed: true });
  });

  it('starts live, saying resumed: false, for an id no longer held (or an article id, the form ids had before)', async () => {
    const api = await start();
    const records = Array.from({ length: REPLAY_CAPACITY + 1 }, (_, n) => article(`bulk-${n}`, `Bulk ${n}`));
    const first = await connect(`${api.url}/api/stream`);
    await api.announce(...records.slice(0, 2).map(announced));
    const oldest = await nextId(first);
    const second = await nextId(first);
    first.close();
    await api.announce(...records.slice(2).map(announced));

    // The first announcement has left the last REPLAY_CAPACITY; the second is the oldest held.
    const late = await connect(`${api.url}/api/stream`, oldest);
    expect(ready(late)).toMatchObject({ resumed: false });
    const capped = await connect(`${api.url}/api/stream`, second);
    expect(ready(capped)).toMatchObject({ resumed: true });
    expect(await capped.articles(REPLAY_CAPACITY - 1)).toEqual(records.slice(2).map((record) => record.id));

    const legacy = await connect(`${api.url}/api/stream`, records[5]!.id);
    expect(ready(legacy)).toMatchObject({ resumed: false });
    const live = article('after', 'After');
    await api.announce(announced(live));
    for (const client of [late, capped, legacy]) expect(await client.articles(1)).toEqual([live.id]);
  });

  it('answers 400 bad-request, in the error shape, for a Last-Event-ID this stream cannot have sent', async () => {
    const api = await start();
    for (const bad of ['not-an-id', '3f2a9c0e1b7d4a55-', '3F2A9C0E1B7D4A55-1', '3f2a9c0e1b7d4a55-12x', '3f2a9c0e1b7d4a55-1;2', 'x'.repeat(300)]) {
      const answer = await fetch(`${api.url}/api/stream`, { headers: { 'last-event-id': bad } });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { statusCode: number; error: string; message: string };
      expect(body).toMatchObject({ statusCode: 400, error: 'bad-request' });
      expect(body.message).toContain('last-event-id');
    }
    // An empty one is no id at all.
    const empty = await connect(`${api.url}/api/stream`, '');
    expect(ready(empty)).not.toHaveProperty('resumed');
  });
});

describe('resuming on any API process: the announcements are in Redis, not in one process', () => {
  const prefixes: string[] = [];
  /** A prefix several apps share (one installation), its keys removed after the file's tests. */
  const installation = (): string => {
    prefixes.push(uniquePrefix('api-resume'));
    return prefixes.at(-1)!;
  };
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(prefix);
  });

  it('resumes on another API instance, one started after those articles were announced, a reader that dropped from the first', async () => {
    const prefix = installation();
    const one = await start({ prefix });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((slug) => article(`two-${slug}`, `Story ${slug}`)) as [ArticleRecord, ArticleRecord, ArticleRecord, ArticleRecord];
    const first = await connect(`${one.url}/api/stream`);
    await one.announce(announced(a));
    const lastSeen = await nextId(first);
    first.close();
    await one.announce(announced(b), announced(c));

    // A second API process (scaled out, or a load balancer's other backend) never heard any of them.
    const two = await start({ prefix });
    const back = await connect(`${two.url}/api/stream`, lastSeen);
    expect(ready(back)).toMatchObject({ resumed: true });
    expect(await back.articles(2)).toEqual([b.id, c.id]);
    await two.announce(announced(d));
    expect(await back.articles(1)).toEqual([d.id]);
  });

  it('resumes a reader after the API restarted, with what was announced while no API ran', async () => {
    const prefix = installation();
    const [a, b, c] = ['a', 'b', 'c'].map((slug) => article(`restart-${slug}`, `Story ${slug}`)) as [ArticleRecord, ArticleRecord, ArticleRecord];
    const before = await startTestApp({ prefix });
    let lastSeen: string;
    try {
      const first = await connect(`${before.url}/api/stream`);
      await before.announce(announced(a));
      lastSeen = await nextId(first);
    } finally {
      await before.close();
    }

    // The indexer goes on announcing while no API runs.
    const redis = connectRedis(TEST_REDIS_URL);
    try {
      await new IndexedEventPublisher(redis, prefix).publish(announced(b), announced(c));
    } finally {
      redis.disconnect();
    }
    const after = await start({ prefix });
    const back = await connect(`${after.url}/api/stream`, lastSeen);
    expect(ready(back)).toMatchObject({ resumed: true });
    expect(await back.articles(2)).toEqual([b.id, c.id]);
  });
});
