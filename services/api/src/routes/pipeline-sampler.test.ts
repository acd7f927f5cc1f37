import { describe, expect, it } from 'vitest';
import { PipelineSampler } from './pipeline-sampler.js';

const until = (check: () => boolean) => expect.poll(check, { timeout: 10_000, interval: 10 }).toBe(true);

describe('PipelineSampler: one read per interval, shared by every watcher', () => {
  it('sends each sample to every listener, reading once per tick whatever the number of listeners', async () => {
    let counter = 0;
    const sampler = new PipelineSampler(async () => ({ n: ++counter }), 20);
    const seen: Array<Array<number>> = [[], [], []];
    const stops = seen.map((list) => sampler.subscribe((sample) => list.push(sample.n)));
    await until(() => seen.every((list) => list.length >= 5));
    for (const stop of stops) stop();
    // Every listener got the same samples, and there was one read per sample, not one per listener.
    const common = Math.min(...seen.map((list) => list.length));
    expect(seen[1]!.slice(0, common)).toEqual(seen[0]!.slice(0, common));
    expect(seen[2]!.slice(0, common)).toEqual(seen[0]!.slice(0, common));
    expect(sampler.reads).toBeLessThanOrEqual(Math.max(...seen.map((list) => list.length)) + 1);
    sampler.close();
  });

  it('stops reading when nobody listens, and a one-off request reuses a fresh sample', async () => {
    let reads = 0;
    let clock = 1_000;
    const sampler = new PipelineSampler(async () => ++reads, 60_000, () => {}, () => clock);
    expect((await sampler.latest()).sample).toBe(1);
    expect((await sampler.latest()).sample).toBe(1);
    clock += 60_000;
    expect((await sampler.latest()).sample).toBe(2);
    // Concurrent requests share the read in flight.
    clock += 60_000;
    const [a, b] = await Promise.all([sampler.latest(), sampler.latest()]);
    expect([a.sample, b.sample]).toEqual([3, 3]);
    expect(sampler.listening).toBe(0);
    sampler.close();
  });

  it('gives a new watcher a fresh sample, never one left from before the timer stopped', async () => {
    let reads = 0;
    let clock = 1_000;
    const sampler = new PipelineSampler(async () => ++reads, 60_000, () => {}, () => clock);
    const first: number[] = [];
    const stopFirst = sampler.subscribe((sample) => first.push(sample));
    await until(() => first.length === 1);
    stopFirst();
    clock += 10 * 60_000;
    const second: number[] = [];
    const stopSecond = sampler.subscribe((sample) => second.push(sample));
    await until(() => second.length === 1);
    expect(second).toEqual([2]);
    stopSecond();
    sampler.close();
  });

  it('reports a failed read and carries on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const sampler = new PipelineSampler(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('redis down');
        return calls;
      },
      20,
      (error) => errors.push(error),
    );
    const got: number[] = [];
    const stop = sampler.subscribe((sample) => got.push(sample));
    await until(() => got.length > 0);
    stop();
    sampler.close();
    expect(errors).toHaveLength(1);
  });
});
