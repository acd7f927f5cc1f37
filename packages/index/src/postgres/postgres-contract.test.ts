import { describeIndexContract } from '../contract/index-contract.js';
import { PostgresIndex } from './postgres-index.js';
import { TEST_POSTGRES_URL, dropSchema, truncateSchema, uniqueSchema, withAdminClient } from '../testing/test-database.js';

const schema = uniqueSchema();

describeIndexContract('PostgresIndex', {
  async setUp() {
    // Fails every test of the file, with the reason, when PostgreSQL is not there.
    await withAdminClient(async () => {});
    await (await PostgresIndex.open(TEST_POSTGRES_URL, { schema })).close();
  },
  async tearDown() {
    await dropSchema(schema);
  },
  async createStore() {
    await truncateSchema(schema);
    return { open: () => PostgresIndex.open(TEST_POSTGRES_URL, { schema, poolSize: 4 }), destroy: async () => {} };
  },
});
