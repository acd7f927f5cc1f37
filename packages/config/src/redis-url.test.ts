import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.js';
import { isRedisClusterUrl, parseRedisUrl, redactRedisUrl } from './redis-url.js';

describe('parseRedisUrl', () => {
  it('passes a single-server URL through as ioredis reads it', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisUrl('rediss://user:secret@redis.example:6380/2')).toEqual({ kind: 'single', url: 'rediss://user:secret@redis.example:6380/2' });
  });

  it('reads a cluster as the list of its startup nodes', () => {
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001,redis-3')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'redis-3', port: 6379 },
      ],
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it('reads credentials (percent-decoded), TLS, IPv6 nodes and an optional /0', () => {
    expect(parseRedisUrl('rediss+cluster://tidings:p%40ss@[::1]:7000,[fd00::2]:7001/0')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '::1', port: 7000 },
        { host: 'fd00::2', port: 7001 },
      ],
      username: 'tidings',
      password: 'p@ss',
      tls: true,
    });
    expect(parseRedisUrl('redis+cluster://:secret@h:1/')).toMatchObject({ username: undefined, password: 'secret' });
    expect(parseRedisUrl('REDIS+CLUSTER://secret@h:1')).toMatchObject({ username: undefined, password: 'secret', tls: false });
  });

  it.each([
    ['no node', 'redis+cluster://'],
    ['an empty node', 'redis+cluster://h1:7000,,h2:7001'],
    ['a port out of range', 'redis+cluster://h1:70000'],
    ['a database other than 0', 'redis+cluster://h1:7000/3'],
    ['a query', 'redis+cluster://h1:7000?tls=true'],
    ['a bad port', 'redis+cluster://h1:port'],
  ])('refuses a cluster URL with %s', (_, url) => {
    expect(() => parseRedisUrl(url)).toThrow(/cluster/);
  });

  it('refuses what is not a URL at all', () => {
    expect(() => parseRedisUrl('127.0.0.1:6379')).toThrow(/not a URL/);
  });

  it('refuses another scheme and a database that is not a number, without printing the password', () => {
    expect(() => parseRedisUrl('http://x')).toThrow(/not a Redis URL: "http:\/\/x"/);
    expect(() => parseRedisUrl('redis://:s3cret@127.0.0.1:6379/abc')).toThrow('not a database number: "abc" in "redis://:***@127.0.0.1:6379/abc"');
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379/2' });
    expect(parseRedisUrl('rediss://127.0.0.1')).toEqual({ kind: 'single', url: 'rediss://127.0.0.1' });
    expect(redactRedisUrl('redis+cluster://u:p%40ss@h1:1,h2:2')).toBe('redis+cluster://u:***@h1:1,h2:2');
    expect(redactRedisUrl('redis://h:6379/0')).toBe('redis://h:6379/0');
  });

  it('tells the cluster form by its scheme', () => {
    expect(isRedisClusterUrl('redis+cluster://h:1')).toBe(true);
    expect(isRedisClusterUrl('rediss+cluster://h:1')).toBe(true);
    expect(isRedisClusterUrl('redis://h:1')).toBe(false);
  });
});

describe('REDIS_URL in the configuration', () => {
  it('accepts a cluster URL as given', () => {
    expect(loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' }).redisUrl).toBe('redis+cluster://127.0.0.1:7000,127.0.0.1:7001');
  });

  it('fails at start, naming the variable and the bad node', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,bad host' })).toThrow(/REDIS_URL: not a cluster/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL: not a URL/);
  });
});
