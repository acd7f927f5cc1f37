import type { FeedItem } from '@tidings/contracts';
import type { CorpusCase } from './corpus-case.js';

/** Items whose published dates are these, in order. */
const published = (...dates: (string | null)[]): Partial<FeedItem>[] => dates.map((publishedAt) => ({ publishedAt }));
const unparseable = (...raw: string[]) => raw.map((date, index) => `item ${index + 1}: unparseable date "${date}"`);

/** Dates as ISO 8601 UTC from every form feeds write them in, or null with a warning: never a wrong date. */
export const DATE_CASES: CorpusCase[] = [
  { file: 'dates/rfc822-gmt.xml', checks: 'RFC 822 in GMT', items: published('2003-06-10T04:00:00.000Z'), warnings: 'none' },
  {
    file: 'dates/rfc822-numeric-offsets.xml',
    checks: 'RFC 822 numeric offsets, positive, negative with half hours, and zero',
    items: published('2002-10-02T13:00:00.000Z', '2002-10-02T13:30:00.000Z', '2002-10-02T13:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-us-zones.xml',
    checks: 'RFC 822 US zone names (EST, EDT, PST, PDT, CST, MDT) all land on one instant',
    items: published(...Array<string>(6).fill('2002-10-02T13:00:00.000Z')),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-gmt-plus-hours.xml',
    checks: '"GMT+2", "GMT-3" and "UTC+01:00" zones',
    items: published('2002-10-02T13:00:00.000Z', '2002-10-02T13:00:00.000Z', '2002-10-02T13:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-two-digit-year.xml',
    checks: 'two-digit years: 02 is 2002, 97 is 1997 (RFC 2822 section 4.3)',
    items: published('2002-09-07T00:00:00.000Z', '1997-09-07T00:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-no-seconds.xml',
    checks: 'times without seconds, with a one-digit hour',
    items: published('2003-06-10T04:00:00.000Z', '2003-06-10T03:05:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-no-zone.xml',
    checks: 'a missing zone is taken as UTC; a missing time as midnight',
    items: published('2003-06-10T04:00:00.000Z', '2003-06-10T00:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-no-day-name.xml',
    checks: 'no day name, one-digit day, full month name',
    items: published('2024-01-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/rfc822-full-names-and-case.xml',
    checks: 'full day names, lower case, upper case and runs of spaces',
    items: published(...Array<string>(3).fill('2003-06-10T04:00:00.000Z')),
    warnings: 'none',
  },
  { file: 'dates/rfc850-dashes.xml', checks: "RFC 850's dashed form with a two-digit year", items: published('1994-11-06T08:49:37.000Z'), warnings: 'none' },
  {
    file: 'dates/rfc822-european-zones.xml',
    checks: 'common unambiguous zone names: CET, CEST, MSK, JST',
    items: published('2021-03-16T10:00:00.000Z', '2021-06-15T10:00:00.000Z', '2021-03-16T10:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/js-date-string.xml',
    checks: "JavaScript's Date#toString form with its zone comment",
    items: published('2024-01-01T09:00:00.000Z'),
    warnings: 'none',
  },
  { file: 'dates/iso-utc.xml', checks: 'W3C-DTF in UTC (dc:date)', items: published('2005-07-31T12:29:29.000Z'), warnings: 'none' },
  {
    file: 'dates/iso-offsets.xml',
    checks: 'ISO 8601 offsets with and without a colon, and hours only',
    items: published(...Array<string>(3).fill('2005-07-31T12:29:29.000Z')),
    warnings: 'none',
  },
  {
    file: 'dates/iso-no-zone.xml',
    checks: 'ISO 8601 without a zone is UTC, with a T or a space',
    items: published('2024-03-01T10:00:00.000Z', '2024-03-01T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/iso-fraction.xml',
    checks: 'fractional seconds are truncated to milliseconds and the offset crosses midnight',
    items: published('2024-05-01T20:15:30.250Z'),
    warnings: 'none',
  },
  {
    file: 'dates/w3cdtf-reduced.xml',
    checks: 'W3C-DTF reduced precision: a date only (29 February of a leap year), a month only, minutes without seconds',
    items: published('2024-02-29T00:00:00.000Z', '2003-12-01T00:00:00.000Z', '2003-12-31T09:00:00.000Z'),
    warnings: 'none',
  },
  { file: 'dates/iso-in-pubdate.xml', checks: 'an ISO 8601 date in an RSS pubDate', items: published('2021-03-16T10:00:00.000Z'), warnings: 'none' },
  {
    file: 'dates/date-german.xml',
    checks: 'German day and month names (Di, Mär, Mai, Dienstag, März) and "um"',
    items: published('2021-03-16T09:00:00.000Z', '2021-05-03T08:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-french.xml',
    checks: 'French names with dots (mar., févr.), "à", "10h30" and "1er août"',
    items: published('2021-02-16T09:00:00.000Z', '2021-03-17T10:30:00.000Z', '2021-08-01T00:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-spanish.xml',
    checks: 'Spanish names, "mar" as both martes and marzo, "de", "ene"',
    items: published('2021-03-16T09:00:00.000Z', '2021-03-16T10:00:00.000Z', '2021-01-04T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-italian.xml',
    checks: 'Italian names (mar, gio, lug, martedì, marzo) and "ore"',
    items: published('2021-03-16T09:00:00.000Z', '2021-07-01T10:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-portuguese.xml',
    checks: 'Portuguese names (ter, sex, out, terça-feira, março)',
    items: published('2021-03-16T13:00:00.000Z', '2021-10-01T13:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-dutch.xml',
    checks: 'Dutch names (di, mrt, zo, mei, dinsdag, maart) and "om"',
    items: published('2021-03-16T09:00:00.000Z', '2021-05-02T08:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-russian.xml',
    checks: 'Russian names (Вт, мар, марта, окт), "г." and MSK',
    items: published('2021-03-16T07:00:00.000Z', '2021-03-16T10:00:00.000Z', '2021-10-01T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-polish-czech.xml',
    checks: 'Polish and Czech genitive month names (marca, března)',
    items: published('2021-03-16T09:00:00.000Z', '2021-03-16T10:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-nordic.xml',
    checks: 'Swedish and Danish/Norwegian names and "kl."',
    items: published('2021-03-16T10:00:00.000Z', '2021-03-16T09:00:00.000Z'),
    warnings: 'none',
  },
  {
    file: 'dates/date-numeric.xml',
    checks: 'numeric dates whose order is certain: dotted day-first, year-first, a first number above 12',
    items: published(...Array<string>(3).fill('2021-03-16T10:00:00.000Z')),
    warnings: 'none',
  },
  {
    file: 'dates/date-unparseable.xml',
    checks: 'garbage, a relative date, an ambiguous 03/04/2021 and an unknown zone give null and a warning each',
    items: published(null, null, null, null),
    warnings: unparseable('not a date at all', 'yesterday', '03/04/2021', 'Tue, 10 Jun 2003 04:00:00 Europe/Berlin'),
  },
  {
    file: 'dates/date-impossible.xml',
    checks: '31 February, month 13, hour 25 and the all-zero placeholder give null and a warning each',
    items: published(null, null, null, null),
    warnings: unparseable('Thu, 31 Feb 2019 10:00:00 GMT', '2024-13-01T00:00:00Z', 'Tue, 10 Jun 2003 25:00:00 GMT', '0000-00-00 00:00:00'),
  },
  {
    file: 'dates/date-ambiguous-zone.xml',
    checks: 'ambiguous zone names (IST, BST) give null and a warning rather than a guess',
    items: published(null, null),
    warnings: unparseable('Tue, 10 Jun 2003 04:00:00 IST', 'Tue, 10 Jun 2003 04:00:00 BST'),
  },
  {
    file: 'dates/channel-dates.xml',
    checks: "the channel's lastBuildDate is its update time, before its pubDate",
    feed: { updatedAt: '2003-06-10T09:41:01.000Z' },
    warnings: 'none',
  },
  {
    file: 'dates/fallback-dates.xml',
    checks: 'an unparseable pubDate falls back to dc:date, with a warning about the bad one',
    items: published('2020-02-02T02:02:02.000Z'),
    warnings: unparseable('soon'),
  },
  {
    file: 'dates/atom-dates.xml',
    checks: 'Atom published and updated with offsets and fractions, an entry with only updated, lower-case t and z',
    feed: { updatedAt: '2024-01-01T23:00:00.000Z' },
    items: [
      { publishedAt: '2024-01-01T13:00:00.000Z', updatedAt: '2024-01-01T14:00:00.500Z' },
      { publishedAt: null, updatedAt: '2024-01-03T00:00:00.000Z' },
      { publishedAt: '2005-07-31T12:29:29.000Z', updatedAt: null },
    ],
    warnings: 'none',
  },
  {
    file: 'dates/json-dates.json',
    checks: 'JSON Feed date_published and date_modified (RFC 3339, and RFC 822 read too); a bad one is null with a warning',
    items: [
      { publishedAt: '2010-02-07T19:04:00.000Z', updatedAt: '2010-02-08T00:00:00.000Z' },
      { publishedAt: '2010-02-07T19:04:00.000Z' },
      { publishedAt: null },
    ],
    warnings: ['item 3: unparseable date "someday"'],
  },
];
