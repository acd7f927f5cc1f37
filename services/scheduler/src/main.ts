// The scheduler process: `node services/scheduler/src/main.ts` through tsx in development, or `tidings worker scheduler`.
// First, and the rest loaded after it: a SIGTERM while the rest loads is remembered, and the worker then stops cleanly
// (exit 0) instead of ending with 143.
import '@tidings/runtime/early-stop';

const { serviceMain } = await import('@tidings/runtime');
const { schedulerService } = await import('./service.js');

serviceMain('scheduler', schedulerService);
