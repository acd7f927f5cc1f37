import { TidingsError } from '@tidings/contracts';

/**
 * One abort signal for a whole fetch: fires when the time budget runs out or
 * when the caller aborts. Every awaited step (DNS, connect, headers, body,
 * each redirect hop) takes this signal, so the budget covers all of them.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = (): void => this.#controller.abort(this.#caller?.reason);
  #timeoutError: TidingsError | null = null;

  /**
   * @param timeoutMs The budget, in milliseconds, from now.
   * @param caller The caller's own signal, if any.
   * @param url Named in the timeout error.
   */
  constructor(timeoutMs: number, caller: AbortSignal | undefined, url: string) {
    this.#caller = caller;
    this.#timer = setTimeout(() => {
      this.#timeoutError = new TidingsError('timeout', `no complete response from ${url} within ${timeoutMs} ms`, {
        permanent: false,
      });
      this.#controller.abort(this.#timeoutError);
    }, timeoutMs);
    if (caller?.aborted === true) this.#onCallerAbort();
    else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Aborts when the budget runs out or the caller aborts. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The timeout error, once the budget has run out; else null. */
  get timeoutError(): TidingsError | null {
    return this.#timeoutError;
  }

  /** True when the caller's own signal aborted (as opposed to the timeout). */
  get callerAborted(): boolean {
    return this.#timeoutError === null && this.#caller?.aborted === true;
  }

  /** The caller's abort reason. */
  get callerReason(): unknown {
    return this.#caller?.reason;
  }

  /** Stops the timer and detaches from the caller's signal; call once the fetch settles. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}
