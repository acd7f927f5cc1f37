// The scheduler process: `node services/scheduler/src/main.ts` through tsx in development, or `tidings worker scheduler`.
import { serviceMain } from '@tidings/runtime';
import { schedulerService } from './service.js';

serviceMain('scheduler', schedulerService);
