// The parser process: `node services/parser/src/main.ts` through tsx in development, or `tidings worker parser`.
import { serviceMain } from '@tidings/runtime';
import { parserService } from './service.js';

serviceMain('parser', parserService);
