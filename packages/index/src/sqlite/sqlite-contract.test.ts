import { join } from 'node:path';
import { describeIndexContract } from '../contract/index-contract.js';
import { makeTempDir } from '../test-fixtures.js';
import { SqliteIndex } from './sqlite-index.js';

describeIndexContract('SqliteIndex', {
  async createStore() {
    const temp = makeTempDir();
    const file = join(temp.dir, 'tidings.db');
    return { open: async () => SqliteIndex.open(file), destroy: async () => temp.remove() };
  },
});
