import type { Logger } from 'pino';
import { parseAlertMatchEvent } from '@tidings/alerts';
import { redisKeys, type AlertMatchEvent } from '@tidings/contracts';
import { indexedChannel, parseIndexedEvent, type IndexedEvent, type RedisClient } from '@tidings/queue';

/** Listeners of one kind of event, each kept from failing the others. */
class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  constructor(private readonly log: Logger) {}

  /** Calls `listener` with each event from now on; returns a function that stops it. */
  listen(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  dispatch(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn({ err: error }, 'a stream listener failed');
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * One Redis subscription to the installation's indexed-article channel and
 * saved-search match channel, fanned out to every live stream this process
 * serves (a connection per reader would not scale).
 */
export class IndexedEventHub {
  private readonly indexed: Listeners<IndexedEvent>;
  /** Saved-search matches as the alerter announces them, for the live stream of each saved search. */
  readonly alertMatches: Listeners<AlertMatchEvent>;

  private constructor(
    private readonly subscriber: RedisClient,
    private readonly log: Logger,
  ) {
    this.indexed = new Listeners(log);
    this.alertMatches = new Listeners(log);
  }

  /** Subscribes on `subscriber` (a connection of its own: a subscribed connection can do nothing else). */
  static async connect(subscriber: RedisClient, prefix: string, log: Logger): Promise<IndexedEventHub> {
    const hub = new IndexedEventHub(subscriber, log);
    const matchChannel = redisKeys(prefix).alertDelivery.matchChannel;
    subscriber.on('message', (channel: string, message: string) => (channel === matchChannel ? hub.dispatchMatch(message) : hub.dispatch(message)));
    await subscriber.subscribe(indexedChannel(prefix), matchChannel);
    return hub;
  }

  /** Calls `listener` with each newly indexed article from now on; returns a function that stops it. */
  listen(listener: (event: IndexedEvent) => void): () => void {
    return this.indexed.listen(listener);
  }

  /** How many streams are listening for indexed articles. */
  get size(): number {
    return this.indexed.size;
  }

  private dispatch(message: string): void {
    const event = parseIndexedEvent(message);
    if (!event) {
      this.log.warn({ message: message.slice(0, 200) }, 'ignored a malformed indexed event');
      return;
    }
    this.indexed.dispatch(event);
  }

  private dispatchMatch(message: string): void {
    const event = parseAlertMatchEvent(message);
    if (!event) {
      this.log.warn({ message: message.slice(0, 200) }, 'ignored a malformed saved-search match event');
      return;
    }
    this.alertMatches.dispatch(event);
  }

  async close(): Promise<void> {
    this.indexed.clear();
    this.alertMatches.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
