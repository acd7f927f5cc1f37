/**
 * The dates both backends can store, compare and sort alike, and the ISO
 * forms a search's `since` / `until` take. Pure.
 *
 * An article's date is an ISO string in SQLite (`date_key`, compared as
 * text) and a timestamptz in PostgreSQL. Outside the years 1 to 9999 they
 * part: PostgreSQL refuses year 0 and earlier, and past 9999 JavaScript
 * writes `+010000-01-01T...`, which PostgreSQL refuses too and SQLite sorts
 * before every other date (so `since: +275760-09-13` found every article).
 */

/** The earliest and latest instants an article's date and a filter may name: 0001-01-01 and the end of 9999-12-31, UTC. */
export const EARLIEST_TIME = Date.parse('0001-01-01T00:00:00.000Z');
export const LATEST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** True for a time (ms) within {@link EARLIEST_TIME}..{@link LATEST_TIME}. */
export function isStorableTime(time: number): boolean {
  return time >= EARLIEST_TIME && time <= LATEST_TIME;
}

/**
 * `value` as `toISOString` writes it when it is a date both stores can hold,
 * else null (not a date, or outside the years 1-9999: an article's date then
 * falls back as for one it lacks).
 */
export function storableTime(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return isStorableTime(time) ? new Date(time).toISOString() : null;
}

/**
 * The time an article is filed (and its date filters and sorts) under: its
 * publication, else when it was fetched, each only when storable; the epoch
 * when neither is. One rule for the index and for whoever matches its
 * filters from outside it (the API's live streams).
 */
export function filingTime(times: { publishedAt: string | null; fetchedAt: string }): string {
  return storableTime(times.publishedAt) ?? storableTime(times.fetchedAt) ?? new Date(0).toISOString();
}

/**
 * ISO 8601 as a filter takes it: a date, optionally a time (`T` or a space,
 * minutes at least, seconds and a fraction optional) and a zone (`Z`,
 * `+02:00`, `+0200`); a time without a zone is UTC, as a bare date is.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/iu;

/**
 * A filter's date or time as milliseconds since the epoch, with whether it
 * was a bare date; null when it is not an ISO date or time (JavaScript's own
 * parser would take `1` as the year 2001 and `2025-02-30` as 2 March) or
 * names a day or hour that does not exist.
 */
export function filterTime(value: string): { time: number; bare: boolean } | null {
  const match = ISO.exec(value);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  // Date.UTC maps the years 0-99 to 1900-1999: set the full year afterwards.
  const utc = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  utc.setUTCFullYear(y);
  const exists = utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d && utc.getUTCHours() === h && utc.getUTCMinutes() === mi && utc.getUTCSeconds() === s;
  if (!exists) return null;
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const [zoneHours, zoneMinutes] = zone.toUpperCase() === 'Z' ? [0, 0] : [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
  if (zoneHours > 23 || zoneMinutes > 59) return null;
  const offset = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  return { time: utc.getTime() + millis - offset, bare: match[4] === undefined };
}

/** A date as a cursor carries it: exactly `toISOString`'s form, within the stores' years. */
export function isCursorDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const time = Date.parse(value);
  return isStorableTime(time) && new Date(time).toISOString() === value;
}
