import type { Logger } from 'pino';
import { parseAlertMatchEvent } from '@tidings/alerts';
import { redisKeys, type AlertMatchEvent } from '@tidings/contracts';
import { indexedChannel, parseIndexedEvent, type IndexedEvent, type RedisClient } from '@tidings/queue';

/** Listeners of one kind of event, read from one channel's messages, each kept from failing the others. */
class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  constructor(
    private readonly log: Logger,
    private readonly parse: (message: string) => E | null,
    /** What a message is, for the warning about a malformed one. */
    private readonly kind: string,
  ) {}

  /** Parses one channel message and hands the event to every listener; a malformed message is logged and dropped. */
  receive(message: string): void {
    const event = this.parse(message);
    if (event === null) {
      this.log.warn({ message: message.slice(0, 200) }, `ignored a malformed ${this.kind}`);
      return;
    }
    this.dispatch(event);
  }

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
    log: Logger,
  ) {
    this.indexed = new Listeners(log, parseIndexedEvent, 'indexed event');
    this.alertMatches = new Listeners(log, parseAlertMatchEvent, 'saved-search match event');
  }

  /** Subscribes on `subscriber` (a connection of its own: a subscribed connection can do nothing else). */
  static async connect(subscriber: RedisClient, prefix: string, log: Logger): Promise<IndexedEventHub> {
    const hub = new IndexedEventHub(subscriber, log);
    const matchChannel = redisKeys(prefix).alertDelivery.matchChannel;
    subscriber.on('message', (channel: string, message: string) => (channel === matchChannel ? hub.alertMatches : hub.indexed).receive(message));
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

  async close(): Promise<void> {
    this.indexed.clear();
    this.alertMatches.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
