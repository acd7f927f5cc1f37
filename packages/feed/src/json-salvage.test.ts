import { describe, expect, it } from 'vitest';
import { salvageJson } from './json-salvage.js';

describe('salvageJson', () => {
  it('closes a document cut inside its items after the last whole item', () => {
    const text = '{"title": "t", "items": [{"id": 1}, {"id": 2, "tags": ["a"]}, {"id": 3, "title": "cu';
    expect(salvageJson(text)?.value).toEqual({ title: 't', items: [{ id: 1 }, { id: 2, tags: ['a'] }] });
  });

  it('drops junk after a complete document', () => {
    expect(salvageJson('{"items": [1]}\n<b>Warning</b>')).toEqual({ value: { items: [1] }, droppedChars: 15 });
  });

  it('is not fooled by brackets and escaped quotes inside strings', () => {
    expect(salvageJson('{"items": [{"t": "a } ] \\" {"}, {"t": "b')?.value).toEqual({ items: [{ t: 'a } ] " {' }] });
  });

  it('gives null when no prefix can be made to parse', () => {
    expect(salvageJson('{"title": ')).toBeNull();
    expect(salvageJson('nothing')).toBeNull();
  });
});
