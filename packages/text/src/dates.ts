import { DAY_NAMES, FILLERS, MONTHS, THAI_MONTHS, ZONES } from './date-names.js';

/**
 * Strict parsing of the dates feeds and pages carry: ISO 8601 / W3C-DTF / RFC 3339
 * (Atom, Dublin Core, JSON Feed), RFC 822/2822 (RSS) with the variants seen
 * in the wild, and the same dates written with other languages' month and
 * day names ("Di, 16 Mär 2021", "16 de marzo de 2021 10:00", "16 марта 2021
 * г.").
 *
 * `new Date(string)` is deliberately not used: it accepts garbage ("2", "May
 * 5"), reads zone-less times as the machine's local time and differs between
 * engines. A date we cannot read exactly is reported as unknown, never
 * guessed: every word must be a known month, day name, zone or filler, and
 * an all-numeric date must say unambiguously which number is the day.
 */

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
 * we read exactly. A date without a zone is taken as UTC, as feed readers do.
 */
export function parseDate(raw: string): string | null {
  // A trailing comment such as "(UTC)" or "(Coordinated Universal Time)" carries nothing we need.
  const text = asciiDigits(raw)
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?\([^()]*\)$/, '')
    .replace(CJK_DATE, (_, ...groups: unknown[]) => {
      const [year, month, day] = groups.slice(0, 6).filter((group): group is string => typeof group === 'string');
      return `${year}.${month?.padStart(2, '0')}.${day?.padStart(2, '0')}`;
    })
    .replace(VI_DATE, (_, day: string, month: string, year: string) => `${year}.${month.padStart(2, '0')}.${day.padStart(2, '0')}`);
  if (text === '') return null;
  const parts = parseIsoDate(text) ?? parseWrittenDate(text);
  return parts === null ? null : toIso(parts);
}

/**
 * A day as Chinese, Japanese and Korean write it, year first: "2025年12月17日",
 * "2025년 12월 17일", Korean dots with spaces ("2025. 12. 17."). The parser
 * reads it as the numeric "2025.12.17", whose order a four-digit year first
 * makes certain; the extractor finds dates in a page's text with the same
 * source (one spelling of these forms). Its groups are year, month and day of
 * the first form, then of the second.
 */
export const CJK_DAY = String.raw`(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]|(\d{4})\.\s(\d{1,2})\.\s(\d{1,2})\.?`;
const CJK_DATE = new RegExp(CJK_DAY, 'u');

/**
 * A day as Vietnamese writes it, with the month's number: "5 tháng 3 năm
 * 2024", "05 tháng 03, 2024" (day, month and year are groups 1-3). Read as
 * the numeric "2024.03.05", like {@link CJK_DAY}.
 */
export const VI_DAY = String.raw`(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|,\s*|\s+)(\d{4})`;
const VI_DATE = new RegExp(VI_DAY, 'iu');

/** The zero of each run of decimal digits other scripts write dates with (Arabic-Indic, Persian, Devanagari, Bengali, Thai, full-width...). */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10];
const OTHER_DIGIT = new RegExp(`[${DIGIT_ZEROS.map((zero) => `\\u${zero.toString(16).padStart(4, '0')}-\\u${(zero + 9).toString(16).padStart(4, '0')}`).join('')}]`, 'g');
const HAS_OTHER_DIGIT = new RegExp(OTHER_DIGIT.source);

/**
 * The text with the decimal digits of other scripts ("١٢ مارس ٢٠٢٤",
 * "১২ মার্চ", "２０２４年") written as ASCII digits. Each is one UTF-16
 * unit, as its ASCII digit is: every offset into the text stays the same.
 */
export function asciiDigits(text: string): string {
  if (!HAS_OTHER_DIGIT.test(text)) return text;
  return text.replace(OTHER_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = DIGIT_ZEROS.findLast((candidate) => candidate <= code) ?? code;
    return String(code - zero);
  });
}

const ISO_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(Z|z|[A-Za-z]{2,5}|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const ISO_BASIC_PATTERN = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(?:(\d{2}))?(?:[.,](\d+))?(Z|z|[+-]\d{2}(?:\d{2})?)?)?$/;

/** ISO 8601 extended format as W3C-DTF and RFC 3339 profile it (a space may stand for the T), or the basic format. */
function parseIsoDate(text: string): DateParts | null {
  const match = ISO_PATTERN.exec(text) ?? ISO_BASIC_PATTERN.exec(text);
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

const TIME = /^(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const DOTTED_TIME = /^\d{1,2}\.\d{2}$/;
/** Fillers after which a number with a dot is a time of day: "pukul 10.30" (id), "klo 10.30" (fi), "kl. 10.30" (nordic), "alle 10.30" (it), "um 10.30" (de). */
const TIME_WORDS: ReadonlySet<string> = new Set(['pukul', 'jam', 'klo', 'kl', 'kl.', 'alle', 'ore', 'um', 'lúc', 'at', 'à']);
const TIME_WITH_ZONE = /^(\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)(z|[+-]\d{2}:?\d{2})$/;
/** A day of the month: "5", "05", "5.", "5th", "1st", "1er", "1º". */
const DAY = /^(\d{1,2})(?:\.|st|nd|rd|th|er|e|º|ª)?$/;
const YEAR = /^\d{4}$/;
const SHORT_NUMBER = /^\d{2}$/;
/** 16.03.2021, 16/03/2021, 2021/03/16, 2021.03.16 (16-03-2021 too; ISO's 2021-03-16 is read above). */
const NUMERIC_DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})$/;
/** RFC 850's day-month-year with dashes: 06-Nov-94. */
const DASHED_DATE = /^(\d{1,2})-(\p{L}+)\.?-(\d{2}|\d{4})$/u;
const MERIDIEM = /^(am|pm|a\.m\.|p\.m\.)$/;

