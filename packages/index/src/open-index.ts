import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TidingsError } from '@tidings/contracts';
import { PostgresIndex } from './postgres/postgres-index.js';
import { SqliteIndex } from './sqlite/sqlite-index.js';
import type { TidingsIndex } from './types.js';

/** File name of the SQLite index inside the data directory. */
export const INDEX_FILE = 'tidings.db';

/** Where the index lives: `config.dataDir` and `config.indexUrl`. */
export interface OpenIndexOptions {
  /** Directory of the SQLite file (used when `indexUrl` is not set). */
  dataDir: string;
  /** postgres:// URL: use PostgreSQL instead of SQLite. */
  indexUrl?: string | null;
}

/**
 * Opens the index every service shares: PostgreSQL when `indexUrl` is set
 * (config TIDINGS_INDEX_URL; schema `tidings` unless the URL has
 * `?schema=`), else `<dataDir>/tidings.db`, creating the directory and the
 * file when missing.
 *
 * @throws TidingsError `io` when the store cannot be reached, created or opened.
 */
export async function openIndex(options: OpenIndexOptions): Promise<TidingsIndex> {
  if (options.indexUrl) return PostgresIndex.open(options.indexUrl);
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw new TidingsError('io', `cannot create the data directory ${options.dataDir}: ${error instanceof Error ? error.message : String(error)}`, {
      permanent: false,
      cause: error,
    });
  }
  return SqliteIndex.open(join(options.dataDir, INDEX_FILE));
}
