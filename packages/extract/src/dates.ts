/**
 * Dates read from a page's metadata and text, through the one strict date
 * parser (`parseDate` of @tidings/text, which feeds use too): ISO 8601 and its
 * relatives, RFC 822/1123, and dates written with month names in the common
 * languages. "03/04/2023", "yesterday" or "Tuesday 14:00" are refused: a
 * missing date is better than a wrong one. A page's date must also be
 * believable: not before 1970, not more than two days ahead.
 */
import { parseDate as parseExactDate } from '@tidings/text';

/** How far in the future a date may lie and still be believed (clock skew, wrong zone). */
const FUTURE_TOLERANCE_MS = 2 * 24 * 3600 * 1000;
const EARLIEST = Date.UTC(1970, 0, 1);

/**
 * A date string in an unambiguous format as ISO 8601 UTC
 * ("2023-09-20T12:30:00.000Z"); null for anything else, for impossible dates
 * (2023-02-30), and for dates before 1970 or more than two days after `now`.
 */
export function parseDate(raw: string | null | undefined, now: number = Date.now()): string | null {
  if (!raw) return null;
  const iso = parseExactDate(raw);
  if (iso === null) return null;
  const millis = Date.parse(iso);
  return millis < EARLIEST || millis > now + FUTURE_TOLERANCE_MS ? null : iso;
}

/** The first candidate that parses, or null. Candidates are in order of trust. */
export function firstValidDate(candidates: Iterable<string | null | undefined>, now: number = Date.now()): string | null {
  for (const candidate of candidates) {
    const parsed = parseDate(candidate, now);
    if (parsed) return parsed;
  }
  return null;
}

/** A date in a URL path: /2019/11/18/, /2019-11-18-slug, /20191118/. */
const URL_DATE = /(?:^|[/_-])((?:19[7-9]|20\d)\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.+-]|$)/;
/** The same with the month's English name: /2023/october/03/. */
const URL_NAMED_DATE = /\/((?:19[7-9]|20\d)\d)\/([a-z]{3,9})\/(0?[1-9]|[12]\d|3[01])(?=[/_.+-]|$)/i;
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The publication day a URL path spells out ("/news/2019/11/18/slug",
 * "/blog/2023/october/03/slug"), as
 * midnight UTC in ISO 8601, or null. Only the path is read: a query string's
 * numbers are ids as often as dates. The compact form (20191118) counts
 * only between separators, and "/2019/11/" without a day is not a date.
 */
export function dateFromUrl(url: string, now: number = Date.now()): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = URL_DATE.exec(path);
  if (match) {
    const [, year, , month, day] = match;
    return parseDate(`${year}-${month}-${day}`, now);
  }
  const named = URL_NAMED_DATE.exec(path);
  const month = named ? monthNumber(named[2] ?? '') : 0;
  if (!named || month === 0) return null;
  return parseDate(`${named[1]}-${String(month).padStart(2, '0')}-${(named[3] ?? '').padStart(2, '0')}`, now);
}

/** A month and a day without a year: "Apr 12", "April 12", "12 Apr". */
const MONTH_DAY = /^(?:([a-z]{3,9})\.?\s+(\d{1,2})|(\d{1,2})\.?\s+([a-z]{3,9})\.?)$/i;

/**
 * The "-MM-DD" of a day printed without its year ("Apr 12" gives "-04-12",
 * English month names only), or null. Such a day dates nothing alone; it
 * can tell which day a declared timestamp is shown on.
 */
export function monthDayOf(text: string): string | null {
  const match = MONTH_DAY.exec(text.trim());
  if (!match) return null;
  const month = monthNumber(match[1] ?? match[4] ?? '');
  const day = Number(match[2] ?? match[3]);
  return month === 0 || day < 1 || day > 31 ? null : `-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 1-12 for an English month name or its three-letter form ("october", "Oct", "sept"), else 0. */
function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  return lower.length < 3 ? 0 : FULL_MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}
