import { randomBytes, randomUUID } from 'node:crypto';
import {
  DeliveryLogEntrySchema,
  DIGEST_PERIODS,
  parseStored,
  redisKeys,
  SavedSearchFiltersSchema,
  SavedSearchRecordSchema,
  TidingsError,
  type DeliveryLogEntry,
  type DigestPeriod,
  type SavedSearchRecord,
} from '@tidings/contracts';
import { compileSavedSearch } from './saved-search.js';

/**
 * Saved searches kept in Redis: one hash (id -> record JSON), a channel that
 * tells the alerters to reload, and a capped delivery log per saved search.
 * Takes any client with these commands (ioredis, single server or cluster),
 * so this package stays free of a Redis driver.
 */
export interface AlertsRedis {
  hset(key: string, field: string, value: string): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
  hdel(key: string, field: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  publish(channel: string, message: string): Promise<unknown>;
  lpush(key: string, value: string): Promise<unknown>;
  ltrim(key: string, start: number, stop: number): Promise<unknown>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  del(key: string): Promise<number>;
  zadd(key: string, mode: 'NX', score: number, member: string): Promise<unknown>;
  zremrangebyrank(key: string, start: number, stop: number): Promise<unknown>;
  zrangebyscore(key: string, min: string, max: string, withScores: 'WITHSCORES'): Promise<string[]>;
  zrem(key: string, ...members: string[]): Promise<number>;
}

/** What creating a saved search takes (from the API or the CLI). */
export interface SavedSearchInput {
  name?: string;
  query: string;
  filters?: Record<string, string | undefined>;
  /** Where to post matches; a secret is made when none is given (it is shown once, on creation). */
  webhook?: { url: string; secret?: string } | null;
  /** Collect matches into one message per period, to its own webhook or else the search's. */
  digest?: { every: string; webhook?: { url: string; secret?: string } | null } | null;
}

/** A saved search as shown to people and clients: the webhook's secret left out. */
export interface SavedSearchView {
  id: string;
  name: string;
  query: string;
  filters: SavedSearchRecord['filters'];
  webhook: { url: string } | null;
  createdAt: string;
  digest: { every: DigestPeriod; webhook: { url: string } | null } | null;
}

export function savedSearchView(record: SavedSearchRecord): SavedSearchView {
  const digest = record.digest ? { every: record.digest.every, webhook: record.digest.webhook ? { url: record.digest.webhook.url } : null } : null;
  return { id: record.id, name: record.name, query: record.query, filters: record.filters, webhook: record.webhook ? { url: record.webhook.url } : null, createdAt: record.createdAt, digest };
}

/** Entries kept in each delivery log. */
export const DELIVERY_LOG_LENGTH = 200;

/** Matches kept waiting for one digest, at most (the newest): a broad search cannot grow its digest without bound. */
export const DIGEST_KEEP = 1_000;

/** A match waiting for its digest. */
export interface PendingMatch {
  articleId: string;
  /** ms */
  matchedAt: number;
}

function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

export class SavedSearchStore {
  private readonly keys;

  constructor(
    private readonly redis: AlertsRedis,
    prefix: string,
  ) {
    const keys = redisKeys(prefix);
    this.keys = { ...keys.alerts, ...keys.alertDelivery };
  }

