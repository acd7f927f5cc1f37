import robotsParserModule from 'robots-parser';
import { USER_AGENT } from './version.js';

// robots-parser is CommonJS (`module.exports = function`) but its typings
// declare an ES default export, so under NodeNext TypeScript sees the
// module object where Node hands us the function.
type RobotsParser = typeof robotsParserModule.default;
const robotsParser: RobotsParser =
  typeof robotsParserModule === 'function' ? (robotsParserModule as unknown as RobotsParser) : robotsParserModule.default;

/**
 * robots.txt rules (RFC 9309) for the article pages Tidings fetches. Feeds
 * are fetched regardless, as feed readers do: the user asked for them.
 */

/** What a host's robots.txt fetch came to, in a form that can be cached. */
export type RobotsSource =
  /** 2xx: these rules apply. */
  | { kind: 'rules'; text: string }
  /** 4xx (no robots.txt, or not for us to read): everything is allowed (RFC 9309 §2.3.1.3). */
  | { kind: 'allow-all' };

/** The robots.txt URL for any URL on a host: `/robots.txt` at its origin. */
export function robotsUrlFor(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** A host's rules as they apply to the Tidings user agent. */
export interface RobotsRules {
  /** True when `url` (on the same origin) may be fetched. */
  isAllowed(url: string): boolean;
  /** Crawl-delay asked of us in ms (a non-standard but common directive), or null. */
  crawlDelayMs(): number | null;
}

/**
 * Rules for the origin of `robotsUrl`. The most specific group naming
 * "Tidings" applies, else the `*` group; the longest matching path rule wins,
 * Allow over Disallow on a tie (robots-parser implements RFC 9309 matching).
 */
export function robotsRules(robotsUrl: string, source: RobotsSource, userAgent: string = USER_AGENT): RobotsRules {
  if (source.kind === 'allow-all') return { isAllowed: () => true, crawlDelayMs: () => null };
  const robots = robotsParser(robotsUrl, source.text);
  return {
    // undefined means "not this origin": refuse rather than guess.
    isAllowed: (url) => robots.isAllowed(url, userAgent) ?? false,
    crawlDelayMs: () => {
      const seconds = robots.getCrawlDelay(userAgent);
      return seconds === undefined || !Number.isFinite(seconds) || seconds < 0 ? null : Math.round(seconds * 1_000);
    },
  };
}
