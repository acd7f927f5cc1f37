// The alerter process: `node services/alerter/src/main.ts` through tsx in development, or `tidings worker alerter`.
import { serviceMain } from '@tidings/runtime';
import { alerterService } from './service.js';

serviceMain('alerter', alerterService);
