import { afterAll, describe, expect, it } from 'vitest';
import type { AlertMatchEvent } from '@tidings/contracts';
import { alertMatchStream, connectRedis } from '@tidings/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { REPLAY_CAPACITY } from './live-streams.js';
import type { StreamClient } from './testing/stream-client.js';
import { streamTestHarness } from './testing/stream-tests.js';
import type { TestApp } from './testing/test-app.js';
import { alertMatchEvent } from '../../../test/support/announcements.js';

/**
 * A saved search's stream of matches (`/api/saved-searches/:id/stream`)
 * reconnecting with Last-Event-ID: the matches it missed first, then live
 * ones. The test announces matches on the installation's stream as the
 * alerter does.
 */

const { start, connect } = streamTestHarness();

/** A match of saved search `searchId` on article `articleId`, as the alerter announces it. */
function match(searchId: string, articleId: string): AlertMatchEvent {
  return alertMatchEvent(searchId, articleId, { article: { title: `Story ${articleId}`, siteName: 'Example News', lang: 'en' } });
}

async function saveSearch(api: TestApp, query: string): Promise<string> {
  const created = await api.app.inject({ method: 'POST', url: '/api/saved-searches', payload: { query } });
  expect(created.statusCode, created.body).toBe(201);
  return (created.json() as { savedSearch: { id: string } }).savedSearch.id;
}

function streamUrl(api: TestApp, searchId: string): string {
  return `${api.url}/api/saved-searches/${searchId}/stream`;
}

function follow(api: TestApp, searchId: string, lastEventId?: string): Promise<StreamClient> {
  return connect(streamUrl(api, searchId), lastEventId === undefined ? {} : { 'last-event-id': lastEventId });
}

/** What the stream's `ready` event said. */
function ready(client: StreamClient): Record<string, unknown> {
  const event = client.events.find((candidate) => candidate.event === 'ready');
  return JSON.parse(event?.data ?? 'null') as Record<string, unknown>;
}

/** The next `count` match events: each one's id and article id. */
async function matches(client: StreamClient, count: number): Promise<Array<{ id: string | null; article: string }>> {
  const got: Array<{ id: string | null; article: string }> = [];
  for (let i = 0; i < count; i++) {
    const event = await client.next('match');
    got.push({ id: event.id, article: (JSON.parse(event.data) as AlertMatchEvent).article.id });
  }
  return got;
}

/** The article ids of the next `count` match events. */
async function articles(client: StreamClient, count: number): Promise<string[]> {
  return (await matches(client, count)).map((got) => got.article);
}

/** The article ids of every match event the client has received so far. */
function received(client: StreamClient): string[] {
  return client.events.filter((event) => event.event === 'match').map((event) => (JSON.parse(event.data) as AlertMatchEvent).article.id);
}

