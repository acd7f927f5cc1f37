import LinkHeader from 'http-link-header';

/** A hub and the topic to subscribe to there. */
export interface WebSubTarget {
  hub: string;
  /** The feed's self URL (what the hub publishes), else the URL the feed came from. */
  topic: string;
}

/** What a fetched feed says about WebSub: its Link header, and the hub and self links of the document. */
export interface WebSubSources {
  /** The response's Link header, or null. */
  linkHeader: string | null | undefined;
  /** Hubs declared in the document (ParsedFeed.feed.hubs). */
  feedHubs: readonly string[] | undefined;
  /** The document's self URL (ParsedFeed.feed.feedUrl: the self link, else the document URL), or null. */
  feedSelf: string | null;
  /** The URL the document came from after redirects: the base of relative Link header URLs and the last resort topic. */
  documentUrl: string;
}

/** The `hub` and `self` links of a Link header (RFC 8288), resolved against `base`; a malformed header has none. */
export function linkHeaderLinks(header: string | null | undefined, base: string): { hubs: string[]; self: string | null } {
  if (!header) return { hubs: [], self: null };
  let parsed: LinkHeader;
  try {
    parsed = LinkHeader.parse(header);
  } catch {
    return { hubs: [], self: null };
  }
  const resolve = (uri: string) => httpUrl(uri, base);
  const hubs = [...new Set(parsed.rel('hub').flatMap((ref) => resolve(ref.uri) ?? []))];
  const self = parsed.rel('self').map((ref) => resolve(ref.uri)).find((url) => url !== null) ?? null;
  return { hubs, self };
}

/**
 * Where to subscribe (W3C WebSub section 4): the Link header's hub and self
 * first; without a hub there, the document's `<link rel="hub">` and self
 * link. The topic is the self URL (else the document's URL); the first hub
 * named is used. Null when the feed names no hub.
 */
export function discoverWebSub(sources: WebSubSources): WebSubTarget | null {
  const header = linkHeaderLinks(sources.linkHeader, sources.documentUrl);
  const fromHeader = header.hubs[0];
  if (fromHeader !== undefined) return { hub: fromHeader, topic: header.self ?? sources.feedSelf ?? sources.documentUrl };
  const fromBody = sources.feedHubs?.[0];
  if (fromBody === undefined) return null;
  return { hub: fromBody, topic: header.self ?? sources.feedSelf ?? sources.documentUrl };
}

function httpUrl(reference: string, base: string): string | null {
  try {
    const url = new URL(reference, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
