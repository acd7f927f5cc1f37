import http from 'node:http';

/**
 * Test-only: a live SSE connection read as events arrive. Each client has a
 * connection of its own (no pooled keep-alive sockets that would outlive the
 * test). Not exported from the package.
 */

export interface StreamEvent {
  /** The event's name; 'comment' for a keep-alive line. */
  event: string;
  id: string | null;
  data: string;
}

/** A live `/api/stream` connection: events in arrival order, and a way to wait for the next one of a kind. */
export class StreamClient {
  readonly events: StreamEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private request: http.ClientRequest | null = null;
  private consumed = 0;
  private ended = false;
  private buffer = '';

  /** Connects (with `headers` besides Accept, a Last-Event-ID say) and waits for the `ready` event. */
  static async connect(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
    const client = new StreamClient();
    await new Promise<void>((resolve, reject) => {
      const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (response) => {
        if (response.statusCode !== 200) {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => reject(new Error(`stream answered ${response.statusCode}: ${body}`)));
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.receive(chunk));
        response.on('close', () => client.end());
        resolve();
      });
      request.on('error', (error) => {
        client.end();
        reject(error);
      });
      client.request = request;
    });
    await client.next('ready');
    return client;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'comment';
      const id = lines.find((line) => line.startsWith('id: '))?.slice(4) ?? null;
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      this.events.push({ event, id, data });
    }
    this.wake();
  }

  private end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The next event named `name` (earlier events of other names are skipped); fails if the stream ends first. */
  async next(name: string): Promise<StreamEvent> {
    for (;;) {
      while (this.consumed < this.events.length) {
        const event = this.events[this.consumed++]!;
        if (event.event === name) return event;
      }
      if (this.ended) throw new Error(`the stream ended before an "${name}" event`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The article ids (from their data) of the next `count` article events. */
  async articles(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((JSON.parse((await this.next('article')).data) as { id: string }).id);
    return ids;
  }

  close(): void {
    this.request?.destroy();
  }
}
