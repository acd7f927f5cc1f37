import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TidingsIndex } from '../types.js';

/**
 * How the contract suite gets stores of one backend. Not exported from the
 * package: for this package's tests.
 */
export interface IndexHarness {
  /** Once per test file (e.g. create a PostgreSQL schema); should fail with a clear message when the backend is unreachable. */
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
  /** A fresh, empty store; `open` may be called several times for more instances on the same store. */
  createStore(): Promise<TestStore>;
}

export interface TestStore {
  open(): Promise<TidingsIndex>;
  /** Deletes the store (after every instance is closed). */
  destroy(): Promise<void>;
}

/** What each contract test uses: the index under test, and more instances on the same store. */
export interface ContractContext {
  readonly index: TidingsIndex;
  /** Another instance on the same store, closed after the test. */
  openAnother(): Promise<TidingsIndex>;
  /** Closes `index` and opens it again on the same store (persistence). */
  reopen(): Promise<TidingsIndex>;
}

/**
 * Registers the hooks giving each test a fresh store, and returns the
 * context the tests read `index` from. Call inside a describe block.
 */
export function useStore(harness: IndexHarness): ContractContext {
  let store: TestStore | undefined;
  let current: TidingsIndex | undefined;
  const others: TidingsIndex[] = [];

  // A setUp failure (PostgreSQL unreachable) is rethrown by every test, so each fails with the reason rather than
  // being reported as skipped.
  let setUpError: unknown;
  beforeAll(async () => {
    try {
      await harness.setUp?.();
    } catch (error) {
      setUpError = error;
    }
  });
  afterAll(async () => {
    if (setUpError === undefined) await harness.tearDown?.();
  });
  beforeEach(async () => {
    if (setUpError !== undefined) throw setUpError;
    store = await harness.createStore();
    current = await store.open();
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await current?.close();
    await store?.destroy();
    current = undefined;
    store = undefined;
  });

  const needStore = (): TestStore => {
    if (!store) throw new Error('no store: use the context inside a test');
    return store;
  };
  return {
    get index(): TidingsIndex {
      if (!current) throw new Error('no index: use the context inside a test');
      return current;
    },
    async openAnother() {
      const other = await needStore().open();
      others.push(other);
      return other;
    },
    async reopen() {
      await current?.close();
      current = await needStore().open();
      return current;
    },
  };
}
