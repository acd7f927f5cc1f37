import { describe, expect, it } from 'vitest';
import { conflictingMonthSpellings } from './date-names.js';
import { parseDate } from './dates.js';

describe('parseDate: RFC 822 and its variants', () => {
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
    ['a leap second, as the second before it', 'Sat, 31 Dec 2016 23:59:60 GMT', '2016-12-31T23:59:59.000Z'],
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
    expect(parseDate(input)).toBe(expected);
  });
});

describe('parseDate: ISO 8601 / W3C-DTF / RFC 3339', () => {
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
    ['a leap second (RFC 3339 allows :60), as the second before it', '2016-12-31T23:59:60Z', '2016-12-31T23:59:59.000Z'],
    ['a leap second with an offset', '2016-12-31T15:59:60-08:00', '2016-12-31T23:59:59.000Z'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('parseDate: other written forms', () => {
  it.each([
    ['month-first English with a 12-hour clock and a zone', 'March 16, 2021 10:30 PM EST', '2021-03-17T03:30:00.000Z'],
    ['month-first English without a time', 'March 16, 2021', '2021-03-16T00:00:00.000Z'],
    ['an ordinal day', 'Tuesday 16th March 2021 09:00 GMT', '2021-03-16T09:00:00.000Z'],
    ['12 AM as midnight', 'Mar 16, 2021 12:15 AM GMT', '2021-03-16T00:15:00.000Z'],
    ['a zone said twice ("+0000 GMT")', 'Tue, 16 Mar 2021 10:00:00 +0000 GMT', '2021-03-16T10:00:00.000Z'],
    ['a zone name then its offset ("GMT +0200")', 'Tue, 16 Mar 2021 12:00:00 GMT +0200', '2021-03-16T10:00:00.000Z'],
    ['German MEZ', 'Di, 16 Mär 2021 11:00:00 MEZ', '2021-03-16T10:00:00.000Z'],
    ['a dotted day-first numeric date', '16.03.2021 11:00 +0100', '2021-03-16T10:00:00.000Z'],
    ['a dotted numeric date with a two-digit year', '16.03.21', '2021-03-16T00:00:00.000Z'],
    ['a year-first slashed date', '2021/03/16 10:00:00', '2021-03-16T10:00:00.000Z'],
    ['a slashed date whose first number cannot be a month', '16/03/2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['a slashed date whose second number cannot be a month (US order)', '03/16/2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['ISO 8601 basic format', '20210316T100000Z', '2021-03-16T10:00:00.000Z'],
    ['an ISO date with a named zone', '2021-03-16 05:00:00 EST', '2021-03-16T10:00:00.000Z'],
    ['a time glued to its offset', 'Tue, 16 Mar 2021 10:00:00+0100', '2021-03-16T09:00:00.000Z'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('parseDate: other languages', () => {
  it.each([
    ['German, RFC 822 shape', 'Di, 16 Mär 2021 10:00:00 +0100', '2021-03-16T09:00:00.000Z'],
    ['German, written out with "um"', 'Dienstag, 16. März 2021 um 10:00', '2021-03-16T10:00:00.000Z'],
    ['German, "Mai" and "Okt"', 'Mo, 03 Mai 2021 08:00:00 GMT', '2021-05-03T08:00:00.000Z'],
    ['Austrian "Jänner"', '5. Jänner 2021', '2021-01-05T00:00:00.000Z'],
    ['French, abbreviated with dots', 'mar., 16 févr. 2021 10:00:00 +0100', '2021-02-16T09:00:00.000Z'],
    ['French, written out with "à" and "10h30"', 'mercredi 17 mars 2021 à 10h30', '2021-03-17T10:30:00.000Z'],
    ['French "1er" and "août"', '1er août 2021', '2021-08-01T00:00:00.000Z'],
    ['Spanish with "de"', 'martes, 16 de marzo de 2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['Spanish where the day and month abbreviations are both "mar"', 'mar, 16 mar 2021 10:00:00 +0100', '2021-03-16T09:00:00.000Z'],
    ['Spanish "ene" and "dic"', 'lun, 04 ene 2021 10:00:00 GMT', '2021-01-04T10:00:00.000Z'],
    ['Italian', 'martedì 16 marzo 2021 ore 10:00', '2021-03-16T10:00:00.000Z'],
    ['Italian abbreviations', 'gio, 01 lug 2021 12:00:00 +0200', '2021-07-01T10:00:00.000Z'],
    ['Portuguese', 'terça-feira, 16 de março de 2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['Portuguese "out" and "dez"', 'sex, 01 out 2021 10:00:00 -0300', '2021-10-01T13:00:00.000Z'],
    ['Dutch with "om" and "mrt"', 'di 16 mrt 2021 om 10:00', '2021-03-16T10:00:00.000Z'],
    ['Dutch "mei"', 'zo, 02 mei 2021 10:00:00 +0200', '2021-05-02T08:00:00.000Z'],
    ['Swedish with "kl."', 'tisdag 16 mars 2021 kl. 10:00', '2021-03-16T10:00:00.000Z'],
    ['Polish, genitive month', 'wt, 16 marca 2021 10:00:00 +0100', '2021-03-16T09:00:00.000Z'],
    ['Czech', '16. března 2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['Russian, genitive month with "г."', '16 марта 2021 г. 10:00', '2021-03-16T10:00:00.000Z'],
    ['Russian, RFC 822 shape', 'Вт, 16 мар 2021 10:00:00 +0300', '2021-03-16T07:00:00.000Z'],
    ['Russian MSK', 'пт, 01 окт 2021 13:00:00 MSK', '2021-10-01T10:00:00.000Z'],
    ['Ukrainian', '16 березня 2021 10:00', '2021-03-16T10:00:00.000Z'],
    ['Turkish', '16 Mart 2021 Salı 10:00', '2021-03-16T10:00:00.000Z'],
    ['Finnish partitive', '16. maaliskuuta 2021 klo 10:00', '2021-03-16T10:00:00.000Z'],
    ['Chinese and Japanese, year first', '2021年3月16日', '2021-03-16T00:00:00.000Z'],
    ['Japanese with spaces and a time', '2021 年 3 月 16 日 10:00', '2021-03-16T10:00:00.000Z'],
    ['Korean', '2021년 3월 16일 10:00', '2021-03-16T10:00:00.000Z'],
    ['Korean dots with spaces', '2021. 3. 16.', '2021-03-16T00:00:00.000Z'],
    ['Korean dots with spaces, no last dot', '2021. 3. 16 10:00', '2021-03-16T10:00:00.000Z'],
    ['Indonesian, "pukul" and a dotted time in WIB', 'Senin, 12 Maret 2024 pukul 10.30 WIB', '2024-03-12T03:30:00.000Z'],
    ['Swahili', 'Jumanne, 12 Machi 2024', '2024-03-12T00:00:00.000Z'],
    ['Vietnamese, the month by its number', 'Thứ ba, 5 tháng 3 năm 2024 lúc 10:00', '2024-03-05T10:00:00.000Z'],
    ['Arabic with Arabic-Indic digits', 'الثلاثاء ١٢ مارس ٢٠٢٤', '2024-03-12T00:00:00.000Z'],
    ['Arabic, Levantine month', '12 آذار 2024', '2024-03-12T00:00:00.000Z'],
    ['an ISO day in Arabic-Indic digits', '٢٠٢٤-٠٣-١٢', '2024-03-12T00:00:00.000Z'],
    ['Persian digits and a Gregorian month', '۱۲ مارس ۲۰۲۴', '2024-03-12T00:00:00.000Z'],
    ['Hebrew, "in March"', '12 במרץ 2024', '2024-03-12T00:00:00.000Z'],
    ['Hindi', 'मंगलवार, 12 मार्च 2024', '2024-03-12T00:00:00.000Z'],
    ['Bengali digits', '১২ মার্চ ২০২৪', '2024-03-12T00:00:00.000Z'],
    ['Thai, a Buddhist-era year', '5 มีนาคม 2567', '2024-03-05T00:00:00.000Z'],
    ['Thai, abbreviated, a common-era year', '5 มี.ค. 2024', '2024-03-05T00:00:00.000Z'],
    ['full-width digits', '２０２４年３月５日', '2024-03-05T00:00:00.000Z'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('lists no spelling under two different months', () => {
    expect(conflictingMonthSpellings()).toEqual([]);
  });
});

describe('parseDate: refuses rather than guesses', () => {
  it.each([
    ['garbage', 'not a date at all'],
    ['an empty string', '   '],
    ['a bare number', '2'],
    ['a month and day without a year', 'May 5'],
    ['31 February', '2024-02-31T00:00:00Z'],
    ['29 February of a non-leap year', 'Thu, 29 Feb 2001 00:00:00 GMT'],
    ['hour 25', 'Tue, 10 Jun 2003 25:00:00 GMT'],
    ['minute 60', '2024-01-01T10:60:00Z'],
    ['second 61', '2016-12-31T23:59:61Z'],
    ['a zero placeholder date', '0000-00-00 00:00:00'],
    ['an unknown month', 'Tue, 10 Juno 2003 04:00:00 GMT'],
    ['an unknown day name', 'Tux, 10 Jun 2003 04:00:00 GMT'],
    ['a thirteenth month written in Chinese', '2021年13月16日'],
    ['a Chinese date inside other words', '发布于 2021年3月16日'],
    ['an ambiguous zone (IST)', 'Tue, 10 Jun 2003 04:00:00 IST'],
    ['a military zone (B)', 'Wed, 02 Oct 2002 08:00:00 B'],
    ['a military zone that is also a filler word (A, O, Y)', 'Wed, 02 Oct 2002 08:00:00 Y'],
    ['the military zone O after a time without seconds', 'Wed, 02 Oct 2002 08:00 O'],
    ['a one-digit numeric offset without a zone name', 'Tue, 10 Jun 2003 04:00:00 +5'],
    ['a three-digit year', 'Tue, 10 Jun 203 04:00:00 GMT'],
    ['trailing junk after an ISO date', '2024-01-01T00:00:00Z and more'],
    ['a slashed date that is 3 April in Europe and March 4 in the US', '03/04/2021'],
    ['a relative date', 'yesterday at 10:00'],
    ['a date with a word we do not know', 'Tue, 16 Mar 2021 10:00:00 Europe/Berlin'],
    ['two years', '16 Mar 2021 2022'],
    ['two contradicting zones', 'Tue, 16 Mar 2021 10:00:00 +0100 EST'],
    ['a 12-hour time past 12', 'Mar 16, 2021 13:00 PM'],
    ['a month-day pair without a year in another language', '16 marzo'],
    ['an offset beyond 14 hours', '2021-03-16T10:00:00+15:00'],
  ])('returns null for %s', (_label, input) => {
    expect(parseDate(input)).toBeNull();
  });
});
