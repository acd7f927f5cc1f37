import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, uniquePrefix } from '../../../test/support/services.js';
import { startReadLoop } from './read-loop.js';
import { connectRedis } from './redis-client.js';

/** The loop every blocking reader of a stream runs in, against the shared Redis (a key no one writes). */

describe('startReadLoop', () => {
  it('goes on after failed rounds, and stops a read blocked for ever at once', async () => {
    const redis = connectRedis(TEST_REDIS_URL);
    const rounds: string[] = [];
    let blocked = (): void => {};
    const reading = new Promise<void>((resolve) => (blocked = resolve));
    const loop = startReadLoop({
      redis,
      log: pino({ level: 'silent' }),
      what: 'test',
      round: async (connection) => {
        rounds.push(rounds.length < 3 ? 'fails' : 'blocks');
        if (rounds.length <= 3) throw new Error('Redis said no');
        blocked();
        // BLOCK 0 waits for ever: only stopping ends this round.
        await connection.xread('BLOCK', 0, 'STREAMS', `${uniquePrefix('read-loop')}:nothing`, '$');
      },
    });
    try {
      await reading;
      expect(rounds).toEqual(['fails', 'fails', 'fails', 'blocks']);
    } finally {
      await loop.stop();
      redis.disconnect();
    }
    expect(rounds).toHaveLength(4);
  });
});
