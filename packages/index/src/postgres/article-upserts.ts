import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { articleFacts } from '../search/article-facts.js';
import type { ArticleUpsertOutcome } from '../types.js';
import { RECORD_VALUE, TSV_VALUE, UPSERT_ARTICLE, UPSERT_ARTICLES, batchRow } from './articles.js';
import { jsonbArray } from './binary-params.js';
import { unstorableText } from '../search/checks.js';
import { isUnstorableText, sqlState, type Connections } from './connection.js';
import { tsvectorArray } from './lexemes.js';
import { articleValues } from './rows.js';

/**
 * Settings of an upsert's transaction. An insert that fills the full-text
 * index's pending list past its limit (16 MB, migration 5) merges the whole
 * list into the index, gathering its entries in `work_mem` and writing them
 * out whenever that is full: at the default 4 MB a 16 MB list would go in
 * several passes, each rewriting the posting lists of the words it met,
 * which is what the larger list is there to save. Only one writer merges
 * at a time, so this much memory is used once, for the merge's duration.
 */
const UPSERT_SETTINGS = { work_mem: '64MB' } as const;

/** A checked article of a batch, or the error that refused it. */
export type CheckedUpsert = { record: ArticleRecord; itemUrl: string | undefined } | TidingsError;

/**
 * One article of a batch failed on its own: carried out of the transaction
 * (which is then rolled back) as a TidingsError, so the connection layer
 * neither wraps it nor takes the connection for broken.
 */
class RefusedArticle extends TidingsError {
  readonly position: number;
  readonly reason: unknown;

  constructor(position: number, reason: unknown) {
    super('invalid-payload', 'an article of the batch was refused', { permanent: true, cause: reason });
    this.position = position;
    this.reason = reason;
  }
}

/** Failures that belong to one article, not to the store: its id held by another URL, text PostgreSQL cannot hold. */
function refusesArticle(error: unknown): boolean {
  const idClash = sqlState(error) === '23505' && (error as { constraint?: string }).constraint === 'articles_id_key';
  return idClash || isUnstorableText(error);
}

interface Prepared {
  /** Index in the batch. */
  position: number;
  record: ArticleRecord;
  /** The article and item URLs: their stripe locks are taken, the item URL's feeds credited. */
  urls: string[];
  /** Parameters of UPSERT_ARTICLE. */
  values: unknown[];
}

/**
 * Upserts a batch in one READ COMMITTED transaction: the stripe locks of
 * every URL (see Connections), then one multi-row statement per round (a
 * URL given twice goes in a second round), then one commit. When
 * PostgreSQL refuses an article the statement cannot say which, so the
 * batch runs again article by article ({@link upsertOneByOne}).
 */
export async function upsertBatch(db: Connections, items: readonly CheckedUpsert[]): Promise<ArticleUpsertOutcome[]> {
  const outcomes: Array<ArticleUpsertOutcome | undefined> = items.map((item) => (item instanceof TidingsError ? { ok: false, error: item } : undefined));
  const prepared = items.flatMap((item, position): Prepared[] => {
    if (item instanceof TidingsError) return [];
    const record = { ...item.record, feedUrls: [...new Set(item.record.feedUrls)] };
    const urls = [record.url, item.itemUrl ?? record.url];
    return [{ position, record, urls, values: [...articleValues(record, articleFacts(record)), urls] }];
  });
  if (prepared.length === 0) return finish(outcomes);
  if (prepared.length === 1) return finish(await upsertOneByOne(db, prepared, outcomes));
  // Each round's parameters are made before the transaction: its locks are held for the statements alone.
  const statements = rounds(prepared).map((round) => ({
    round,
    values: [
      JSON.stringify(round.map((article) => batchRow(article.position, article.values, article.urls))),
      tsvectorArray(round.map((article) => article.values[TSV_VALUE] as Buffer)),
      jsonbArray(round.map((article) => article.values[RECORD_VALUE] as string)),
    ],
  }));
  let created: Map<number, boolean>;
  try {
    created = await db.transaction(
      'upsert articles',
      'READ COMMITTED',
      async (client) => {
        const flags = new Map<number, boolean>();
        for (const { round, values } of statements) {
          let result;
          try {
            result = await client.query<{ url: string; created: boolean }>({ name: 'tidings_upsert_articles', text: UPSERT_ARTICLES, values });
          } catch (error) {
            if (refusesArticle(error)) throw new RefusedArticle(-1, error);
            throw error;
          }
          const byUrl = new Map(result.rows.map((row) => [row.url, row.created]));
          for (const article of round) flags.set(article.position, byUrl.get(article.record.url) ?? false);
        }
        return flags;
      },
      { locks: { urls: prepared.flatMap((article) => article.urls), shared: true }, settings: UPSERT_SETTINGS },
    );
  } catch (error) {
    if (!(error instanceof RefusedArticle)) throw error;
    return finish(await upsertOneByOne(db, prepared, outcomes));
  }
  for (const article of prepared) outcomes[article.position] = { ok: true, id: article.record.id, created: created.get(article.position) ?? false };
  return finish(outcomes);
}

