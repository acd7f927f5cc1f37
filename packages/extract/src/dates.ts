/**
 * Dates are only accepted in forms that cannot be misread: ISO 8601 (and its
 * year-first relatives), RFC 822/1123, and dates with an English month name
 * ("November 19, 2019, 07:47 PM EST"). "03/04/2023", "yesterday" or
 * "Tuesday 14:00" are refused: a missing date is better than a wrong one.
 * A timestamp without a zone is taken as UTC, the only deterministic choice.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Zone names whose offset is unambiguous enough to trust, in minutes east of UTC. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  wet: 0,
  west: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
};

/** Year-first: 2023-09-20, 2023-09-20T14:30, 2023-09-20 14:30:00.123+02:00, 2023/09/20... */
const ISO_LIKE =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{2}(?::?\d{2})?)?)?)?$/i;

/** RFC 822 / 1123: "Wed, 20 Sep 2023 14:30:00 GMT", "20 Sep 2023 14:30 +0200". */
const RFC_822 =
  /^(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{4}|[a-z]{1,5})?$/i;

/** Month name first: "November 19, 2019", "Nov. 19, 2019 7:47 PM EST", "Tuesday, November 19th 2019 at 19:47". */
const MONTH_FIRST =
  /^(?:[a-z]{3,9}\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?!\s)([ap])?\.?m?\.?)?\s*([+-]\d{4}|[a-z]{1,5})?$/i;

/** JavaScript's Date#toString: "Wed Sep 20 2023 14:30:00 GMT+0200 (Central European Summer Time)". */
const JS_DATE_STRING =
  /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-]\d{4})(?:\s+\(.*\))?$/i;

/** How far in the future a date may lie and still be believed (clock skew, wrong zone). */
const FUTURE_TOLERANCE_MS = 2 * 24 * 3600 * 1000;
const EARLIEST_YEAR = 1970;

/**
 * Parses a date string in an unambiguous format into ISO 8601 UTC
 * ("2023-09-20T12:30:00.000Z"). Returns null for anything else, for
 * impossible dates (2023-02-30), and for dates before 1970 or more than two
 * days after `now`.
 */
export function parseDate(raw: string | null | undefined, now: number = Date.now()): string | null {
  if (!raw) return null;
  const text = raw.trim();
  const millis = parseIsoLike(text) ?? parseRfc822(text) ?? parseMonthFirst(text) ?? parseJsDateString(text);
  if (millis === null) return null;
  if (millis > now + FUTURE_TOLERANCE_MS) return null;
  return new Date(millis).toISOString();
}

/** The first candidate that parses, or null. Candidates are in order of trust. */
export function firstValidDate(candidates: Iterable<string | null | undefined>, now: number = Date.now()): string | null {
  for (const candidate of candidates) {
    const parsed = parseDate(candidate, now);
    if (parsed) return parsed;
  }
  return null;
}

function parseIsoLike(text: string): number | null {
  const match = ISO_LIKE.exec(text);
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction, zone] = match;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === null) return null;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const [h, m, s] = [hour, minute, second].map((part) => Number(part ?? 0));
  return utc(Number(year), Number(month), Number(day), h ?? 0, m ?? 0, s ?? 0, millis, offset);
}

function parseRfc822(text: string): number | null {
  const match = RFC_822.exec(text);
  if (!match) return null;
  const [, day, monthName, yearText = '', hour, minute, second, zone] = match;
  const month = monthNumber(monthName ?? '');
  if (month === null) return null;
  // RFC 822 two-digit years: 00-49 are 20xx, 50-99 are 19xx.
  const year = yearText.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === null) return null;
  return utc(year, month, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), 0, offset);
}

function parseMonthFirst(text: string): number | null {
  const match = MONTH_FIRST.exec(text);
  if (!match) return null;
  const [, monthName, day, year, hourText, minute, second, meridiem, zone] = match;
  const month = monthNumber(monthName ?? '');
  if (month === null) return null;
  let hour = Number(hourText ?? 0);
  if (meridiem) {
    // 12 AM is midnight, 12 PM is noon; "13:00 PM" is nonsense.
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === null) return null;
  return utc(Number(year), month, Number(day), hour, Number(minute ?? 0), Number(second ?? 0), 0, offset);
}

function parseJsDateString(text: string): number | null {
  const match = JS_DATE_STRING.exec(text);
  if (!match) return null;
  const [, monthName, day, year, hour, minute, second, zone = ''] = match;
  const month = monthNumber(monthName ?? '');
  const offset = zoneOffset(zone);
  if (month === null || offset === null) return null;
  return utc(Number(year), month, Number(day), Number(hour), Number(minute), Number(second), 0, offset);
}

/** "Sep", "sept", "September" -> 9; anything else -> null. */
function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  // Any prefix of the English name from three letters up: "Sep", "Sept", "September" (not "Mayday").
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index < 0 ? null : index + 1;
}

/** Minutes east of UTC for "Z", "+02:00", "-0500", "+05", "GMT+2", "EST"...; null when unknown. */
function zoneOffset(zone: string): number | null {
  const named = ZONE_OFFSETS[zone.toLowerCase()];
  if (named !== undefined) return named;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (Number(hours) > 14 || Number(minutes ?? 0) > 59) return null;
  return sign === '-' ? -total : total;
}

/** Epoch milliseconds for a wall-clock time at `offsetMinutes`, or null when a field is out of range. */
function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): number | null {
  if (year < EARLIEST_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  // A leap second is folded into the one before it.
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  return time - offsetMinutes * 60_000;
}

/** A date in a URL path: /2019/11/18/, /2019-11-18-slug, /20191118/. */
const URL_DATE = /(?:^|[/_-])((?:19[7-9]|20\d)\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;

/**
 * The publication day a URL path spells out ("/news/2019/11/18/slug"), as
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
  if (!match) return null;
  const [, year, , month, day] = match;
  return parseDate(`${year}-${month}-${day}`, now);
}
