import { describe, expect, it } from 'vitest';
import { settingProblems } from './redis-durability.js';

describe('settingProblems', () => {
  const durable = { appendonly: 'yes', appendfsync: 'always', maxmemoryPolicy: 'noeviction' };

  it('finds nothing wrong with AOF, appendfsync always and noeviction', () => {
    expect(settingProblems('127.0.0.1:6379', durable)).toEqual([]);
  });

  it("names the server, the setting, its value and what follows, for Redis' defaults", () => {
    const problems = settingProblems('10.0.0.5:6380', { appendonly: 'yes', appendfsync: 'everysec', maxmemoryPolicy: 'allkeys-lru' });
    expect(problems).toEqual([
      '10.0.0.5:6380: appendfsync is everysec: a Redis crash may lose up to the last second of acknowledged jobs (set "appendfsync always")',
      '10.0.0.5:6380: maxmemory-policy is allkeys-lru: Redis may evict queued jobs when its memory is full (set "maxmemory-policy noeviction")',
    ]);
  });

  it('says only that AOF is off when it is (appendfsync then means nothing), and reports a setting the server did not give', () => {
    expect(settingProblems('a:1', { ...durable, appendonly: 'no', appendfsync: 'everysec' })).toEqual([
      'a:1: appendonly is no: a Redis restart loses the queued jobs written since its last snapshot (set "appendonly yes")',
    ]);
    expect(settingProblems('a:1', { ...durable, maxmemoryPolicy: null })).toEqual([
      'a:1: maxmemory-policy is not reported: Redis may evict queued jobs when its memory is full (set "maxmemory-policy noeviction")',
    ]);
  });
});