/** The articles in rounds with no URL twice: the k-th article of a URL goes in round k, so each URL's go in order. */
function rounds(articles: readonly Prepared[]): Prepared[][] {
  const result: Prepared[][] = [];
  const seen = new Map<string, number>();
  for (const article of articles) {
    const round = seen.get(article.record.url) ?? 0;
    seen.set(article.record.url, round + 1);
    (result[round] ??= []).push(article);
  }
  return result;
}

function finish(outcomes: ReadonlyArray<ArticleUpsertOutcome | undefined>): ArticleUpsertOutcome[] {
  return outcomes.map((outcome) => outcome ?? { ok: false, error: new TidingsError('io', 'article upsert lost its outcome', { permanent: false }) });
}

/**
 * How often an article's insert may lose the race to a concurrent insert
 * of the same article before it is refused: each loss means another
 * writer stored it meanwhile, so the next attempt updates that row.
 */
const MAX_LOST_RACES = 3;

/**
 * The batch one statement per article, in one transaction. An article
 * PostgreSQL refuses aborts the transaction; it is set aside with its own
 * error and the rest run again, so k refusals cost k + 1 transactions
 * (they are rare) and what is stored is what the good articles alone give.
 *
 * Two writers inserting the same new article at once: ON CONFLICT (url)
 * orders them only when one sees the other's row before inserting. When
 * both insert, the loser's entry in the id index (unique, not the
 * conflict's arbiter) waits for the winner and then fails as a duplicate
 * id, held by the same URL. That is no refusal: the transaction runs again
 * and takes the ON CONFLICT path.
 */
async function upsertOneByOne(db: Connections, prepared: readonly Prepared[], outcomes: Array<ArticleUpsertOutcome | undefined>): Promise<Array<ArticleUpsertOutcome | undefined>> {
  let pending = [...prepared];
  let lostRaces = 0;
  while (pending.length > 0) {
    const current = pending;
    try {
      const created = await db.transaction(
        'upsert articles',
        'READ COMMITTED',
        async (client) => {
          const flags: boolean[] = [];
          for (const { position, values } of current) {
            try {
              const result = await client.query<{ created: boolean }>({ name: 'tidings_upsert_article', text: UPSERT_ARTICLE, values });
              flags.push(result.rows[0]?.created ?? false);
            } catch (error) {
              if (refusesArticle(error)) throw new RefusedArticle(position, error);
              throw error;
            }
          }
          return flags;
        },
        { locks: { urls: current.flatMap((article) => article.urls), shared: true }, settings: UPSERT_SETTINGS },
      );
      current.forEach((article, i) => {
        outcomes[article.position] = { ok: true, id: article.record.id, created: created[i] ?? false };
      });
      pending = [];
    } catch (error) {
      if (!(error instanceof RefusedArticle)) throw error;
      const refused = current.find((article) => article.position === error.position);
      const holder = refused && !isUnstorableText(error.reason) ? await idHolder(db, refused.record.id) : null;
      if (refused && holder === refused.record.url && lostRaces < MAX_LOST_RACES) {
        lostRaces += 1;
        continue;
      }
      outcomes[error.position] = { ok: false, error: refused ? refusal(refused.record, error.reason, holder) : unstorableText('upsert article', error.reason) };
      pending = current.filter((article) => article.position !== error.position);
    }
  }
  return outcomes;
}

/** The URL of the stored article holding `id`, or null. */
async function idHolder(db: Connections, id: string): Promise<string | null> {
  const row = await db.withClient('upsert article', async (client) => (await client.query<{ url: string }>('SELECT url FROM articles WHERE id = $1', [id])).rows[0]);
  return row?.url ?? null;
}

/** The error an article's refusal is reported with: which article holds its id, or what text could not be stored. */
function refusal(record: ArticleRecord, reason: unknown, holder: string | null): TidingsError {
  if (isUnstorableText(reason)) return unstorableText('upsert article', reason);
  return new TidingsError('invalid-payload', `article id ${record.id} of ${record.url} is already used by ${holder ?? 'another article'}`, { permanent: true, cause: reason });
}
