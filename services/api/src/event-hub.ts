import type { Logger } from 'pino';
import { indexedChannel, parseIndexedEvent, type IndexedEvent, type RedisClient } from '@tidings/queue';

/**
 * One Redis subscription to the installation's indexed-article channel,
 * fanned out to every live stream this process serves (a connection per
 * reader would not scale).
 */
export class IndexedEventHub {
  private readonly listeners = new Set<(event: IndexedEvent) => void>();

  private constructor(
    private readonly subscriber: RedisClient,
    private readonly log: Logger,
  ) {}

  /** Subscribes on `subscriber` (a connection of its own: a subscribed connection can do nothing else). */
  static async connect(subscriber: RedisClient, prefix: string, log: Logger): Promise<IndexedEventHub> {
    const hub = new IndexedEventHub(subscriber, log);
    subscriber.on('message', (_channel: string, message: string) => hub.dispatch(message));
    await subscriber.subscribe(indexedChannel(prefix));
    return hub;
  }

  /** Calls `listener` with each event from now on; returns a function that stops it. */
  listen(listener: (event: IndexedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many streams are listening. */
  get size(): number {
    return this.listeners.size;
  }

  private dispatch(message: string): void {
    const event = parseIndexedEvent(message);
    if (!event) {
      this.log.warn({ message: message.slice(0, 200) }, 'ignored a malformed indexed event');
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn({ err: error }, 'a stream listener failed');
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
