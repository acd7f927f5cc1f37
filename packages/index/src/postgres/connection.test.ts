import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Connections, asIndexError } from './connection.js';
import { TEST_POSTGRES_URL } from '../testing/test-database.js';

const pgError = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('asIndexError', () => {
  it('makes an unreachable or departing server `unavailable` (the job waits for it), by code', () => {
    for (const error of [pgError('ECONNREFUSED'), pgError('ECONNRESET'), pgError('57P01'), pgError('57P03'), pgError('08006'), pgError('53300'), new Error('Connection terminated unexpectedly')]) {
      expect(asIndexError(error, 'upsert article'), String((error as { code?: string }).code)).toMatchObject({ code: 'unavailable', permanent: false });
    }
  });

  it('keeps other database failures retryable `io`, and text the database cannot hold a permanent `invalid-payload`', () => {
    expect(asIndexError(pgError('40001'), 'claim items')).toMatchObject({ code: 'io', permanent: false });
    expect(asIndexError(pgError('53100'), 'claim items')).toMatchObject({ code: 'io', permanent: false });
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
