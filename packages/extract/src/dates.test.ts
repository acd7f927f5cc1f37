import { describe, expect, it } from 'vitest';
import { dateFromUrl, firstValidDate, monthDayOf, parseDate } from './dates.js';

const NOW = Date.parse('2024-12-01T00:00:00Z');
const parse = (text: string): string | null => parseDate(text, NOW);

describe('parseDate', () => {
  it('accepts ISO 8601 with or without zone, fraction and seconds', () => {
    expect(parse('2023-09-21T09:14:00+04:00')).toBe('2023-09-21T05:14:00.000Z');
    expect(parse('2023-09-21T09:14:00.123Z')).toBe('2023-09-21T09:14:00.123Z');
    expect(parse('2023-09-21T09:14+0400')).toBe('2023-09-21T05:14:00.000Z');
    expect(parse('2023-09-21 09:14:00')).toBe('2023-09-21T09:14:00.000Z');
    expect(parse('2023-09-21')).toBe('2023-09-21T00:00:00.000Z');
    expect(parse('2019-11-19 14:42:55Z')).toBe('2019-11-19T14:42:55.000Z');
    expect(parse('2023/09/21 09:14')).toBe('2023-09-21T09:14:00.000Z');
  });

  it('accepts RFC 822 / 1123 dates', () => {
    expect(parse('Thu, 21 Sep 2023 09:14:00 GMT')).toBe('2023-09-21T09:14:00.000Z');
    expect(parse('21 Sep 2023 09:14:00 +0200')).toBe('2023-09-21T07:14:00.000Z');
    expect(parse('Thu, 21 Sep 23 09:14 EDT')).toBe('2023-09-21T13:14:00.000Z');
    expect(parse('21 September 2023')).toBe('2023-09-21T00:00:00.000Z');
  });

  it('accepts English month-first dates', () => {
    expect(parse('November 19, 2019, 07:47 PM EST')).toBe('2019-11-20T00:47:00.000Z');
    expect(parse('Nov. 19, 2019')).toBe('2019-11-19T00:00:00.000Z');
    expect(parse('Tuesday, November 19th 2019 at 12:05 am')).toBe('2019-11-19T00:05:00.000Z');
  });

  it('refuses ambiguous, relative, impossible, ancient and future dates', () => {
    for (const text of ['03/04/2023', 'yesterday', '3 hours ago', 'Tuesday 14:00', '2023-02-30', '2023-13-01', '0001-01-01 00:00:00Z', '2031-01-01', 'Mayday 3, 2020', '19 Sep 2023 10:00 XYZ', '']) {
      expect(parse(text), text).toBeNull();
    }
  });
});

describe('firstValidDate', () => {
  it('skips candidates until one parses', () => {
    expect(firstValidDate([null, 'soon', undefined, '2023-09-21'], NOW)).toBe('2023-09-21T00:00:00.000Z');
    expect(firstValidDate([], NOW)).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it('reads a numeric date between separators in the path', () => {
    expect(dateFromUrl('https://example.com/news/2019/11/18/slug', NOW)).toBe('2019-11-18T00:00:00.000Z');
    expect(dateFromUrl('https://example.com/articles/2024-05-17+Why+and+how', NOW)).toBe('2024-05-17T00:00:00.000Z');
    expect(dateFromUrl('https://example.com/2019/11/slug', NOW)).toBeNull();
    expect(dateFromUrl('https://example.com/p?d=2019-11-18', NOW)).toBeNull();
  });

  it('reads a month written as a word', () => {
    expect(dateFromUrl('https://example.com/blog/2023/october/03/wine-styles/', NOW)).toBe('2023-10-03T00:00:00.000Z');
    expect(dateFromUrl('https://example.com/blog/2023/Sept/3/slug', NOW)).toBe('2023-09-03T00:00:00.000Z');
    expect(dateFromUrl('https://example.com/blog/2023/reviews/03/slug', NOW)).toBeNull();
  });
});

describe('monthDayOf', () => {
  it('reads a month and day printed without a year', () => {
    expect(monthDayOf('Apr 12')).toBe('-04-12');
    expect(monthDayOf(' September 3 ')).toBe('-09-03');
    expect(monthDayOf('12 Apr.')).toBe('-04-12');
    expect(monthDayOf('Apr 12, 2020')).toBeNull();
    expect(monthDayOf('Apr 32')).toBeNull();
    expect(monthDayOf('Page 12')).toBeNull();
  });
});
