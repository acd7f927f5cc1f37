import type pg from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import { TidingsError } from '@tidings/contracts';
import { unstorableText } from '../search/checks.js';

/**
 * The settings every connection of the index starts with (libpq's
 * `options`), in `schema`:
 * - `enable_seqscan` off: the planner prices a sequential scan evaluating
 *   `@@` as cheap, but it has to detoast every row's tsvector; the GIN index
 *   (exact for plain words) is far cheaper even for common words. Every
 *   statement of the index has an index path, or no other path at all.
 * - `jit` off: a statement with no other path than a sequential scan (a
 *   listing of the feeds in the order they were added, which no index
 *   has) keeps it, priced 10^10 by the setting above, which is far past
 *   `jit_above_cost`: PostgreSQL then compiles the statement with LLVM
 *   first, 40-170 ms for a statement that runs in a fraction of a
 *   millisecond. No statement of the index is long enough for compiling to
 *   pay.
 */
export function sessionOptions(schema: string): string {
  return `-c search_path=${schema} -c enable_seqscan=off -c jit=off`;
}

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ READ ONLY';

/** SQLSTATEs after which a transaction is simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 10;

/**
 * Advisory lock stripes guarding item URLs (see urlLockStatement). Few
 * enough that a claim of hundreds of URLs takes a bounded number of locks,
 * many enough that unrelated URLs rarely wait for each other.
 */
const URL_LOCK_STRIPES = 64;
/** First key of the stripe locks: keeps them apart from other advisory locks (the migration lock). */
const URL_LOCK_SPACE = 0x7469_6475; // "tidu"

/** Stripe of a URL: FNV-1a of its UTF-16 code units. */
function stripeOf(url: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i += 1) hash = Math.imul(hash ^ url.charCodeAt(i), 0x01000193) >>> 0;
  return hash % URL_LOCK_STRIPES;
}

/**
 * Stripe locks a transaction takes first. Claims take them exclusive;
 * upserts `shared`: an upsert must not interleave with a claim of its URL
 * (each would miss what the other writes), but two upserts need no lock
 * from each other (ON CONFLICT orders them; two inserts of the same new
 * article at once are the exception, rerun by article-upserts.ts), and a batch of a hundred URLs
 * covers most of the 64 stripes, so exclusive upserts ran one at a time.
 */
export interface UrlLocks {
  urls: string[];
  shared?: boolean;
}

/**
 * The statement taking (until the transaction ends) the stripe locks of
 * these URLs, in ascending order so two transactions never wait for each
 * other in a cycle. Statements after it see everything committed by whoever
 * held them before. Only numbers are interpolated.
 */
function urlLockStatement(locks: UrlLocks): string {
  const stripes = [...new Set(locks.urls.map(stripeOf))].sort((a, b) => a - b);
  const lock = locks.shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  return `SELECT ${lock}(${URL_LOCK_SPACE}, s) FROM unnest('{${stripes.join(',')}}'::integer[]) AS s;`;
}

/** How a transaction starts, besides its isolation level. */
export interface TransactionOptions {
  /** Stripe locks taken first. */
  locks?: UrlLocks;
  /**
   * Settings for this transaction alone (SET LOCAL), e.g. the memory an upsert may use merging the GIN pending
   * list. Constants of the code, never input: interpolated as they are.
   */
  settings?: Readonly<Record<string, string>>;
  /**
   * One statement run in the same round trip as BEGIN (after the locks, before the settings, so it is planned
   * without them), its result handed to the body: a read that comes first anyway, e.g. a search's horizon. A
   * constant of the code, never input.
   */
  prelude?: string;
}

/** The SQLSTATE (or Node network code) of a pg error. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * SQLSTATEs PostgreSQL gives text it cannot hold: 22021 (a NUL character,
 * U+0000, or bytes invalid in the database encoding) and 22P05 (a character
 * the encoding lacks). The input is at fault, not the database: retrying
 * would fail the same way.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** True for PostgreSQL's refusal of text it cannot hold (a NUL character...). */
export function isUnstorableText(error: unknown): boolean {
  return UNSTORABLE_TEXT.has(sqlState(error) ?? '');
}

/**
 * The server cannot be reached or is going away: connection exceptions
 * (class 08), admin or crash shutdown, starting up (57P01-57P03), too many
 * connections (53300). Anything without a five-character SQLSTATE (a
 * socket error, a connection cut mid-query) means the connection itself failed.
 */
