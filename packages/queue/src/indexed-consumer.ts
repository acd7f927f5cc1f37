import type { Logger } from 'pino';
import type { IndexedEvent } from '@tidings/contracts';
import { compareStreamIds, type RawStreamEntry } from './announcement-stream.js';
import { indexedEventStream } from './events.js';
import { startReadLoop, type ReadLoop } from './read-loop.js';
import type { RedisClient } from './redis-client.js';

/** Pending entries idle this long are taken over (their reader died, or handling them failed) when not configured. */
export const CLAIM_IDLE_MS = 60_000;
/** Longest one read waits for new entries (a claim pass may be due meanwhile). */
const READ_BLOCK_MS = 5_000;
/** Entries read, or claimed, at once. */
const READ_COUNT = 100;
/** A consumer of the group this long idle, with nothing pending, is forgotten (a process that restarted under another name). */
const FORGET_CONSUMER_MS = 86_400_000;

/** What {@link startIndexedConsumer} needs. */
export interface IndexedConsumerOptions {
  /** For acknowledgements, claims and the group's bookkeeping; the reads get a connection of their own. */
  redis: RedisClient;
  prefix: string;
  /** The consumer group: every consumer of one group shares its entries, each handled by one of them. Renaming it starts a new group at the stream's end. */
  group: string;
  /** This consumer's name in the group, one per process (host and pid): entries it read and did not acknowledge are read again under it. */
  consumer: string;
  log: Logger;
  /** Handles one announcement; the entry is acknowledged once it resolves, and taken up again (maybe by another consumer) when it throws. */
  handle(event: IndexedEvent): Promise<void>;
  /** How long a pending entry waits before it is claimed (default CLAIM_IDLE_MS); tests shorten it. */
  claimIdleMs?: number;
}

/** How far the group has read, and what the stream holds (XINFO GROUPS and XINFO STREAM). */
export interface GroupPosition {
  /** Id of the last entry handed to a consumer of the group. */
  lastDelivered: string;
  /** Entries the group has read since the stream began, as Redis counts them; null when it cannot tell. */
  entriesRead: number | null;
  /** Id of the oldest entry left; null for an empty stream. */
  firstEntry: string | null;
  /** Id of the newest entry ever added. */
  lastGenerated: string;
  /** Entries ever added to the stream. */
  entriesAdded: number;
  /** Entries in the stream now. */
  length: number;
}

/**
 * Whether entries were trimmed away before the group read them (it was
 * behind by more than the stream holds): some were trimmed, and the group's
 * place is older than every entry left. How many, when Redis counts what
 * the group read (null: some, not how many); null when none were. Pure.
 */
export function trimmedUnread(position: GroupPosition): { lost: number | null } | null {
  const trimmed = position.entriesAdded - position.length;
  if (trimmed <= 0 || compareStreamIds(position.lastDelivered, position.lastGenerated) >= 0) return null;
  if (position.firstEntry !== null && compareStreamIds(position.lastDelivered, position.firstEntry) >= 0) return null;
  if (position.entriesRead === null) return { lost: null };
  // The trimmed entries are the oldest: those the group did not read are the rest of them.
  const lost = trimmed - position.entriesRead;
  return lost > 0 ? { lost } : null;
}

/** XINFO's flat [name, value, name, value...] answer as a record. */
function infoFields(flat: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (!Array.isArray(flat)) return fields;
  for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = flat[i + 1];
  return fields;
}

/**
 * Reads the stream of indexed articles through a consumer group, one
 * announcement at a time, acknowledging each once `handle` has resolved:
 *
 * - the group is created at the stream's end (`$`, MKSTREAM) when it does
 *   not exist: a first start is not flooded with every announcement the
 *   stream still holds; from then on the group keeps its place, so what is
 *   announced while no consumer runs is read once one does. A group that
 *   Redis lost (it restarted without its data) is created again at the
 *   stream's start, which then holds only what came after the loss;
 * - at start it reads again what it read under its name and did not
 *   acknowledge (a restart under the same host and pid, as in a container);
 * - every half CLAIM_IDLE_MS it claims (XAUTOCLAIM) the entries pending
 *   that long, whoever read them: those of a consumer that died, and its
 *   own that failed. Handling one twice must be harmless: the alerter
 *   queues deliveries under deterministic job ids;
 * - entries trimmed away before the group read them are logged as a
 *   warning with code `indexed-events-trimmed` and how many, and reading
 *   goes on from the oldest entry left.
 *
 * Any number of consumers (processes) share one group; each entry goes to
 * one of them. Stopping leaves the entries not yet handled pending.
 */
