import { describe, expect, it } from 'vitest';
import { forEachSegment, isSegmented } from './word-segments.js';

function segments(stretch: string): string[] {
  const out: string[] = [];
  let at = 0;
  forEachSegment(stretch, (start, end) => {
    // Every character in one segment, in order.
    expect(start).toBe(at);
    at = end;
    out.push(stretch.slice(start, end));
  });
  expect(at).toBe(stretch.length);
  return out;
}

describe('forEachSegment', () => {
  it('cuts Thai, Lao, Khmer and Burmese into words', () => {
    expect(segments('รัฐบาลไทยประกาศมาตรการใหม่วันนี้')).toEqual(['รัฐบาล', 'ไทย', 'ประกาศ', 'มาตรการ', 'ใหม่', 'วัน', 'นี้']);
    expect(segments('ລັດຖະບານລາວ')).toEqual(['ລັດຖະບານ', 'ລາວ']);
    expect(segments('រដ្ឋាភិបាលកម្ពុជា')).toEqual(['រដ្ឋាភិបាល', 'កម្ពុជា']);
    expect(segments('အစိုးရသည်')).toEqual(['အစိုးရ', 'သည်']);
  });

  it('cuts a stretch longer than a piece as it cuts it whole, every word once', () => {
    // (The leading word puts the pieces' ends inside words.)
    const stretch = `ข่าว${'รัฐบาลไทยประกาศมาตรการใหม่วันนี้'.repeat(150)}`;
    const whole = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(stretch)].map((segment) => segment.segment);
    expect(stretch.length).toBeGreaterThan(4000);
    expect(segments(stretch)).toEqual(whole);
  });

  it('goes on through a stretch with no word in it', () => {
    expect(segments('ก'.repeat(5000)).join('')).toBe('ก'.repeat(5000));
  });
});

describe('isSegmented', () => {
  it('tells the four scripts from the others', () => {
    for (const char of ['ก', 'ໆ', 'ក', '៙', 'မ', 'ꧠ', 'ꩠ']) expect(isSegmented(char.charCodeAt(0)), char).toBe(true);
    for (const char of ['a', 'é', 'д', 'क', '東', '가', 'ሀ']) expect(isSegmented(char.charCodeAt(0)), char).toBe(false);
  });
});
