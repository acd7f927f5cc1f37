import { describe, expect, it } from 'vitest';
import { MemoryStoryState, StoryGrouper, type StoryInput } from './index.js';

/** `n` pseudo-random words (from 20,000) for `seed`: different seeds share words but no phrases. */
const paragraph = (seed: number, n: number) =>
  Array.from({ length: n }, (_, i) => {
    let h = Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return `w${((h ^ (h >>> 13)) >>> 0) % 20_000}`;
  }).join(' ');
const story = (id: string, seed: number, extra: Partial<StoryInput> = {}): StoryInput => ({
  id,
  title: `Headline ${seed}`,
  text: `${paragraph(seed, 200)}.\n\n${paragraph(seed + 1, 200)}.`,
  publishedAt: '2026-11-20T10:00:00Z',
  site: 'example.org',
  ...extra,
});

describe('StoryGrouper', () => {
  it('puts a trimmed, retitled copy in the story of its original, named after the original', async () => {
    const grouper = new StoryGrouper(new MemoryStoryState());
    const original = story('a1', 1);
    expect(await grouper.assign(original)).toEqual({ storyId: 'a1', reason: 'new', matchedId: null });
    const copy = { ...story('a2', 1), title: 'UPDATE 1-Headline', text: `By Staff\n\n${paragraph(1, 150)}.` , site: 'wire.example' };
    expect(await grouper.assign(copy)).toMatchObject({ storyId: 'a1', reason: 'duplicate', matchedId: 'a1' });
    expect(await grouper.assign(story('b1', 50))).toMatchObject({ storyId: 'b1', reason: 'new' });
  });

  it('keeps an article in its story when it comes again', async () => {
    const grouper = new StoryGrouper(new MemoryStoryState());
    await grouper.assign(story('a1', 1));
    await grouper.assign(story('a2', 1));
    expect(await grouper.assign(story('a2', 1))).toEqual({ storyId: 'a1', reason: 'known', matchedId: null });
  });

  it('does not join copies published outside the window', async () => {
    const grouper = new StoryGrouper(new MemoryStoryState(), { duplicateWindowMs: 86_400_000 });
    await grouper.assign(story('a1', 1));
    expect(await grouper.assign(story('a2', 1, { publishedAt: '2026-11-25T10:00:00Z' }))).toMatchObject({ storyId: 'a2', reason: 'new' });
  });

  it('joins another outlet\u2019s write-up of the same event by its rare names and title words', async () => {
    const state = new MemoryStoryState();
    const grouper = new StoryGrouper(state);
    // Background articles, so that common words are common.
    for (let i = 0; i < 30; i += 1) await grouper.assign(story(`bg${i}`, 100 + i * 3));
    const first = {
      id: 'e1',
      title: 'Zorvath Mining halts Kelmoor mine after flooding',
      text: `${paragraph(400, 120)}. Workers at Zorvath Mining left the Kelmoor pit on Tuesday. Chief executive Anya Brevik said the Kelmoor site would stay shut. ${paragraph(401, 80)}.`,
      publishedAt: '2026-11-20T09:00:00Z',
      site: 'one.example',
    };
    const second = {
      id: 'e2',
      title: 'Flooding shuts Kelmoor mine, Zorvath Mining says',
      text: `${paragraph(900, 100)}. Anya Brevik of Zorvath Mining confirmed that Kelmoor was flooded. The Kelmoor mine employs many. ${paragraph(901, 90)}.`,
      publishedAt: '2026-11-20T15:00:00Z',
      site: 'two.example',
    };
    await grouper.assign(first);
    expect(await grouper.assign(second)).toMatchObject({ storyId: 'e1', reason: 'event', matchedId: 'e1' });
    expect(await state.story('e1')).toMatchObject({ storyId: 'e1', size: 2, sites: ['one.example', 'two.example'] });
    // The same names two weeks later are a new story.
    expect(await grouper.assign({ ...second, id: 'e3', publishedAt: '2026-12-04T15:00:00Z' })).toMatchObject({ storyId: 'e3', reason: 'new' });
  });
});
