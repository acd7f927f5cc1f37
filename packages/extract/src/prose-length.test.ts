import { describe, expect, it } from 'vitest';
import { proseLength } from './prose-length.js';

describe('proseLength', () => {
  it('is the length of a text in Latin, Cyrillic, Greek or Arabic script', () => {
    expect(proseLength('The council met on Tuesday.')).toBe(27);
    expect(proseLength('Совет собрался во вторник.')).toBe(26);
    expect(proseLength('')).toBe(0);
  });

  it('counts a Han character as three, a kana or Hangul syllable as two, punctuation and digits as one', () => {
    expect(proseLength('市交通局')).toBe(12);
    expect(proseLength('バスを')).toBe(6);
    expect(proseLength('버스')).toBe(4);
    expect(proseLength('2026年，')).toBe(4 + 3 + 1);
    expect(proseLength('豈')).toBe(3); // a compatibility ideograph
  });

  it('puts a Chinese story and its English translation within a factor of two of each other', () => {
    const chinese = '市交通运输局周三宣布，从下月起，全市二十条主要公交线路的末班车时间将延后一小时。';
    const english = "The city's transport bureau announced on Wednesday that from next month the last buses on twenty main routes will run an hour later.";
    expect(chinese.length * 2).toBeLessThan(english.length);
    const ratio = proseLength(english) / proseLength(chinese);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
