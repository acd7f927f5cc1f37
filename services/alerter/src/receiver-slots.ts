/**
 * Webhook deliveries in flight per receiver, in one alerter process. A
 * receiver that hangs holds each delivery for the whole timeout; without a
 * limit its backlog takes every delivery slot of the process and every
 * other saved search waits behind it. With one, it holds at most
 * {@link RECEIVER_CONCURRENCY} slots; its other deliveries are put aside
 * (no attempt spent) and come back one at a time, spaced by how long its
 * deliveries take.
 */

/** Deliveries in flight to one receiver (scheme, host and port of the webhook URL) per alerter process. */
export const RECEIVER_CONCURRENCY = 2;
/** Closest spacing of the deliveries that wait for a receiver. */
const MIN_STEP_MS = 50;
/** A receiver's deliveries not timed yet are taken to last this long. */
const UNTIMED_MS = 1_000;
/** Weight of the newest duration in a receiver's typical one. */
const SMOOTHING = 0.3;
/** Receivers remembered (with how long their deliveries take) before idle ones are forgotten. */
const SWEEP_ABOVE = 1_000;

interface Receiver {
  /** Start times of the deliveries in flight. */
  started: number[];
  /** Smoothed duration of its deliveries, null before the first ends. */
  typicalMs: number | null;
  /** The latest time handed to a delivery put aside: the next one comes a step after it. */
  cursor: number;
}

/**
 * A delivery the receiver cannot take now: put it aside for `waitMs`. Not a
 * failure. `reason` says why: 'busy', its share of deliveries is in flight;
 * 'backoff', it asked to be left alone (Retry-After: receiver-backoff.ts).
 */
export class ReceiverBusy extends Error {
  constructor(
    readonly receiver: string,
    readonly waitMs: number,
    readonly reason: 'busy' | 'backoff' = 'busy',
  ) {
    super(
      reason === 'backoff'
        ? `${receiver} asked to be left alone (Retry-After): this delivery waits ${waitMs} ms`
        : `${RECEIVER_CONCURRENCY} deliveries to ${receiver} are in flight already: this one waits ${waitMs} ms`,
    );
    this.name = 'ReceiverBusy';
  }
}

/** The receiver a webhook URL counts against: its origin (an unparsable URL is its own receiver). */
export function receiverOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class ReceiverSlots {
  private readonly receivers = new Map<string, Receiver>();

  /**
   * @param maxStepMs longest spacing of waiting deliveries: the delivery timeout (no slot is held longer).
   * @param now the clock; tests pass their own.
   */
  constructor(
    private readonly maxStepMs: number,
    private readonly limit: number = RECEIVER_CONCURRENCY,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes a slot for a delivery to `url`'s receiver, or says how long to wait.
   * Call `release` when the delivery is over, however it ended.
   */
  acquire(url: string): { granted: true; release(): void } | { granted: false; waitMs: number } {
    const key = receiverOf(url);
    const now = this.now();
    if (this.receivers.size > SWEEP_ABOVE) this.sweep(now);
    let receiver = this.receivers.get(key);
    if (!receiver) this.receivers.set(key, (receiver = { started: [], typicalMs: null, cursor: 0 }));
    if (receiver.started.length < this.limit) {
      receiver.started.push(now);
      const entry = receiver;
      let released = false;
      return {
        granted: true,
        release: () => {
          if (released) return;
          released = true;
          const ended = this.now();
          entry.started.splice(entry.started.indexOf(now), 1);
          const took = Math.max(0, ended - now);
          entry.typicalMs = entry.typicalMs === null ? took : entry.typicalMs + SMOOTHING * (took - entry.typicalMs);
        },
      };
    }
    // A slot frees up about when the oldest delivery ends: after the usual time, or later for one that runs long (a receiver that hangs).
    const busyMs = Math.max(receiver.typicalMs ?? UNTIMED_MS, now - Math.min(...receiver.started));
    const step = Math.min(Math.max(busyMs / this.limit, MIN_STEP_MS), this.maxStepMs);
    receiver.cursor = Math.max(now + step, receiver.cursor + step);
    return { granted: false, waitMs: Math.round(receiver.cursor - now) };
  }

  /** Forgets receivers with nothing in flight and no one waiting. */
  private sweep(now: number): void {
    for (const [key, receiver] of this.receivers) if (receiver.started.length === 0 && receiver.cursor <= now) this.receivers.delete(key);
  }
}