  /**
   * Validates and stores a new saved search, and tells the alerters.
   * `checkWebhook` vets the webhook URL (the SSRF guard) before anything is stored.
   *
   * @throws TidingsError `invalid-payload` for a query the index would refuse
   *   or bad filters; whatever `checkWebhook` throws for a refused URL.
   */
  async create(input: SavedSearchInput, checkWebhook: (url: string) => Promise<unknown>): Promise<SavedSearchRecord> {
    if (typeof input.query !== 'string') throw invalid('a saved search needs a query (a string; empty when filters say it all)');
    const filters = SavedSearchFiltersSchema.safeParse(Object.fromEntries(Object.entries(input.filters ?? {}).filter(([, value]) => value !== undefined && value !== '')));
    if (!filters.success) throw invalid(`invalid saved search filters: ${filters.error.issues.map((issue) => `${issue.path.join('.') || issue.message}`).join(', ')} (allowed: site, lang, author, tag, feed)`);
    const id = randomUUID();
    // The index's own parser decides what is a valid query.
    compileSavedSearch({ id, query: input.query, filters: filters.data });
    let webhook: SavedSearchRecord['webhook'] = null;
    if (input.webhook) {
      await checkWebhook(input.webhook.url);
      webhook = { url: input.webhook.url, secret: input.webhook.secret ?? newSecret() };
    }
    let digest: SavedSearchRecord['digest'] = null;
    if (input.digest) {
      const every = DIGEST_PERIODS.find((period) => period === input.digest?.every);
      if (!every) throw invalid(`a digest is sent every ${DIGEST_PERIODS.join(' or ')}, not "${input.digest.every}"`);
      const own = input.digest.webhook;
      if (!own && !webhook) throw invalid('a digest needs a webhook: give the saved search one, or the digest its own');
      if (own) await checkWebhook(own.url);
      digest = { every, webhook: own ? { url: own.url, secret: own.secret ?? newSecret() } : null };
    }
    const record = SavedSearchRecordSchema.safeParse({
      id,
      name: input.name?.trim() || input.query.trim() || Object.entries(filters.data).map(([name, value]) => `${name}:${value}`).join(' '),
      query: input.query,
      filters: filters.data,
      webhook,
      createdAt: new Date().toISOString(),
      digest,
    });
    if (!record.success) throw invalid(`invalid saved search: ${record.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    await this.redis.hset(this.keys.searches, id, JSON.stringify(record.data));
    await this.redis.publish(this.keys.changed, id);
    return record.data;
  }

  async get(id: string): Promise<SavedSearchRecord | null> {
    const raw = await this.redis.hget(this.keys.searches, id);
    if (raw === null) return null;
    return parseStored(SavedSearchRecordSchema, raw);
  }

  /** Every saved search, oldest first (records that no longer parse, or are no JSON at all, are skipped: one bad record must not stop every alert). */
  async list(): Promise<SavedSearchRecord[]> {
    const all = await this.redis.hgetall(this.keys.searches);
    const records: SavedSearchRecord[] = [];
    for (const raw of Object.values(all)) {
      const record = parseStored(SavedSearchRecordSchema, raw);
      if (record) records.push(record);
    }
    return records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Deletes a saved search and its delivery log; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const removed = (await this.redis.hdel(this.keys.searches, id)) > 0;
    if (removed) {
      await this.redis.del(this.keys.log(id));
      await this.redis.del(this.keys.digest(id));
      await this.redis.publish(this.keys.changed, id);
    }
    return removed;
  }

  async logDelivery(searchId: string, entry: DeliveryLogEntry): Promise<void> {
    await this.redis.lpush(this.keys.log(searchId), JSON.stringify(entry));
    await this.redis.ltrim(this.keys.log(searchId), 0, DELIVERY_LOG_LENGTH - 1);
  }

  /** Keeps a match for the saved search's next digest (a match of the same article twice keeps the first time). */
  async collectForDigest(searchId: string, articleId: string, matchedAt: number): Promise<void> {
    const key = this.keys.digest(searchId);
    await this.redis.zadd(key, 'NX', matchedAt, articleId);
    await this.redis.zremrangebyrank(key, 0, -(DIGEST_KEEP + 1));
  }

  /** The matches waiting for a digest, made before `until` (ms), oldest first. */
  async pendingDigest(searchId: string, until: number): Promise<PendingMatch[]> {
    const flat = await this.redis.zrangebyscore(this.keys.digest(searchId), '-inf', `(${until}`, 'WITHSCORES');
    const pending: PendingMatch[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) pending.push({ articleId: flat[i] as string, matchedAt: Number(flat[i + 1]) });
    return pending;
  }

  /** Drops matches a digest has delivered (those matched since stay for the next one). */
  async clearDigest(searchId: string, articleIds: readonly string[]): Promise<void> {
    if (articleIds.length > 0) await this.redis.zrem(this.keys.digest(searchId), ...articleIds);
  }

  /** The latest delivery attempts of a saved search's webhook, newest first. */
  async deliveries(searchId: string, limit = 50): Promise<DeliveryLogEntry[]> {
    const raw = await this.redis.lrange(this.keys.log(searchId), 0, Math.max(0, Math.min(limit, DELIVERY_LOG_LENGTH) - 1));
    return raw.flatMap((line) => parseStored(DeliveryLogEntrySchema, line) ?? []);
  }
}
