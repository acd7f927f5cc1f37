import { describe, expect, it } from 'vitest';
import { filterTime, isCursorDate, storableTime } from './dates.js';

const at = (iso: string) => Date.parse(iso);

describe('filterTime', () => {
  it.each([
    ['2025-03-05', at('2025-03-05T00:00:00Z'), true],
    ['2025-03-05T10:00', at('2025-03-05T10:00:00Z'), false],
    ['2025-03-05 10:00:30', at('2025-03-05T10:00:30Z'), false],
    ['2025-03-05T10:00:30.1234Z', at('2025-03-05T10:00:30.123Z'), false],
    ['2025-03-05T10:00+02:00', at('2025-03-05T08:00:00Z'), false],
    ['2025-03-05t10:00-0130', at('2025-03-05T11:30:00Z'), false],
    ['2024-02-29', at('2024-02-29T00:00:00Z'), true],
    ['0050-06-01', at('0050-06-01T00:00:00Z'), true],
  ])('reads %j as an instant, a zone-less time in UTC', (value, time, bare) => {
    expect(filterTime(value)).toEqual({ time, bare });
  });

  it.each(['1', '2025', '2025-3-5', '20250305', 'March 5 2025', '2025-02-29', '2025-02-30', '2025-13-01', '2025-03-05T24:00', '2025-03-05T10:60', '2025-03-05T10:00+24:00', '+275760-09-13', '-000001-01-01', '2025-03-05T10'])(
    'refuses %j: not an ISO date or time, or no such day or hour',
    (value) => {
      expect(filterTime(value)).toBeNull();
    },
  );
});

describe('storableTime', () => {
  it('gives the ISO form of a time in the years 1-9999, and null for one outside them', () => {
    expect(storableTime('2025-03-05T10:00:00+02:00')).toBe('2025-03-05T08:00:00.000Z');
    expect(storableTime('0001-01-01T00:00:00.000Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(storableTime('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    for (const value of ['0000-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', 'yesterday', '', null, undefined]) expect(storableTime(value)).toBeNull();
  });
});

describe('isCursorDate', () => {
  it('takes only a date as toISOString writes it, within the years 1-9999', () => {
    expect(isCursorDate('2025-03-05T08:00:00.000Z')).toBe(true);
    for (const value of ['2025-03-05', '2025-03-05T08:00:00Z', '+010000-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', 'garbage', 5, null]) expect(isCursorDate(value)).toBe(false);
  });
});
