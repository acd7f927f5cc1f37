import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { PostgresIndex, type PostgresIndexOptions } from '../postgres/postgres-index.js';

/**
 * The PostgreSQL the tests use: TIDINGS_TEST_POSTGRES_URL, else the local
 * one (trust auth). Tests run against it in a schema of their own, dropped
 * afterwards; when it cannot be reached they fail, saying so, never skip.
 * Not exported from the package.
 */
export const TEST_POSTGRES_URL = process.env.TIDINGS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file uses. */
export function uniqueSchema(prefix = 'tidings_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs `body` with a plain client (no schema set). */
export async function withAdminClient<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it (database "test", trust auth for 127.0.0.1) or point TIDINGS_TEST_POSTGRES_URL at one; these tests do not skip.',
    );
  }
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Empties every table of the index schema, so a test starts from nothing without migrating again. */
export async function truncateSchema(schema: string): Promise<void> {
  await withAdminClient((client) =>
    client.query(`TRUNCATE "${schema}".articles, "${schema}".feeds, "${schema}".feed_tags, "${schema}".seen_items, "${schema}".item_feeds RESTART IDENTITY`),
  );
}

/**
 * Registers `setUp` as the file's beforeAll, made to fail each test with
 * its error instead: a failing beforeAll would leave vitest to report the
 * tests as skipped. `failure()` throws that error (for getters read inside
 * a test); `failed` says whether there is one (for the afterAll).
 */
export function setUpOrFailEachTest(setUp: () => Promise<void>): { readonly failed: boolean; failure(): void } {
  let setUpError: unknown;
  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      setUpError = error ?? new Error('the test set-up failed without a reason');
    }
  });
  const failure = (): void => {
    if (setUpError !== undefined) throw setUpError;
  };
  beforeEach(failure);
  return {
    get failed() {
      return setUpError !== undefined;
    },
    failure,
  };
}

/**
 * A PostgresIndex of a test file, in a schema of its own: opened before the
 * file's tests, closed and its schema dropped after them. When PostgreSQL is
 * unreachable (or the schema cannot be made) each test fails with the
 * reason. Read `index` inside a test (or a later hook).
 */
export function useTestIndex(prefix: string, options: Omit<PostgresIndexOptions, 'schema'> = {}): { readonly schema: string; readonly index: PostgresIndex } {
  const schema = uniqueSchema(prefix);
  let index: PostgresIndex | undefined;
  const setUp = setUpOrFailEachTest(async () => {
    index = await PostgresIndex.open(TEST_POSTGRES_URL, { ...options, schema });
  });
  afterAll(async () => {
    await index?.close();
    if (!setUp.failed) await dropSchema(schema);
  });
  return {
    schema,
    get index() {
      setUp.failure();
      if (!index) throw new Error('the test index is opened in beforeAll: use it inside a test');
      return index;
    },
  };
}

/**
 * Fresh schema names for tests that open (or migrate) their own: each
 * call gives a new one, dropped after the test that asked for it.
 */
export function useTestSchemas(prefix: string): () => string {
  const made: string[] = [];
  afterEach(async () => {
    for (const schema of made.splice(0)) await dropSchema(schema);
  });
  return () => {
    const schema = uniqueSchema(prefix);
    made.push(schema);
    return schema;
  };
}
