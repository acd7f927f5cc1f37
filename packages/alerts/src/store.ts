import { randomBytes, randomUUID } from 'node:crypto';
import {
  DeliveryLogEntrySchema,
  redisKeys,
  SavedSearchFiltersSchema,
  SavedSearchRecordSchema,
  TidingsError,
  type DeliveryLogEntry,
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
}

/** What creating a saved search takes (from the API or the CLI). */
export interface SavedSearchInput {
  name?: string;
  query: string;
  filters?: Record<string, string | undefined>;
  /** Where to post matches; a secret is made when none is given (it is shown once, on creation). */
  webhook?: { url: string; secret?: string } | null;
}

/** A saved search as shown to people and clients: the webhook's secret left out. */
export interface SavedSearchView {
  id: string;
  name: string;
  query: string;
  filters: SavedSearchRecord['filters'];
  webhook: { url: string } | null;
  createdAt: string;
}

export function savedSearchView(record: SavedSearchRecord): SavedSearchView {
  return { id: record.id, name: record.name, query: record.query, filters: record.filters, webhook: record.webhook ? { url: record.webhook.url } : null, createdAt: record.createdAt };
}

/** Entries kept in each delivery log. */
export const DELIVERY_LOG_LENGTH = 200;

function invalid(message: string): TidingsError {
  return new TidingsError('invalid-payload', message, { permanent: true });
}

export class SavedSearchStore {
  private readonly keys;

  constructor(
    private readonly redis: AlertsRedis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix).alerts;
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
      webhook = { url: input.webhook.url, secret: input.webhook.secret ?? randomBytes(24).toString('base64url') };
    }
    const record = SavedSearchRecordSchema.safeParse({
      id,
      name: input.name?.trim() || input.query.trim() || Object.entries(filters.data).map(([name, value]) => `${name}:${value}`).join(' '),
      query: input.query,
      filters: filters.data,
      webhook,
      createdAt: new Date().toISOString(),
    });
    if (!record.success) throw invalid(`invalid saved search: ${record.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    await this.redis.hset(this.keys.searches, id, JSON.stringify(record.data));
    await this.redis.publish(this.keys.changed, id);
    return record.data;
  }

  async get(id: string): Promise<SavedSearchRecord | null> {
    const raw = await this.redis.hget(this.keys.searches, id);
    if (raw === null) return null;
    const parsed = SavedSearchRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Every saved search, oldest first (records that no longer parse are skipped). */
  async list(): Promise<SavedSearchRecord[]> {
    const all = await this.redis.hgetall(this.keys.searches);
    const records: SavedSearchRecord[] = [];
    for (const raw of Object.values(all)) {
      const parsed = SavedSearchRecordSchema.safeParse(JSON.parse(raw));
      if (parsed.success) records.push(parsed.data);
    }
    return records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Deletes a saved search and its delivery log; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const removed = (await this.redis.hdel(this.keys.searches, id)) > 0;
    if (removed) {
      await this.redis.del(this.keys.log(id));
      await this.redis.publish(this.keys.changed, id);
    }
    return removed;
  }

  async logDelivery(searchId: string, entry: DeliveryLogEntry): Promise<void> {
    await this.redis.lpush(this.keys.log(searchId), JSON.stringify(entry));
    await this.redis.ltrim(this.keys.log(searchId), 0, DELIVERY_LOG_LENGTH - 1);
  }

  /** The latest delivery attempts of a saved search's webhook, newest first. */
  async deliveries(searchId: string, limit = 50): Promise<DeliveryLogEntry[]> {
    const raw = await this.redis.lrange(this.keys.log(searchId), 0, Math.max(0, Math.min(limit, DELIVERY_LOG_LENGTH) - 1));
    return raw.flatMap((line) => {
      const parsed = DeliveryLogEntrySchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    });
  }
}
