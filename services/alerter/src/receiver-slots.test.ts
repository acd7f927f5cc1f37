import { describe, expect, it } from 'vitest';
import { ReceiverSlots } from './receiver-slots.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const grant = (outcome: ReturnType<ReceiverSlots['acquire']>) => {
  if (!outcome.granted) throw new Error(`refused: wait ${outcome.waitMs} ms`);
  return outcome;
};

describe('ReceiverSlots', () => {
  it('gives each receiver (origin) its own share of slots', () => {
    const clock = fakeClock();
    const slots = new ReceiverSlots(10_000, 2, clock.now);
    grant(slots.acquire('https://hangs.example/a'));
    grant(slots.acquire('https://hangs.example/b'));
    expect(slots.acquire('https://hangs.example/a').granted).toBe(false);
    // Another receiver, and the same host on another port, are not held back.
    grant(slots.acquire('https://works.example/hook'));
    grant(slots.acquire('https://hangs.example:8443/a'));
  });

  it('spaces the deliveries that wait, one step apart, wider the longer the receiver holds them', () => {
    const clock = fakeClock();
    const slots = new ReceiverSlots(10_000, 2, clock.now);
    grant(slots.acquire('https://hangs.example/'));
    grant(slots.acquire('https://hangs.example/'));
    const waits = [1, 2, 3].map(() => slots.acquire('https://hangs.example/'));
    // Nothing timed yet: taken to last a second, so with two slots one frees about every 500 ms.
    expect(waits).toEqual([500, 1_000, 1_500].map((waitMs) => ({ granted: false, waitMs })));
    clock.advance(8_000);
    // Held 8 s already: a slot may stay taken that long again, so the next one waits half of it (two slots).
    expect(slots.acquire('https://hangs.example/')).toEqual({ granted: false, waitMs: 4_000 });
    expect(slots.acquire('https://hangs.example/')).toEqual({ granted: false, waitMs: 8_000 });
  });

  it('frees a slot on release, once, and times the receiver by its deliveries', () => {
    const clock = fakeClock();
    const slots = new ReceiverSlots(10_000, 1, clock.now);
    const first = grant(slots.acquire('https://slow.example/'));
    clock.advance(3_000);
    first.release();
    first.release();
    const second = grant(slots.acquire('https://slow.example/'));
    expect(slots.acquire('https://slow.example/')).toEqual({ granted: false, waitMs: 3_000 });
    second.release();
  });

  it('never spaces waiting deliveries further apart than the delivery timeout', () => {
    const clock = fakeClock();
    const slots = new ReceiverSlots(2_000, 1, clock.now);
    grant(slots.acquire('https://hangs.example/'));
    clock.advance(60_000);
    expect(slots.acquire('https://hangs.example/')).toEqual({ granted: false, waitMs: 2_000 });
  });
});
