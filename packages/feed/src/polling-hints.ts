import type { FeedHints } from '@tidings/contracts';
import type { XmlElement } from './xml-element.js';

/** What a feed says when it says nothing about polling (and what a JSON Feed says: it has no such fields). */
export function noHints(): FeedHints {
  return { ttlMs: null, updatePeriodMs: null, skipHours: [], skipDays: [] };
}

/** `sy:updatePeriod` values, in ms (a month and a year taken as 30 and 365 days). */
const PERIOD_MS: ReadonlyMap<string, number> = new Map([
  ['hourly', 3_600_000],
  ['daily', 86_400_000],
  ['weekly', 7 * 86_400_000],
  ['monthly', 30 * 86_400_000],
  ['yearly', 365 * 86_400_000],
]);
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * The polling hints a feed gives in its channel (the feed element in Atom):
 * RSS 2.0 `<ttl>` (minutes), the RSS 1.0 Syndication module's
 * `sy:updatePeriod` / `sy:updateFrequency` (under whatever prefix the feed
 * binds to its namespace), and RSS 2.0 `<skipHours>` / `<skipDays>`. Only
 * the channel's own children count: items may quote anything. Values that
 * make no sense are left out.
 */
export function readPollingHints(channel: XmlElement): FeedHints {
  return {
    ttlMs: minutes(childText(channel, 'ttl')),
    updatePeriodMs: updatePeriod(childText(channel, 'sy:updatePeriod'), childText(channel, 'sy:updateFrequency')),
    skipHours: distinct(
      (channel.first('skipHours')?.all('hour') ?? []).flatMap((element) => {
        const text = element.text()?.trim() ?? '';
        const hour = Number(text);
        // RSS 2.0 says 0-23; some feeds write 24 for midnight.
        return text !== '' && Number.isInteger(hour) && hour >= 0 && hour <= 24 ? [hour % 24] : [];
      }),
    ),
    skipDays: distinct(
      (channel.first('skipDays')?.all('day') ?? []).flatMap((element) => {
        const day = DAYS.indexOf(element.text()?.trim().toLowerCase() ?? '');
        return day >= 0 ? [day] : [];
      }),
    ),
  };
}

/** Each value once, in the order first given (RSS 2.0 allows each hour and day once; "0" and "24" are one hour). */
function distinct(values: number[]): number[] {
  return [...new Set(values)];
}

/** The trimmed text of the first child with this name ('' when it is empty), undefined when there is none. */
function childText(element: XmlElement, name: string): string | undefined {
  const child = element.first(name);
  return child === null ? undefined : (child.text()?.trim() ?? '');
}

/** `sy:updatePeriod` divided by `sy:updateFrequency`, in ms; the period defaults to daily and the frequency to 1. */
function updatePeriod(periodText: string | undefined, frequencyText: string | undefined): number | null {
  if (periodText === undefined && frequencyText === undefined) return null;
  const periodMs = PERIOD_MS.get(periodText?.toLowerCase() ?? 'daily');
  if (periodMs === undefined) return null;
  const frequency = frequencyText === undefined ? 1 : Number(frequencyText);
  if (!Number.isFinite(frequency) || frequency <= 0) return periodMs;
  return Math.round(periodMs / frequency);
}

function minutes(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(?:\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value > 0 ? Math.round(value * 60_000) : null;
}
