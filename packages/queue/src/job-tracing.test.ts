import { describe, expect, it } from 'vitest';
import { jobAttributes, jobTracing, traceCarrierOf, TRACE_FIELD } from './job-tracing.js';

describe('job tracing helpers', () => {
  it('is off unless a process installs it', () => {
    expect(jobTracing()).toBeNull();
  });

  it('reads the trace context a job carries, keeping only string entries', () => {
    expect(traceCarrierOf({ feedId: 'f', [TRACE_FIELD]: { traceparent: '00-abc-def-01', bad: 3 } })).toEqual({ traceparent: '00-abc-def-01' });
    expect(traceCarrierOf({ feedId: 'f' })).toBeUndefined();
    expect(traceCarrierOf(null)).toBeUndefined();
  });

  it('names the feed and the URL of a job in span attributes', () => {
    expect(jobAttributes('article-fetch', { itemUrl: 'https://a.example/1', feedUrl: 'https://a.example/feed', item: {} }, 2)).toEqual({
      'tidings.queue': 'article-fetch',
      'tidings.attempt': 2,
      'url.full': 'https://a.example/1',
      'tidings.feed.url': 'https://a.example/feed',
    });
  });
});
