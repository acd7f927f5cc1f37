import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { setUpOrFailEachTest, useTestIndex } from '../testing/test-database.js';
import { SqliteIndex } from '../sqlite/sqlite-index.js';
import { makeTempDir } from '../test-fixtures.js';
import type { TidingsIndex } from '../types.js';

/**
 * One SQLite and one PostgreSQL index loaded with the same articles, for a
 * test file comparing the backends: registers the hooks (each test fails
 * with the reason when PostgreSQL is unreachable, never skips) and returns
 * getters for the two indexes.
 */
export function useBothBackends(schemaPrefix: string, load: (index: TidingsIndex) => Promise<unknown>): { readonly sqlite: TidingsIndex; readonly postgres: TidingsIndex } {
  const postgres = useTestIndex(schemaPrefix);
  const temp = makeTempDir();
  let sqlite: TidingsIndex | undefined;

  beforeAll(async () => {
    sqlite = SqliteIndex.open(join(temp.dir, 'tidings.db'));
    await load(sqlite);
  });
  setUpOrFailEachTest(async () => {
    await load(postgres.index);
  });

  afterAll(async () => {
    await sqlite?.close();
    temp.remove();
  });

  return {
    get sqlite() {
      if (!sqlite) throw new Error('the indexes are opened in beforeAll: use them inside a test');
      return sqlite;
    },
    get postgres() {
      return postgres.index;
    },
  };
}
