/**
 * Strict parsing of the dates feeds carry: RFC 822/2822 in RSS (with the
 * variants seen in the wild) and ISO 8601 / W3C-DTF / RFC 3339 in Atom,
 * Dublin Core and JSON Feed.
 *
 * `new Date(string)` is deliberately not used: it accepts garbage ("2", "May
 * 5"), reads zone-less times as the machine's local time and differs between
 * engines. A date we cannot read exactly is reported as unknown, never guessed.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * Zone names and their offsets in minutes east of UTC. RFC 822 defines UT,
 * GMT, Z and the US zones; the rest are unambiguous abbreviations common in
 * feeds. Ambiguous ones (IST, BST, AST...) are left out on purpose, so a date
 * using them is reported unparseable rather than placed in the wrong zone.
 * RFC 822's single-letter military zones are left out too: their signs were
 * specified backwards and senders disagree on them.
 */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -5 * 60,
  EDT: -4 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  PST: -8 * 60,
  PDT: -7 * 60,
  AKST: -9 * 60,
  AKDT: -8 * 60,
  HST: -10 * 60,
  WEST: 1 * 60,
  CET: 1 * 60,
  CEST: 2 * 60,
  EET: 2 * 60,
  EEST: 3 * 60,
  MSK: 3 * 60,
  JST: 9 * 60,
  KST: 9 * 60,
  AEST: 10 * 60,
  AEDT: 11 * 60,
  NZST: 12 * 60,
  NZDT: 13 * 60,
};

/** A calendar date and time of day read from the text, before the zone is applied. */
interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
}

/**
 * Parses a feed date and returns it as an ISO 8601 UTC string in the form
 * `Date.prototype.toISOString` produces, or null when the text is not a date
 * in a format we read exactly. A date without a zone is taken as UTC.
 */
export function parseFeedDate(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const parts = /^\d{4}/.test(text) ? parseIsoDate(text) : parseRfc822Date(text);
  return parts === null ? null : toIso(parts);
}

const ISO_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/** ISO 8601 extended format as W3C-DTF and RFC 3339 profile it; a space may stand for the T. */
function parseIsoDate(text: string): DateParts | null {
  const match = ISO_PATTERN.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const offset = zone === undefined ? 0 : parseZone(zone);
  if (offset === null) return null;
  return {
    year: Number(year),
    month: month === undefined ? 1 : Number(month),
    day: day === undefined ? 1 : Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    // Date keeps milliseconds; finer digits are dropped, not rounded, so the instant never moves forward.
    millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
    offset,
  };
}

/**
 * RFC 822 day-first form: `[Day,] D Mon YY[YY] [HH:MM[:SS] [zone]]`, with the
 * separators RFC 850 used (dashes) and full day and month names. Also the
 * month-first form JavaScript's Date#toString writes, which some feeds emit:
 * `Day Mon D YYYY HH:MM:SS GMT+0000`.
 */
const RFC822_PATTERN =
  /^(?:([A-Za-z]+)\.?,? ?)?(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?(.+))?)?$/;
const MONTH_FIRST_PATTERN =
  /^(?:([A-Za-z]+)\.?,? )?([A-Za-z]+)\.? (\d{1,2}),? (\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?(.+))?$/;

function parseRfc822Date(text: string): DateParts | null {
  // A trailing comment such as "(UTC)" or "(Coordinated Universal Time)" carries nothing we need.
  const cleaned = text.replace(/ ?\([^()]*\)$/, '');
  let dayName: string | undefined;
  let day: string | undefined;
  let monthName: string | undefined;
  let year: string | undefined;
  let hour: string | undefined;
  let minute: string | undefined;
  let second: string | undefined;
  let zone: string | undefined;
  const dayFirst = RFC822_PATTERN.exec(cleaned);
  if (dayFirst) {
    [, dayName, day, monthName, year, hour, minute, second, zone] = dayFirst;
  } else {
    const monthFirst = MONTH_FIRST_PATTERN.exec(cleaned);
    if (!monthFirst) return null;
    [, dayName, monthName, day, year, hour, minute, second, zone] = monthFirst;
  }
  if (dayName !== undefined && !isDayName(dayName)) return null;
  const month = monthNumber(monthName ?? '');
  if (month === null || day === undefined || year === undefined) return null;
  const offset = zone === undefined ? 0 : parseZone(zone);
  if (offset === null) return null;
  return {
    year: fullYear(year),
    month,
    day: Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    millisecond: 0,
    offset,
  };
}

/** RFC 2822 section 4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999. */
function fullYear(year: string): number {
  const value = Number(year);
  if (year.length === 4) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

/** "Tue" or "Tuesday" (any case); anything else means the text is not the date we think it is. */
function isDayName(name: string): boolean {
  const lower = name.toLowerCase();
  return DAY_NAMES.some((day) => day === lower || day.slice(0, 3) === lower || (lower.length >= 3 && day.startsWith(lower)));
}

/** 1-12 for "Jan", "January" or an unambiguous prefix such as "Sept"; null otherwise. */
function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const short = MONTHS.indexOf(lower.slice(0, 3) as (typeof MONTHS)[number]);
  if (short === -1) return null;
  const full = MONTH_NAMES[short] ?? '';
  // "Sept" is a common spelling of September; otherwise longer forms must be a prefix of the full name.
  if (lower.length > 3 && !full.startsWith(lower) && lower !== 'sept') return null;
  return short + 1;
}

/**
 * Minutes east of UTC for "+0200", "-05:00", "+02", "Z", "GMT", "EST",
 * "GMT+2", "UTC-05:30" and "GMT+0200 (CEST)"-style forms; null when unknown.
 */
function parseZone(raw: string): number | null {
  const zone = raw.trim().toUpperCase();
  const named = ZONES[zone];
  if (named !== undefined) return named;
  const match = /^(?:(?:GMT|UTC|UT) ?)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  // Bare "+5" is only accepted after a zone name ("GMT+5"): as a numeric offset RFC 822 requires four digits.
  if ((hours ?? '').length === 1 && !/^(GMT|UTC|UT)/.test(zone)) return null;
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 23 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Validates every field (no 31 February, no hour 25) and applies the zone. */
function toIso(parts: DateParts): string | null {
  const { year, month, day, hour, minute, second, millisecond, offset } = parts;
  // Four-digit years only: they keep the toISOString form and reject the "0000-00-00" placeholders some CMSs emit.
  if (year < 1000 || year > 9999) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * 60_000;
  return new Date(utc).toISOString();
}
