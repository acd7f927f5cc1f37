import { describe, expect, it } from 'vitest';
import type { FeedRecord } from '@tidings/contracts';
import { stopPatch } from '@tidings/polling';
import { formatFeed } from './feeds.js';

const feed: FeedRecord = {
  id: 'f1',
  url: 'https://news.example.org/old.xml',
  title: 'News',
  addedAt: '2026-12-01T00:00:00.000Z',
  lastFetchAt: null,
  lastStatus: null,
  lastError: null,
  lastErrorCode: null,
  consecutiveFailures: 0,
  itemsSeen: 0,
  etag: null,
  lastModified: null,
  tags: [],
  state: 'active',
  stateReason: null,
  intervalMs: null,
  nextPollAt: null,
  lastNewItemAt: null,
  lastHttpStatus: null,
  pollHints: null,
  lastWarnings: [],
};

describe('a feed in `tidings feeds`', () => {
  it('says why it is stopped once, as the reason was recorded, not "stopped: stopped: ..."', () => {
    const stopped = { ...feed, ...stopPatch('stopped: moved permanently to https://news.example.org/feed.xml, which is already subscribed as feed f0'), websub: null };
    const lines = formatFeed(stopped as FeedRecord & { websub: null }, Date.parse('2026-12-02T00:00:00Z')).split('\n');
    expect(lines).toContain('    stopped: moved permanently to https://news.example.org/feed.xml, which is already subscribed as feed f0');
    expect(lines.join('\n')).not.toContain('stopped: stopped:');
  });

  it('names the state when no reason was recorded', () => {
    const paused = { ...feed, state: 'paused' as const, websub: null };
    expect(formatFeed(paused, Date.now()).split('\n')).toContain('    paused: no reason recorded');
  });

  it('gives a failed poll with its typed code', () => {
    const failing = { ...feed, lastFetchAt: '2026-12-01T10:00:00.000Z', lastStatus: 'error', lastError: 'HTTP 503 from https://news.example.org/old.xml', lastErrorCode: 'http-status', lastHttpStatus: 503, consecutiveFailures: 2, websub: null };
    expect(formatFeed(failing, Date.now()).split('\n')).toContain('    last fetch 2026-12-01T10:00:00.000Z: error: [http-status] HTTP 503 from https://news.example.org/old.xml (HTTP 503), 2 failures in a row');
  });

  it('names the state before a reason that does not start with it', () => {
    const stopped = { ...feed, ...stopPatch('10 consecutive failures'), websub: null };
    expect(formatFeed(stopped, Date.now()).split('\n')).toContain('    stopped: 10 consecutive failures');
  });
});
