/** Where a sample goes: the view, already serialised once for every reader. */
export type SampleListener<T> = (sample: T, json: string) => void;

/**
 * Reads the pipeline's figures on one timer and hands each sample to every
 * live reader, so a hundred open pipeline pages cost one read per interval,
 * not a hundred. The timer runs only while someone listens; a one-off
 * request ({@link latest}) reuses a sample younger than the interval, and
 * concurrent ones share the read in flight. A failed read is reported and
 * the next tick tries again.
 */
export class PipelineSampler<T> {
  private readonly listeners = new Set<SampleListener<T>>();
  private timer: NodeJS.Timeout | undefined;
  private last: { at: number; sample: T; json: string } | undefined;
  private inFlight: Promise<{ sample: T; json: string }> | undefined;
  private closed = false;
  /** Reads done so far (tests check that readers share them). */
  reads = 0;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** A sample no older than the interval (read now when there is none). */
  async latest(): Promise<{ sample: T; json: string }> {
    if (this.last && this.now() - this.last.at < this.intervalMs) return this.last;
    return this.sample();
  }

  /** Starts sending samples to `listener` (the newest one at once when it is fresh); returns how to stop. */
  subscribe(listener: SampleListener<T>): () => void {
    this.listeners.add(listener);
    // A sample from before the timer last stopped may be old: a new reader gets only a fresh one.
    const fresh = this.last !== undefined && this.now() - this.last.at < this.intervalMs;
    if (fresh && this.last) listener(this.last.sample, this.last.json);
    if (!this.timer && !this.closed) {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      this.timer.unref();
      if (!fresh) void this.tick();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  /** How many readers are listening. */
  get listening(): number {
    return this.listeners.size;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
    this.listeners.clear();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    try {
      const { sample, json } = await this.sample();
      for (const listener of this.listeners) listener(sample, json);
    } catch (error) {
      this.onError(error);
    }
  }

  private sample(): Promise<{ sample: T; json: string }> {
    this.inFlight ??= (async () => {
      try {
        this.reads += 1;
        const sample = await this.read();
        const entry = { at: this.now(), sample, json: JSON.stringify(sample) };
        this.last = entry;
        return entry;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}
