import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { PostgresIndex } from '../postgres/postgres-index.js';
import { TEST_POSTGRES_URL, dropSchema, uniqueSchema } from '../postgres/test-database.js';
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
  const schema = uniqueSchema(schemaPrefix);
  const temp = makeTempDir();
  let sqlite: TidingsIndex | undefined;
  let postgres: TidingsIndex | undefined;
  let setUpError: unknown;

  beforeAll(async () => {
    sqlite = SqliteIndex.open(join(temp.dir, 'tidings.db'));
    await load(sqlite);
    try {
      postgres = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
      await load(postgres);
    } catch (error) {
      setUpError = error;
    }
  });

  beforeEach(() => {
    if (setUpError !== undefined) throw setUpError;
  });

  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    temp.remove();
    if (setUpError === undefined) await dropSchema(schema);
  });

  const opened = (index: TidingsIndex | undefined): TidingsIndex => {
    if (!index) throw new Error('the indexes are opened in beforeAll: use them inside a test');
    return index;
  };
  return {
    get sqlite() {
      return opened(sqlite);
    },
    get postgres() {
      return opened(postgres);
    },
  };
}
