import { join } from 'node:path';
import { describeProcessContract } from '../contract/processes-contract.js';
import { makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

// One file, several processes: SQLite's write lock and busy_timeout at work (and its WAL file shared between them).
describeProcessContract('SqliteIndex', {
  async createStore() {
    const temp = makeTempDir();
    const file = join(temp.dir, 'fresh.db');
    return { store: { kind: 'sqlite', file }, open: async () => SqliteIndex.open(file), destroy: async () => temp.remove() };
  },
});
