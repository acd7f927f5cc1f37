import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Connections, asIndexError, sessionOptions } from './connection.js';
import { TEST_POSTGRES_URL } from '../testing/test-database.js';

const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('asIndexError', () => {
  it('makes an unreachable or departing server `unavailable` (the job waits for it), by code', () => {
    for (const error of [pgError('ECONNREFUSED'), pgError('ECONNRESET'), pgError('57P01'), pgError('57P03'), pgError('08006'), pgError('53300'), new Error('Connection terminated unexpectedly')]) {
      expect(asIndexError(error, 'upsert article'), String((error as { code?: string }).code)).toMatchObject({ code: 'unavailable', permanent: false });
    }
  });

  it('makes a server that cannot take writes for now (read-only after a failover, disk full, out of memory) `unavailable` too', () => {
    for (const code of ['25006', '53100', '53200']) expect(asIndexError(pgError(code), 'upsert article'), code).toMatchObject({ code: 'unavailable', permanent: false });
  });

  it('keeps other database failures retryable `io`, and text the database cannot hold a permanent `invalid-payload`', () => {
    expect(asIndexError(pgError('40001'), 'claim items')).toMatchObject({ code: 'io', permanent: false });
    expect(asIndexError(pgError('57014'), 'claim items')).toMatchObject({ code: 'io', permanent: false });
    expect(asIndexError(pgError('22021'), 'search')).toMatchObject({ code: 'invalid-payload', permanent: true });
  });
});

describe('Connections#transaction', () => {
  it('runs the prelude in the round trip of BEGIN, before the settings, and hands its result to the body', async () => {
    const connections = new Connections(new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 }));
    try {
      const seen = await connections.transaction(
        'test',
        'REPEATABLE READ READ ONLY',
        async (client, prelude) => ({
          prelude: prelude?.rows,
          inside: (await client.query<{ mem: string; iso: string }>("SELECT current_setting('work_mem') AS mem, current_setting('transaction_isolation') AS iso")).rows,
        }),
        { prelude: "SELECT current_setting('work_mem') <> '7MB' AS unset, current_setting('transaction_isolation') AS iso", settings: { work_mem: '7MB' } },
      );
      expect(seen).toEqual({ prelude: [{ unset: true, iso: 'repeatable read' }], inside: [{ mem: '7MB', iso: 'repeatable read' }] });
      // Without a prelude the body gets none.
      expect(await connections.transaction('test', 'READ COMMITTED', async (_client, prelude) => prelude)).toBeUndefined();
    } finally {
      await connections.end();
    }
  });
});

describe('Connections#transaction when a statement of its BEGIN fails', () => {
  // A cancelled lock wait or a timed-out prelude left the connection in an aborted transaction, back in the pool:
  // every later query on it failed with 25P02, and index jobs failed for good (a chaos audit with PostgreSQL).
  it('ends the transaction, so the connection goes back to the pool usable', async () => {
    const connections = new Connections(new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 }));
    try {
      const failed = await connections.transaction('test', 'READ COMMITTED', async () => 'ran', { prelude: 'SELECT 1/0' }).catch((error: unknown) => error);
      expect(failed).toMatchObject({ code: 'io' });
      expect(await connections.withClient('test', async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows)).toEqual([{ one: 1 }]);
      expect(await connections.transaction('test', 'READ COMMITTED', async () => 'ran')).toBe('ran');
    } finally {
      await connections.end();
    }
  });
});

describe('sessionOptions', () => {
  it('gives a statement that can only scan sequentially its plan without compiling it first', async () => {
    const schema = `session_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.feeds (id text PRIMARY KEY, tags text[] NOT NULL)`);
      await admin.query(`INSERT INTO ${schema}.feeds SELECT 'f' || i, ARRAY['t' || i] FROM generate_series(1, 100) AS i`);
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: sessionOptions(schema) });
      await client.connect();
      try {
        const explain = "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM feeds WHERE EXISTS (SELECT 1 FROM unnest(tags) AS t WHERE lower(t) = 'x')";
        const plan = (await client.query<{ 'QUERY PLAN': Array<{ Plan: { 'Node Type': string; Plans?: unknown[] }; JIT?: unknown }> }>(explain)).rows[0]?.['QUERY PLAN'][0];
        expect(plan?.Plan['Node Type']).toBe('Seq Scan');
        expect(plan?.JIT).toBeUndefined();
        // The same statement on a connection without the options' jit setting, where PostgreSQL has JIT: compiled.
        const jitAvailable = (await admin.query<{ on: boolean }>("SELECT pg_jit_available() AND current_setting('jit')::boolean AS on")).rows[0]?.on;
        if (jitAvailable) {
          await admin.query(`SET search_path = ${schema}; SET enable_seqscan = off`);
          expect((await admin.query<{ 'QUERY PLAN': Array<{ JIT?: unknown }> }>(explain)).rows[0]?.['QUERY PLAN'][0]?.JIT).toBeDefined();
        }
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
