// The fetcher process: `node services/fetcher/src/main.ts` through tsx in development, or `tidings worker fetcher`.
import { serviceMain } from '@tidings/runtime';
import { fetcherService } from './service.js';

serviceMain('fetcher', fetcherService);
