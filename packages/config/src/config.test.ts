import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.queuePrefix).toBe('tidings');
    expect(config.fetch.allowPrivate).toEqual([]);
  });

  it('reads the private-address allow-list as its entries', () => {
    expect(loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: ' 127.0.0.1/32, localhost:8931 ,' }).fetch.allowPrivate).toEqual(['127.0.0.1/32', 'localhost:8931']);
  });

  it('refuses a malformed allow-list at start, like every other setting, naming the variable and the entry', () => {
    expect(() => loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: '127.0.0.1/32,not a cidr' })).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE: .*"not a cidr"/);
    expect(() => loadConfig({ TIDINGS_FETCH_ALLOW_PRIVATE: 'localhost' })).toThrow(/TIDINGS_FETCH_ALLOW_PRIVATE: .*needs a port/);
  });
});