interface Reading {
  day?: number;
  month?: number;
  year?: number;
  /** A two-digit year, and whether it came after the month name (the RFC 822 place for it). */
  shortYear?: string;
  time?: { hour: number; minute: number; second: number; millisecond: number };
  meridiem?: 'am' | 'pm';
  offset?: number;
}

/**
 * A date written with words or separators: RFC 822 and its variants
 * (`[Day,] D Mon YY[YY] [HH:MM[:SS]] [zone]`, RFC 850 dashes, JavaScript's
 * `Date#toString`), month-first English (`March 16, 2021 10:00 PM EST`),
 * the same in other languages, and numeric dates whose order is certain
 * (`16.03.2021`, `2021/03/16`, `16/03/2021` where 16 cannot be a month).
 */
function parseWrittenDate(text: string): DateParts | null {
  const tokens = tokenize(text);
  if (tokens === null) return null;
  const reading: Reading = {};
  const monthIndex = findMonthToken(tokens);
  if (monthIndex === AMBIGUOUS) return null;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as string;
    const read = index === monthIndex ? set(reading, 'month', MONTHS.get(stripDot(token)) ?? 0) : readToken(token, index, monthIndex, tokens[index - 1], reading);
    if (!read) return null;
  }
  const parts = settle(reading);
  // Thai dates count years from the Buddhist era as often as not: 2567 BE is 2024.
  if (parts !== null && monthIndex >= 0 && THAI_MONTHS.has(stripDot(tokens[monthIndex] as string)) && parts.year >= BUDDHIST_ERA_FROM) parts.year -= 543;
  return parts;
}

/** A Thai year from this one on is counted from the Buddhist era (543 BCE): 2400 BE is 1857. */
const BUDDHIST_ERA_FROM = 2400;

/** Lower-cased words, split on spaces and commas, with RFC 850's dashed dates split up; null for an empty text. */
function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  for (const word of text.toLowerCase().split(/[\s,]+/)) {
    if (word === '') continue;
    const dashed = DASHED_DATE.exec(word);
    if (dashed) tokens.push(dashed[1] as string, dashed[2] as string, dashed[3] as string);
    else tokens.push(word);
  }
  return tokens.length === 0 ? null : tokens;
}

const AMBIGUOUS = -2;

/**
 * Which token is the month name, -1 for none. A day name that is also a
 * month abbreviation (Spanish "mar" is martes and marzo) is the month only
 * when no other token can be; of two such words the first is the day name,
 * where dates put it ("mar, 16 mar 2021").
 */
function findMonthToken(tokens: string[]): number {
  const candidates = tokens.map((token, index) => (MONTHS.has(stripDot(token)) ? index : -1)).filter((index) => index >= 0);
  if (candidates.length <= 1) return candidates[0] ?? -1;
  const notDays = candidates.filter((index) => !DAY_NAMES.has(stripDot(tokens[index] as string)));
  if (notDays.length === 1) return notDays[0] as number;
  if (notDays.length === 0 && candidates.length === 2) return candidates[1] as number;
  return AMBIGUOUS;
}

/** Reads one token into `reading`; false when it is not part of a date or repeats a part. */
function readToken(token: string, index: number, monthIndex: number, previous: string | undefined, reading: Reading): boolean {
  const word = stripDot(token);
  const numeric = NUMERIC_DATE.exec(token);
  if (numeric) return readNumericDate(numeric, reading);
  const timeWithZone = TIME_WITH_ZONE.exec(token);
  if (timeWithZone) return readTime(timeWithZone[1] as string, reading) && readZone(timeWithZone[2] as string, reading);
  if (TIME.test(token)) return readTime(token, reading);
  // "pukul 10.30", "klo 10.30", "alle 10.30": a time with a dot, after a word that says a time follows.
  if (DOTTED_TIME.test(token) && previous !== undefined && TIME_WORDS.has(previous)) return readTime(token.replace('.', ':'), reading);
  if (MERIDIEM.test(token) && previous !== undefined && TIME.test(previous)) {
    reading.meridiem = token.startsWith('a') ? 'am' : 'pm';
    return true;
  }
  if (YEAR.test(token)) return set(reading, 'year', Number(token));
  // A two-digit number after the month is RFC 822's two-digit year; before it, the day.
  if (SHORT_NUMBER.test(token) && monthIndex >= 0 && index > monthIndex && reading.day !== undefined) {
    if (reading.shortYear !== undefined || reading.year !== undefined) return false;
    reading.shortYear = token;
    return true;
  }
  const day = DAY.exec(token);
  if (day) return set(reading, 'day', Number(day[1]));
  // Right after a time a single letter is an RFC 822 military zone ("08:00:00 Y"), refused like the others (date-names.ts
  // ZONES says why), not the filler "y", "a" or "o" of "5 de junio y ..." read as no zone at all (and so UTC).
  if (word.length === 1 && previous !== undefined && TIME.test(previous) && !ZONES.has(word)) return false;
  if (DAY_NAMES.has(word) || FILLERS.has(word)) return true;
  return readZone(token, reading);
}

