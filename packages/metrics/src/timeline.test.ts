import { describe, expect, it } from 'vitest';
import { parseTimeline, stageFields } from './timeline.js';

describe('stage timelines', () => {
  it('keeps when a job was queued and started, and how long it took', () => {
    expect(stageFields({ queue: 'article-fetch', prefix: 'p', outcome: 'completed', durationMs: 120.4, queuedAt: 1_000, startedAt: 1_500 })).toEqual({
      'article-fetch|queued': '1000',
      'article-fetch|started': '1500',
      'article-fetch|ms': '120',
    });
    // Without its times (an older worker), nothing.
    expect(stageFields({ queue: 'article-fetch', prefix: 'p', outcome: 'completed', durationMs: 1 })).toEqual({});
  });

  it('reads the stages back in pipeline order, skipping those not kept', () => {
    const timeline = parseTimeline({
      'article-index|queued': '9000',
      'article-index|started': '9500',
      'article-index|ms': '100',
      'feed-fetch|queued': '0',
      'feed-fetch|started': '10',
      'feed-fetch|ms': '500',
      polledAt: '10',
      feedUrl: 'https://a.example/feed',
    });
    expect(timeline.polledAt).toBe(new Date(10).toISOString());
    expect(timeline.stages).toEqual([
      { stage: 'feed-fetch', queuedAt: new Date(0).toISOString(), startedAt: new Date(10).toISOString(), finishedAt: new Date(510).toISOString(), waitedMs: 10, tookMs: 500 },
      { stage: 'article-index', queuedAt: new Date(9000).toISOString(), startedAt: new Date(9500).toISOString(), finishedAt: new Date(9600).toISOString(), waitedMs: 500, tookMs: 100 },
    ]);
    expect(parseTimeline({})).toEqual({ polledAt: null, stages: [] });
  });
});
