import { describe, expect, it } from 'vitest';
import { evaluatePairs, loadStoryFixture } from '../../../test/fixtures/stories/load.js';
import { MemoryStoryState, StoryGrouper } from './index.js';

describe('grouping the labelled fixture', () => {
  it('reaches precision and recall of 0.95 on the labelled pairs (as bench:stories prints)', async () => {
    const fixture = loadStoryFixture();
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(200);
    const scores = await evaluatePairs(fixture, new StoryGrouper(new MemoryStoryState()));
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
  });
});