function readNumericDate(match: RegExpExecArray, reading: Reading): boolean {
  const [, first = '', separator, second = '', third = ''] = match;
  if (reading.day !== undefined || reading.month !== undefined || reading.year !== undefined) return false;
  if (first.length === 4) {
    // 2021/03/16: year first is always followed by month, then day.
    return set(reading, 'year', Number(first)) && set(reading, 'month', Number(second)) && set(reading, 'day', Number(third));
  }
  if (first.length > 2) return false;
  const a = Number(first);
  const b = Number(second);
  let day: number;
  let month: number;
  if (separator === '.' || separator === '-') {
    // Dotted (and dashed) numeric dates are day-first wherever they are written (de, ru, nl, pl...).
    [day, month] = [a, b];
  } else if (a > 12 && b <= 12) {
    [day, month] = [a, b];
  } else if (b > 12 && a <= 12) {
    [day, month] = [b, a];
  } else {
    // 03/04/2021 is 3 April in Europe and March 4 in the US: no way to tell.
    return false;
  }
  reading.day = day;
  reading.month = month;
  if (third.length === 4) reading.year = Number(third);
  else if (third.length === 2) reading.shortYear = third;
  else return false;
  return true;
}

function readTime(token: string, reading: Reading): boolean {
  const match = TIME.exec(token);
  if (!match || reading.time !== undefined) return false;
  const [, hour, minute, second, fraction] = match;
  reading.time = {
    hour: Number(hour),
    minute: Number(minute),
    second: second === undefined ? 0 : Number(second),
    millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
  return true;
}

function readZone(token: string, reading: Reading): boolean {
  const offset = parseZone(token);
  if (offset === null) return false;
  // "+0000 GMT" and "+0200 CEST" say the zone twice; "GMT +0200" is a zone name then the offset meant with it.
  const refines = reading.offset === 0 && /^[+-]/.test(token);
  if (reading.offset !== undefined && reading.offset !== offset && !refines) return false;
  reading.offset = offset;
  return true;
}

function set(reading: Reading, part: 'day' | 'month' | 'year', value: number): boolean {
  if (reading[part] !== undefined) return false;
  reading[part] = value;
  return true;
}

/** Checks the reading has a day, a month and a year and applies the 12-hour clock. */
function settle(reading: Reading): DateParts | null {
  const { day, month, time, meridiem } = reading;
  let { year } = reading;
  if (reading.shortYear !== undefined) {
    if (year !== undefined) return null;
    // A name-month date only takes a two-digit year after the month (RFC 822); numeric dates always end with the year.
    year = fullYear(reading.shortYear);
  }
  if (day === undefined || month === undefined || year === undefined) return null;
  let hour = time?.hour ?? 0;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return {
    year,
    month,
    day,
    hour,
    minute: time?.minute ?? 0,
    second: time?.second ?? 0,
    millisecond: time?.millisecond ?? 0,
    offset: reading.offset ?? 0,
  };
}

/** RFC 2822 section 4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999. */
function fullYear(year: string): number {
  const value = Number(year);
  return value < 50 ? 2000 + value : 1900 + value;
}

function stripDot(word: string): string {
  return word.endsWith('.') ? word.slice(0, -1) : word;
}

/**
 * Minutes east of UTC for "+0200", "-05:00", "+02", "Z", "GMT", "EST",
 * "GMT+2", "UTC-05:30" and "GMT+0200"-style forms; null when unknown.
 */
function parseZone(raw: string): number | null {
  const zone = raw.trim().toLowerCase();
  const named = ZONES.get(zone);
  if (named !== undefined) return named;
  const match = /^(?:(?:gmt|utc|ut) ?)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  // Bare "+5" is only accepted after a zone name ("GMT+5"): as a numeric offset RFC 822 requires four digits.
  if ((hours ?? '').length === 1 && !/^(gmt|utc|ut)/.test(zone)) return null;
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 14 || m > 59) return null;
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
  // A leap second (RFC 3339 allows :60) is read as the second before it: JavaScript's dates have none, and it keeps the day.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millisecond) - offset * 60_000;
  return new Date(utc).toISOString();
}
