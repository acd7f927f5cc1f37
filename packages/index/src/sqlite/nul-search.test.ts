import { join } from 'node:path';
import { TidingsError } from '@tidings/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

// SQLite could search for NUL; PostgreSQL cannot take it at all. The two backends answer a search alike.
describe('SqliteIndex refuses a NUL character in a search filter as PostgreSQL does', () => {
  const temp = makeTempDir();
  let index: SqliteIndex;

  beforeAll(() => {
    index = SqliteIndex.open(join(temp.dir, 'nul.db'));
  });

  afterAll(async () => {
    await index?.close();
    temp.remove();
  });

  it.each([
    ['a site filter', 'x', { site: 'a\u0000b' }],
    ['a lang filter', 'x', { lang: 'e\u0000n' }],
  ])('NUL in %s is invalid-payload', async (_label, query, filters) => {
    const error = await index.search(query, { filters }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
    expect((error as TidingsError).message).toMatch(/NUL character/);
  });
});
