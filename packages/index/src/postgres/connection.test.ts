import { describe, expect, it } from 'vitest';
import { asIndexError } from './connection.js';

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