export function isUnreachable(error: unknown): boolean {
  const state = sqlState(error);
  if (state === undefined || !/^[0-9A-Z]{5}$/u.test(state)) return true;
  return state.startsWith('08') || state.startsWith('57P') || state === '53300';
}

/**
 * The database answers but cannot take writes for now, whatever is sent:
 * read-only (25006, a standby after a failover), disk full (53100), out of
 * memory (53200). Retrying the job soon cannot help; waiting for the
 * operator can.
 */
const CANNOT_WRITE_NOW = new Set(['25006', '53100', '53200']);

/**
 * A database failure as a TidingsError naming the operation and the
 * SQLSTATE or network code: an unreachable database, or one that cannot
 * take writes for now, as `unavailable` (the job waits for it without
 * spending attempts), input the database cannot hold (a NUL character) as
 * a permanent `invalid-payload`, anything else (conflicting past the
 * retries, a statement timed out) as retryable `io`; TidingsErrors pass.
 */
export function asIndexError(error: unknown, action: string): unknown {
  if (error instanceof TidingsError) return error;
  if (isUnstorableText(error)) return unstorableText(action, error);
  const code = sqlState(error) ?? 'unknown';
  const detail = error instanceof Error ? `: ${error.message}` : '';
  const waits = isUnreachable(error) || CANNOT_WRITE_NOW.has(code);
  return new TidingsError(waits ? 'unavailable' : 'io', `index ${action} failed (${code})${detail}`, { permanent: false, cause: error });
}

/** A pg.Pool with the two ways PostgresIndex uses it: one connection, or one transaction run again on conflicts. */
export class Connections {
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(pool: pg.Pool) {
    this.pool = pool;
    // An idle connection cut by the server (a restart, an admin shutdown) is dropped by the pool;
    // without a listener its 'error' event would take the whole process down.
    this.pool.on('error', () => {});
  }

  /** Runs `body` with a pooled connection, turning database failures into TidingsErrors. */
  async withClient<T>(action: string, body: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new TidingsError('io', `cannot ${action}: the index is closed`, { permanent: false });
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asIndexError(error, action);
    }
    let broken = false;
    // A connection cut between two queries of `body` emits 'error' on the client: the next query fails instead.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      return await body(client);
    } catch (error) {
      // No SQLSTATE: the connection itself failed, so it must not go back to the pool.
      broken ||= !(error instanceof TidingsError) && isUnreachable(error);
      throw asIndexError(error, action);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /**
   * Runs `body` in a transaction, again (after a short random pause) when it
   * conflicted with a concurrent one. `options`: settings made and stripe locks taken first.
   */
  async transaction<T>(
    action: string,
    isolation: Isolation,
    body: (client: PoolClient, prelude: QueryResult | undefined) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    // BEGIN, the lock statement, the prelude and the settings go as one simple query: one round trip.
    const { locks, settings = {}, prelude } = options;
    const statements = [`BEGIN ISOLATION LEVEL ${isolation};`];
    if (locks && locks.urls.length > 0) statements.push(urlLockStatement(locks));
    const preludeAt = statements.length;
    if (prelude !== undefined) statements.push(`${prelude};`);
    for (const [name, value] of Object.entries(settings)) statements.push(`SET LOCAL ${name} = '${value}';`);
    const begin = statements.join('');
    return this.withClient(action, async (client) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          // A simple query of several statements gives one result each. Inside the try: a lock or prelude statement
          // that fails (cancelled, timed out) leaves the transaction open and aborted, and the ROLLBACK below must end
          // it, or the connection goes back to the pool failing every query with 25P02 until it is dropped.
          const started = (await client.query(begin)) as unknown as QueryResult | QueryResult[];
          const result = await body(client, prelude === undefined || !Array.isArray(started) ? undefined : started[preludeAt]);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // Ends an open or aborted transaction; after a failed COMMIT, or with none begun, PostgreSQL only warns.
          await client.query('ROLLBACK');
          const state = sqlState(error);
          if (error instanceof TidingsError || state === undefined || !RETRYABLE.has(state) || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    });
  }

  /** Closes the pool once; later calls fail with a retryable io error. */
  async end(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
