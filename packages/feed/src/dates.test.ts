import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './dates.js';

describe('parseFeedDate: RFC 822 and its variants', () => {
  it.each([
    ['the canonical RSS form with GMT', 'Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['a numeric positive offset', 'Wed, 02 Oct 2002 15:00:00 +0200', '2002-10-02T13:00:00.000Z'],
    ['a numeric negative offset with a colon', 'Wed, 02 Oct 2002 08:00:00 -05:30', '2002-10-02T13:30:00.000Z'],
    ['EST', 'Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['EDT', 'Wed, 02 Oct 2002 09:00:00 EDT', '2002-10-02T13:00:00.000Z'],
    ['CST', 'Wed, 02 Oct 2002 07:00:00 CST', '2002-10-02T13:00:00.000Z'],
    ['CDT', 'Wed, 02 Oct 2002 08:00:00 CDT', '2002-10-02T13:00:00.000Z'],
    ['MST', 'Wed, 02 Oct 2002 06:00:00 MST', '2002-10-02T13:00:00.000Z'],
    ['MDT', 'Wed, 02 Oct 2002 07:00:00 MDT', '2002-10-02T13:00:00.000Z'],
    ['PST', 'Wed, 02 Oct 2002 05:00:00 PST', '2002-10-02T13:00:00.000Z'],
    ['PDT', 'Wed, 02 Oct 2002 06:00:00 PDT', '2002-10-02T13:00:00.000Z'],
    ['UT', 'Wed, 02 Oct 2002 13:00:00 UT', '2002-10-02T13:00:00.000Z'],
    ['Z', 'Wed, 02 Oct 2002 13:00:00 Z', '2002-10-02T13:00:00.000Z'],
    ['"GMT+2"', 'Wed, 02 Oct 2002 15:00:00 GMT+2', '2002-10-02T13:00:00.000Z'],
    ['"GMT-0330"', 'Wed, 02 Oct 2002 09:30:00 GMT-0330', '2002-10-02T13:00:00.000Z'],
    ['a two-digit year before 50 (20xx)', 'Sat, 07 Sep 02 00:00:00 GMT', '2002-09-07T00:00:00.000Z'],
    ['a two-digit year from 50 (19xx)', 'Sun, 07 Sep 97 00:00:00 GMT', '1997-09-07T00:00:00.000Z'],
    ['missing seconds', 'Tue, 10 Jun 2003 04:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['a missing zone, taken as UTC', 'Tue, 10 Jun 2003 04:00:00', '2003-06-10T04:00:00.000Z'],
    ['no day name and a one-digit day', '1 Jan 2024 10:00:00 +0000', '2024-01-01T10:00:00.000Z'],
    ['full day and month names', 'Tuesday, 10 June 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['"Sept"', 'Mon, 1 Sept 2003 04:00:00 GMT', '2003-09-01T04:00:00.000Z'],
    ['lower-case names and extra spaces', 'tue,  10 jun 2003   04:00:00 gmt', '2003-06-10T04:00:00.000Z'],
    ['a trailing zone comment', 'Mon, 01 Jan 2024 10:00:00 +0000 (UTC)', '2024-01-01T10:00:00.000Z'],
    ['the RFC 850 dashed form', 'Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['a date with no time', '10 Jun 2003', '2003-06-10T00:00:00.000Z'],
    ["JavaScript's Date#toString form", 'Mon Jan 01 2024 10:00:00 GMT+0100 (Central European Standard Time)', '2024-01-01T09:00:00.000Z'],
    ['an offset that crosses midnight', 'Mon, 31 Dec 2001 23:30:00 -0100', '2002-01-01T00:30:00.000Z'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });
});

describe('parseFeedDate: ISO 8601 / W3C-DTF / RFC 3339', () => {
  it.each([
    ['UTC with Z', '2005-07-31T12:29:29Z', '2005-07-31T12:29:29.000Z'],
    ['a negative offset', '2005-07-31T08:29:29-04:00', '2005-07-31T12:29:29.000Z'],
    ['an offset without a colon', '2005-07-31T14:29:29+0200', '2005-07-31T12:29:29.000Z'],
    ['an hours-only offset', '2005-07-31T14:29:29+02', '2005-07-31T12:29:29.000Z'],
    ['fractional seconds, truncated to milliseconds', '2024-05-02T08:15:30.2509+12:00', '2024-05-01T20:15:30.250Z'],
    ['minutes without seconds (W3C-DTF)', '2024-03-01T10:00+02:00', '2024-03-01T08:00:00.000Z'],
    ['no zone, taken as UTC', '2024-03-01T10:00:00', '2024-03-01T10:00:00.000Z'],
    ['a space instead of T', '2024-03-01 10:00:00', '2024-03-01T10:00:00.000Z'],
    ['a date only', '2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['a year and month only', '2003-12', '2003-12-01T00:00:00.000Z'],
    ['lower-case t and z (RFC 3339 allows them)', '2005-07-31t12:29:29z', '2005-07-31T12:29:29.000Z'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });
});

describe('parseFeedDate: refuses rather than guesses', () => {
  it.each([
    ['garbage', 'not a date at all'],
    ['an empty string', '   '],
    ['a bare number', '2'],
    ['a month and day without a year', 'May 5'],
    ['31 February', '2024-02-31T00:00:00Z'],
    ['29 February of a non-leap year', 'Thu, 29 Feb 2001 00:00:00 GMT'],
    ['hour 25', 'Tue, 10 Jun 2003 25:00:00 GMT'],
    ['minute 60', '2024-01-01T10:60:00Z'],
    ['a zero placeholder date', '0000-00-00 00:00:00'],
    ['an unknown month', 'Tue, 10 Juno 2003 04:00:00 GMT'],
    ['an unknown day name', 'Tux, 10 Jun 2003 04:00:00 GMT'],
    ['an ambiguous zone (IST)', 'Tue, 10 Jun 2003 04:00:00 IST'],
    ['a one-digit numeric offset without a zone name', 'Tue, 10 Jun 2003 04:00:00 +5'],
    ['a three-digit year', 'Tue, 10 Jun 203 04:00:00 GMT'],
    ['trailing junk after an ISO date', '2024-01-01T00:00:00Z and more'],
  ])('returns null for %s', (_label, input) => {
    expect(parseFeedDate(input)).toBeNull();
  });
});