export async function startIndexedConsumer(options: IndexedConsumerOptions): Promise<ReadLoop> {
  const { redis, group, consumer, log } = options;
  const stream = indexedEventStream(options.prefix);
  const key = stream.key;
  const claimIdleMs = options.claimIdleMs ?? CLAIM_IDLE_MS;
  const claimEveryMs = Math.max(1, Math.floor(claimIdleMs / 2));

  const groupExists = async (): Promise<boolean> => {
    const groups = (await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[];
    return groups.some((entry) => infoFields(entry).name === group);
  };
  const ensureGroup = async (start: '$' | '0'): Promise<void> => {
    try {
      await redis.xgroup('CREATE', key, group, start, 'MKSTREAM');
      log.info({ group, start }, start === '$' ? 'consumer group created at the end of the indexed-article stream' : 'consumer group was gone: created again at the stream start');
    } catch (error) {
      // Another consumer created it first (BUSYGROUP): what matters is that it exists.
      if (!(await groupExists())) throw error;
    }
  };

  const ack = (id: string) => redis.xack(key, group, id);
  let lastTrimReport: string | null = null;
  const reportTrimmed = async (): Promise<void> => {
    const [groups, stream] = await Promise.all([redis.xinfo('GROUPS', key), redis.xinfo('STREAM', key)]);
    const mine = infoFields((groups as unknown[]).find((entry) => infoFields(entry).name === group));
    const info = infoFields(stream);
    const first = info['first-entry'];
    const position: GroupPosition = {
      lastDelivered: String(mine['last-delivered-id'] ?? '0-0'),
      entriesRead: typeof mine['entries-read'] === 'number' ? mine['entries-read'] : null,
      firstEntry: Array.isArray(first) ? String(first[0]) : null,
      lastGenerated: String(info['last-generated-id'] ?? '0-0'),
      entriesAdded: Number(info['entries-added'] ?? 0),
      length: Number(info.length ?? 0),
    };
    const trimmed = trimmedUnread(position);
    // Once per trim: the next read moves the group past it.
    const oldestLeft = position.firstEntry ?? position.lastGenerated;
    if (!trimmed || lastTrimReport === oldestLeft) return;
    lastTrimReport = oldestLeft;
    log.warn(
      { code: 'indexed-events-trimmed', group, lost: trimmed.lost, position: position.lastDelivered, oldestLeft },
      `announcements of ${trimmed.lost ?? 'some'} indexed articles were trimmed from the stream before they were read (the group was behind by more than the stream holds): they are not matched`,
    );
  };

  const handleEntries = async (entries: RawStreamEntry[], stopping: () => boolean): Promise<void> => {
    for (const raw of entries) {
      // What is left stays pending: read again at the next start, or claimed by another consumer.
      if (stopping()) return;
      const { id, event } = stream.entry(raw);
      if (raw[1] === null) {
        log.warn({ code: 'indexed-events-trimmed', group, lost: 1, entry: id }, 'a pending announcement was trimmed from the stream before it was handled: it is not matched');
      } else if (event === null) {
        log.warn({ entry: id }, 'ignored a stream entry that is not an indexed-article announcement');
      } else {
        try {
          await options.handle(event);
        } catch (error) {
          log.error({ err: error, entry: id, articleId: event.id }, `could not handle an indexed-article announcement: left pending, taken up again after ${claimIdleMs} ms`);
          continue;
        }
      }
      await ack(id);
    }
  };

  const claimPass = async (stopping: () => boolean): Promise<void> => {
    await reportTrimmed();
    let cursor = '0-0';
    do {
      const [next, entries, deleted] = (await redis.xautoclaim(key, group, consumer, claimIdleMs, cursor, 'COUNT', READ_COUNT)) as [string, RawStreamEntry[], string[]?];
      if (deleted && deleted.length > 0) {
        log.warn({ code: 'indexed-events-trimmed', group, lost: deleted.length }, `${deleted.length} pending announcements were trimmed from the stream before they were handled: they are not matched`);
      }
      if (entries.length > 0) log.info({ group, claimed: entries.length }, `took over announcements pending longer than ${claimIdleMs} ms`);
      await handleEntries(entries, stopping);
      cursor = next;
    } while (cursor !== '0-0' && !stopping());
    await forgetGoneConsumers();
  };

  const forgetGoneConsumers = async (): Promise<void> => {
    for (const entry of (await redis.xinfo('CONSUMERS', key, group)) as unknown[]) {
      const { name, pending, idle } = infoFields(entry);
      if (name !== consumer && pending === 0 && typeof idle === 'number' && idle > FORGET_CONSUMER_MS) await redis.xgroup('DELCONSUMER', key, group, String(name));
    }
  };

  await ensureGroup('$');
  // Its own pending entries first (`0`: from the start of what it holds), then new ones (`>`).
  let ownPendingAfter: string | null = '0';
  let nextClaimAt = 0;
  return startReadLoop({
    redis,
    log,
    what: 'indexed-article consumer',
    afterFailure: () => ensureGroup('0'),
    round: async (connection, stopping) => {
      if (Date.now() >= nextClaimAt) {
        await claimPass(stopping);
        nextClaimAt = Date.now() + claimEveryMs;
      }
      if (ownPendingAfter !== null) {
        const reply = (await connection.xreadgroup('GROUP', group, consumer, 'COUNT', READ_COUNT, 'STREAMS', key, ownPendingAfter)) as Array<[string, RawStreamEntry[]]> | null;
        const entries = reply?.[0]?.[1] ?? [];
        ownPendingAfter = entries.at(-1)?.[0] ?? null;
        await handleEntries(entries, stopping);
        return;
      }
      const blockMs = Math.max(1, Math.min(READ_BLOCK_MS, nextClaimAt - Date.now()));
      const reply = (await connection.xreadgroup('GROUP', group, consumer, 'COUNT', READ_COUNT, 'BLOCK', blockMs, 'STREAMS', key, '>')) as Array<[string, RawStreamEntry[]]> | null;
      await handleEntries(reply?.[0]?.[1] ?? [], stopping);
    },
  });
}
