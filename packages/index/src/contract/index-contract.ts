import { describe } from 'vitest';
import { articleContract } from './articles-contract.js';
import { batchContract } from './batch-contract.js';
import { claimContract } from './claims-contract.js';
import { feedContract } from './feeds-contract.js';
import { useStore, type IndexHarness } from './harness.js';
import { retentionContract } from './retention-contract.js';
import { searchContract } from './search-contract.js';
import { searchEdgesContract } from './search-edges-contract.js';
import { searchOptionsContract } from './search-options-contract.js';
import { similarContract } from './similar-contract.js';
import { storedTextContract } from './stored-text-contract.js';
import { storiesContract } from './stories-contract.js';

export type { IndexHarness, TestStore } from './harness.js';

/**
 * The behaviour every TidingsIndex backend must have, as one suite: call it
 * from a test file with a harness giving fresh stores of that backend.
 */
export function describeIndexContract(name: string, harness: IndexHarness): void {
  describe(`${name} (TidingsIndex contract)`, () => {
    const ctx = useStore(harness);
    articleContract(ctx);
    batchContract(ctx);
    storedTextContract(ctx);
    searchContract(ctx);
    searchOptionsContract(ctx);
    searchEdgesContract(ctx);
    similarContract(ctx);
    storiesContract(ctx);
    feedContract(ctx);
    claimContract(ctx);
    retentionContract(ctx);
  });
}
