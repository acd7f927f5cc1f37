// The extractor process: `node services/extractor/src/main.ts` through tsx in development, or `tidings worker extractor`.
import { serviceMain } from '@tidings/runtime';
import { extractorService } from './service.js';

serviceMain('extractor', extractorService);
