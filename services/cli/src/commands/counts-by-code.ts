/**
 * Counts per queue and failure code for people, as `article-fetch
 * [host-backoff] 3 · article-index [timeout] 1` (`tidings retry`, `tidings
 * status`): entries of the same queue and code add up (one without a count
 * is one job), in the order first met. Pure.
 */
export function countsByCode(entries: Iterable<{ queue: string; code: string; count?: number }>): string {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.queue} [${entry.code}]`;
    counts.set(key, (counts.get(key) ?? 0) + (entry.count ?? 1));
  }
  return [...counts].map(([key, count]) => `${key} ${count}`).join(' · ');
}