describe('resuming a saved search stream with Last-Event-ID', () => {
  it("replays the search's matches announced since the reader's last event, then goes on live, none twice", async () => {
    const api = await start();
    const mine = await saveSearch(api, 'harbour');
    const other = await saveSearch(api, 'quarry');
    const first = await follow(api, mine);
    expect(ready(first)).toEqual({ savedSearch: mine });
    await api.announceMatches(match(mine, 'a'), match(other, 'x'), match(mine, 'b'));
    const seen = await matches(first, 2);
    expect(seen.map((got) => got.article)).toEqual(['a', 'b']);
    // Each event's id is its announcement's entry on the stream of matches.
    const redis = connectRedis(TEST_REDIS_URL);
    try {
      const held = await alertMatchStream(api.prefix).entriesBack(redis, '+', 3);
      expect(seen.map((got) => got.id)).toEqual([held[2]!.id, held[0]!.id]);
    } finally {
      redis.disconnect();
    }
    first.close();

    // While it was away: a match of its search, one of another, the first article matched again.
    await api.announceMatches(match(mine, 'c'), match(other, 'y'), match(mine, 'a'));
    const back = await follow(api, mine, seen[1]!.id!);
    expect(ready(back)).toEqual({ savedSearch: mine, resumed: true });
    expect(await articles(back, 2)).toEqual(['c', 'a']);
    await api.announceMatches(match(other, 'z'), match(mine, 'd'));
    expect(await articles(back, 1)).toEqual(['d']);
    // Nothing twice, nothing of the other search.
    expect(received(back)).toEqual(['c', 'a', 'd']);
  });

  it('sends a live match announced while the replay is looked up after the replayed ones', async () => {
    const api = await start();
    const mine = await saveSearch(api, 'harbour');
    const first = await follow(api, mine);
    await api.announceMatches(match(mine, 'a'));
    const [lastSeen] = await matches(first, 1);
    await api.announceMatches(...Array.from({ length: 50 }, (_, n) => match(mine, `missed-${n}`)));
    // Reconnects and, at once, another match comes: it is live, so it comes after the 50 missed ones.
    const reconnecting = follow(api, mine, lastSeen!.id!);
    await api.announceMatches(match(mine, 'live'));
    const back = await reconnecting;
    expect(ready(back)).toMatchObject({ resumed: true });
    expect(await articles(back, 51)).toEqual([...Array.from({ length: 50 }, (_, n) => `missed-${n}`), 'live']);
  });

  it('starts live, saying resumed: false, for a well-formed id it does not hold: unknown, another search\'s, a bare article id, older than the last announcements', async () => {
    const api = await start();
    const mine = await saveSearch(api, 'harbour');
    const other = await saveSearch(api, 'quarry');
    const mineFirst = await follow(api, mine);
    const otherFirst = await follow(api, other);
    await api.announceMatches(match(mine, 'a'), match(other, 'x'), match(mine, 'b'));
    const [oldest, second] = await matches(mineFirst, 2);
    const [othersEvent] = await matches(otherFirst, 1);
    await api.announceMatches(...Array.from({ length: REPLAY_CAPACITY - 2 }, (_, n) => match(mine, `bulk-${n}`)));

    // REPLAY_CAPACITY announcements came after `oldest`: it has left the last REPLAY_CAPACITY; `second` is still among them.
    const late = await follow(api, mine, oldest!.id!);
    expect(ready(late)).toEqual({ savedSearch: mine, resumed: false });
    const capped = await follow(api, mine, second!.id!);
    expect(ready(capped)).toEqual({ savedSearch: mine, resumed: true });
    expect(await articles(capped, REPLAY_CAPACITY - 2)).toEqual(Array.from({ length: REPLAY_CAPACITY - 2 }, (_, n) => `bulk-${n}`));

    const unknown = await follow(api, mine, '1-0');
    const othersId = await follow(api, mine, othersEvent!.id!);
    const legacy = await follow(api, mine, '3f2a9c0e1b7d4a55');
    for (const client of [unknown, othersId, legacy]) expect(ready(client)).toEqual({ savedSearch: mine, resumed: false });
    await api.announceMatches(match(mine, 'after'));
    for (const client of [late, capped, unknown, othersId, legacy]) expect(await articles(client, 1)).toEqual(['after']);
    for (const client of [late, unknown, othersId, legacy]) expect(received(client)).toEqual(['after']);
  });

  it('answers 400 bad-request, in the error shape, for a Last-Event-ID this stream cannot have sent', async () => {
    const api = await start();
    const mine = await saveSearch(api, 'harbour');
    for (const bad of ['not-an-id', '1764700000000-', '01764700000000-0', '3f2a9c0e1b7d4a55-1764700000000', '1-0;2', 'x'.repeat(300)]) {
      const answer = await fetch(streamUrl(api, mine), { headers: { 'last-event-id': bad } });
      expect(answer.status, bad).toBe(400);
      const body = (await answer.json()) as { statusCode: number; error: string; message: string };
      expect(body).toMatchObject({ statusCode: 400, error: 'bad-request' });
      expect(body.message).toContain('last-event-id');
    }
    // An empty one is no id at all.
    const empty = await follow(api, mine, '');
    expect(ready(empty)).toEqual({ savedSearch: mine });
  });
});

describe('resuming a saved search stream on any API process: the matches are in Redis, not in one process', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(prefix);
  });

  it('resumes on another API instance, one started after those matches were announced, a reader that dropped from the first', async () => {
    const prefix = uniquePrefix('api-match-resume');
    prefixes.push(prefix);
    const one = await start({ prefix });
    const mine = await saveSearch(one, 'harbour');
    const first = await follow(one, mine);
    await one.announceMatches(match(mine, 'a'));
    const [lastSeen] = await matches(first, 1);
    first.close();
    await one.announceMatches(match(mine, 'b'), match('another-search', 'x'), match(mine, 'c'));

    // A second API process (scaled out, or a load balancer's other backend) never heard any of them.
    const two = await start({ prefix });
    const back = await follow(two, mine, lastSeen!.id!);
    expect(ready(back)).toEqual({ savedSearch: mine, resumed: true });
    expect(await articles(back, 2)).toEqual(['b', 'c']);
    await two.announceMatches(match(mine, 'd'));
    expect(await articles(back, 1)).toEqual(['d']);
    expect(received(back)).toEqual(['b', 'c', 'd']);
  });
});
