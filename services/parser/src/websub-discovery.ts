import { createHash } from 'node:crypto';
import type { ParsedFeed } from '@tidings/contracts';
import { discoverWebSub, needsSubscription, type WebSubRequests, type WebSubStore } from '@tidings/websub';

/** What the parser needs for WebSub (absent when it is off: no TIDINGS_API_PUBLIC_URL). */
export interface ParserWebSub {
  store: WebSubStore;
  requests: WebSubRequests;
  /** TIDINGS_WEBSUB_SAFETY_POLL: pushed content moves the feed's safety-net poll this far out. */
  safetyPollMs: number;
}

/**
 * When a parsed feed names a hub (its Link header first, then its
 * `<link rel="hub">`), queues a subscribe request to it unless the feed's
 * subscription there is in hand (active, asked for recently, or denied not
 * long ago). The request itself is the hub worker's (in the fetcher): no
 * HTTP here. Its job id comes from the feed, the hub, the topic and the
 * stored subscription's last change, so parse jobs running side by side ask once.
 * Returns the hub asked, or null.
 */
export async function askForSubscription(
  webSub: ParserWebSub,
  feedId: string,
  source: { linkHeader: string | null | undefined; documentUrl: string },
  parsed: Pick<ParsedFeed, 'feed'>,
  now: number = Date.now(),
): Promise<string | null> {
  const target = discoverWebSub({ linkHeader: source.linkHeader, feedHubs: parsed.feed.hubs, feedSelf: parsed.feed.feedUrl, documentUrl: source.documentUrl });
  if (target === null) return null;
  const existing = await webSub.store.forFeed(feedId);
  if (!needsSubscription(existing, target, now)) return null;
  const generation = createHash('sha256').update(`${target.hub}\n${target.topic}\n${existing?.updatedAt ?? ''}`).digest('hex').slice(0, 16);
  await webSub.requests.add({ action: 'subscribe', feedId, hub: target.hub, topic: target.topic }, `websub-subscribe-${feedId}-${generation}`);
  return target.hub;
}
