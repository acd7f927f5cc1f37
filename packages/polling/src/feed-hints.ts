/**
 * What a feed document itself says about polling: RSS 2.0 `<ttl>` (minutes),
 * the RSS 1.0 Syndication module's `sy:updatePeriod` / `sy:updateFrequency`,
 * and RSS 2.0 `<skipHours>` / `<skipDays>`. ParsedFeed does not carry these,
 * so they are read here from the raw body with a small, forgiving scan (the
 * channel-level elements are flat text; no full XML parse is needed).
 */

/** Polling hints from a feed body; each absent one is null or empty. */
export interface FeedHints {
  /** `<ttl>` in ms. */
  ttlMs: number | null;
  /** `sy:updatePeriod` divided by `sy:updateFrequency`, in ms. */
  updatePeriodMs: number | null;
  /** UTC hours (0-23) in which the publisher asks not to be polled. */
  skipHours: number[];
  /** UTC days (0 = Sunday ... 6 = Saturday) in which the publisher asks not to be polled. */
  skipDays: number[];
}

export const NO_HINTS: FeedHints = { ttlMs: null, updatePeriodMs: null, skipHours: [], skipDays: [] };

const SYNDICATION_NS = 'http://purl.org/rss/1.0/modules/syndication/';
const PERIOD_MS: Record<string, number> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30 * 86_400_000,
  yearly: 365 * 86_400_000,
};
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Reads the polling hints of an RSS or Atom body; a JSON Feed (or anything unreadable) has none. */
export function readFeedHints(body: string): FeedHints {
  if (/^\s*[[{]/.test(body)) return NO_HINTS;
  // Channel-level elements only: item bodies may quote anything.
  const channel = body.replace(/<(item|entry)\b[\s\S]*?<\/\1\s*>/gi, '');
  return {
    ttlMs: minutes(elementText(channel, 'ttl')),
    updatePeriodMs: updatePeriod(channel),
    skipHours: listOf(channel, 'skipHours', 'hour').flatMap((text) => {
      const hour = Number(text);
      // RSS 2.0 says 0-23; some feeds write 24 for midnight.
      return Number.isInteger(hour) && hour >= 0 && hour <= 24 ? [hour % 24] : [];
    }),
    skipDays: listOf(channel, 'skipDays', 'day').flatMap((text) => {
      const day = DAYS.indexOf(text.toLowerCase());
      return day >= 0 ? [day] : [];
    }),
  };
}

function updatePeriod(channel: string): number | null {
  const declared = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${SYNDICATION_NS.replace(/[./]/g, '\\$&')}["']`).exec(channel);
  const prefix = declared?.[1] ?? 'sy';
  const period = elementText(channel, `${prefix}:updatePeriod`)?.toLowerCase();
  const frequencyText = elementText(channel, `${prefix}:updateFrequency`);
  if (period === undefined && frequencyText === undefined) return null;
  const periodMs = PERIOD_MS[period ?? 'daily'];
  if (periodMs === undefined) return null;
  const frequency = frequencyText === undefined ? 1 : Number(frequencyText);
  if (!Number.isFinite(frequency) || frequency <= 0) return periodMs;
  return Math.round(periodMs / frequency);
}

function minutes(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value > 0 ? Math.round(value * 60_000) : null;
}

/** The trimmed text of the first `<name>` element (CDATA unwrapped), or undefined. */
function elementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${escapeName(name)}(?:\\s[^>]*)?>([\\s\\S]*?)</${escapeName(name)}\\s*>`, 'i').exec(xml);
  if (!match) return undefined;
  return match[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
}

/** The texts of `<child>` elements inside the first `<parent>`. */
function listOf(xml: string, parent: string, child: string): string[] {
  const inner = elementText(xml, parent);
  if (inner === undefined) return [];
  return [...inner.matchAll(new RegExp(`<${child}(?:\\s[^>]*)?>([\\s\\S]*?)</${child}\\s*>`, 'gi'))].map((match) => match[1]!.trim());
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
