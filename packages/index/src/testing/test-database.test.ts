import { describe, expect, test } from 'vitest';
import { setUpOrFailEachTest } from './test-database.js';

describe('a set-up that fails', () => {
  const setUp = setUpOrFailEachTest(async () => {
    throw new Error('the database is not there');
  });

  // Each test fails with the set-up's error: not skipped, not passed.
  test.fails('fails the first test', () => {});
  test.fails('fails the next test too', () => {});
  test.fails('and says why when its result is read', () => {
    setUp.failure();
  });
});

describe('a set-up that works', () => {
  let opened = false;
  const setUp = setUpOrFailEachTest(async () => {
    opened = true;
  });

  test('runs before the tests, which run', () => {
    expect(opened).toBe(true);
    expect(setUp.failed).toBe(false);
    expect(() => setUp.failure()).not.toThrow();
  });
});
