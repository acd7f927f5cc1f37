import { describeProcessContract } from '../contract/processes-contract.js';
import { PostgresIndex } from './postgres-index.js';
import { TEST_POSTGRES_URL, dropSchema, uniqueSchema } from '../testing/test-database.js';

// Separate pools in separate processes: claims by INSERT ... ON CONFLICT, upserts and claims serialised per URL
// by advisory locks, and the schema created by whichever process gets the migration lock first.
describeProcessContract('PostgresIndex', {
  async createStore() {
    const schema = uniqueSchema('tidings_proc');
    return {
      store: { kind: 'postgres', url: TEST_POSTGRES_URL, schema },
      open: () => PostgresIndex.open(TEST_POSTGRES_URL, { schema }),
      destroy: () => dropSchema(schema),
    };
  },
});
