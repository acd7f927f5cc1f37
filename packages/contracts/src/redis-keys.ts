import { z } from 'zod';

/**
 * `{text}`: a Redis Cluster hash tag. Only the part between the first `{` and
 * the next `}` picks a key's slot, so keys that carry the same tag share one.
 * Braces inside `text` (a URL host may hold one) are percent-encoded, so they
 * can neither end the tag early nor leave it empty.
 */
export function hashTag(text: string): string {
  return `{${text.replace(/[{}]/g, (brace) => (brace === '{' ? '%7B' : '%7D')) || '-'}}`;
}

/**
 * Every Redis key and channel Tidings itself names (BullMQ names its queues'
 * keys from QUEUES), for one installation's prefix. Renaming one strands
 * what is stored or listened to under the old name: treat them as data.
 * Keys that one Lua script or transaction touches together share a hash tag
 * (`{host}`, `{net}`, `{origin}`), so on a Redis Cluster they sit in one slot;
 * everything else is one key per command and spreads over the masters.
 * (The `{net}` and robots tags were added for the cluster: those keys are
 * short-lived state and caches, so the rename cost one robots.txt fetch per
 * host and nothing else.)
 */
export function redisKeys(prefix: string) {
  return {
    /** Fetched bodies and extracted records, by content hash (body store). */
    body: (hash: string) => `${prefix}:body:${hash}`,
    bodyPrefix: `${prefix}:body:`,
    /**
     * Stream of newly indexed articles (one IndexedEvent per entry, trimmed to
     * about INDEXED_STREAM_MAXLEN of @tidings/queue): the alerter's consumer
     * group and the API's live streams read it. Its `{events}` hash tag is
     * shared with the stream of saved-search matches (`alertDelivery.matches`)
     * alone: each API process reads both in one blocking XREAD, which a Redis
     * Cluster serves only for keys of one slot.
     */
    indexedEvents: `${prefix}:{events}:indexed`,
    /** An index job that may announce an article, from before its write to after its announcement (IndexedEventPublisher.begin), by job id. */
    announcing: (jobId: string) => `${prefix}:announcing:${jobId}`,
    /** Hash of every recorded pipeline figure. */
    metrics: `${prefix}:metrics`,
    /** Per-host politeness: in-flight leases, next start, reservation cursor, back-off end. */
    host: (host: string) => {
      const base = `${prefix}:host:${hashTag(host)}`;
      return { inflight: `${base}:inflight`, nextStart: `${base}:next-start`, cursor: `${base}:cursor`, backoff: `${base}:backoff` };
    },
    /** Our own network's health, as the fetchers see it. */
    network: { failing: `${prefix}:{net}:failing`, lastOk: `${prefix}:{net}:last-response`, down: `${prefix}:{net}:down` },
    /**
     * Live worker processes: a sorted set of worker ids scored by when their
     * heartbeat expires, and one hash per worker (with its own TTL). One hash
     * tag, so the pair stays in one Redis Cluster slot and nothing needs SCAN.
     */
    workers: { live: `${prefix}:{workers}:live`, worker: (id: string) => `${prefix}:{workers}:worker:${id}` },
    /** Stage timings of a feed poll or an article (`tidings show --trace`), by kind and a hash of the URL or id. */
    timeline: (kind: 'feed' | 'poll' | 'article', hash: string) => `${prefix}:timeline:${kind}:${hash}`,
    /** Cached robots.txt of an origin, and the lock of the one fetch that refreshes it. */
    robots: (origin: string) => `${prefix}:robots:${hashTag(origin)}`,
    robotsFetch: (origin: string) => `${prefix}:robots-fetch:${hashTag(origin)}`,
    /** Saved searches (hash: id -> SavedSearchRecord JSON), the channel that says they changed, and each one's webhook delivery log (capped list, newest first). */
    alerts: { searches: `${prefix}:alerts:searches`, changed: `${prefix}:events:alerts-changed`, log: (searchId: string) => `${prefix}:alerts:log:${searchId}` },
    /**
     * Saved-search matches as they happen (a stream, one AlertMatchEvent per
     * entry, trimmed to about ALERT_MATCH_STREAM_MAXLEN of @tidings/queue: the
     * API's per-search live streams, resumable; `{events}` as `indexedEvents`,
     * read with it), and each digest search's matches waiting for their
     * period's digest (sorted set: article id scored by match time), and each
     * webhook receiver's Retry-After back-off (by receiver: scheme, host and
     * port; it expires when the back-off ends, so the key exists only while
     * every alerter leaves the receiver alone).
     */
    alertDelivery: {
      matches: `${prefix}:{events}:alert-matches`,
      digest: (searchId: string) => `${prefix}:alerts:digest:${searchId}`,
      receiverBackOff: (receiver: string) => `${prefix}:alerts:receiver-backoff:${receiver}`,
    },
    /**
     * The identity of this Redis data (a random id, SET NX by the first
     * scheduler to find none): the index keeps the one it last saw, so a
     * Redis that comes back without it has lost its data (scheduler).
     */
    lineage: `${prefix}:lineage`,
    /** Lease of the scheduler that runs this hour's retention prune (SET NX PX): one prune at a time across schedulers. */
    retentionLease: `${prefix}:retention:lease`,
    /**
     * WebSub subscriptions: one JSON record per subscription, the subscription
     * of each feed (hash: feed id -> subscription id), and subscriptions by
     * when the scheduler next looks at them (sorted set: renewal due, then
     * lease end). One command per key, so they spread over a cluster's masters.
     */
    websub: {
      subscription: (id: string) => `${prefix}:websub:sub:${id}`,
      /** Counters of pushed content per subscription (hash: lastPushAt, rejected, limited, the current window's count), written field by field so pushes never overwrite a verification. */
      pushes: (id: string) => `${prefix}:websub:pushes:${id}`,
      byFeed: `${prefix}:websub:feeds`,
      due: `${prefix}:websub:due`,
    },
    /**
     * Story grouping state (RedisStoryState): every key under this prefix. One
     * hash tag for all of it: each grouping step is a pipeline over many of
     * these keys, which a Redis Cluster client sends to one node only.
     */
    storiesPrefix: `${prefix}:{stories}:`,
  } as const;
}

/** A newly indexed article as the indexer announces it on the `indexedEvents` stream (small: no text or HTML). */
export const IndexedEventSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  siteName: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  fetchedAt: z.string(),
  /** ISO time the indexer stored it. */
  indexedAt: z.string(),
});
export type IndexedEvent = z.infer<typeof IndexedEventSchema>;
