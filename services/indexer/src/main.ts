// The indexer process: `node services/indexer/src/main.ts` through tsx in development, or `tidings worker indexer`.
import { serviceMain } from '@tidings/runtime';
import { indexerService } from './service.js';

serviceMain('indexer', indexerService);
