import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TidingsError } from '@tidings/contracts';
import { SqliteIndex } from './sqlite/sqlite-index.js';
import type { TidingsIndex } from './types.js';

/** File name of the SQLite index inside the data directory. */
export const INDEX_FILE = 'tidings.db';

/**
 * Opens the index every service shares: `<dataDir>/tidings.db`, creating the
 * directory and the file when missing. SQLite is the only backend for now;
 * a PostgreSQL one will be chosen here by option when it exists.
 *
 * @throws TidingsError `io` when the directory or file cannot be created or opened.
 */
export async function openIndex(options: { dataDir: string }): Promise<TidingsIndex> {
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
