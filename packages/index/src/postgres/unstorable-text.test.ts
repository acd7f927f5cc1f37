import { TidingsError } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { useTestIndex } from '../testing/test-database.js';

/** The error a call fails with (or a failure of the test when it succeeds). */
async function failure(promise: Promise<unknown>): Promise<TidingsError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TidingsError);
  return error as TidingsError;
}

// PostgreSQL text cannot hold NUL (U+0000): such input is the caller's fault, a permanent
// invalid-payload naming the reason, never a retryable `io` ("the index is unavailable").
describe('PostgresIndex refuses text it cannot hold as invalid input', () => {
  const pg = useTestIndex('tidings_nul');

  it.each([
    ['a site filter', 'x', { site: 'a\u0000b' }],
    ['an author filter', 'x', { author: 'a\u0000' }],
    ['a feed filter', 'x', { feed: 'a\u0000' }],
    ['a tag filter', 'x', { tag: 'a\u0000' }],
  ])('in search: NUL in %s', async (_label, query, filters) => {
    for (const facets of [false, true]) {
      const error = await failure(pg.index.search(query, { filters, facets }));
      expect(error.code).toBe('invalid-payload');
      expect(error.permanent).toBe(true);
      expect(error.message).toMatch(/NUL character/);
    }
  });

  it.each([
    ['getArticle', () => pg.index.getArticle('a\u0000b')],
    ['similar', () => pg.index.similar('a\u0000b')],
    ['getFeed', () => pg.index.getFeed('a\u0000b')],
    ['removeFeed', () => pg.index.removeFeed('a\u0000b')],
  ])('in %s', async (_label, call) => {
    const error = await failure(call());
    expect(error.code).toBe('invalid-payload');
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/NUL character \(U\+0000\)/);
  });

  it('searches a query with NUL as words (the tokeniser splits there), as the contract says', async () => {
    expect((await pg.index.search('x\u0000y', {})).total).toBe(0);
  });

  it('still answers normally afterwards', async () => {
    expect((await pg.index.search('x', {})).total).toBe(0);
    expect(await pg.index.getArticle('missing')).toBeNull();
  });
});
