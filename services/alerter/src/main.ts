// The alerter process: `node services/alerter/src/main.ts` through tsx in development, or `tidings worker alerter`.
// First, and the rest loaded after it: a SIGTERM while the rest loads is remembered, and the worker then stops cleanly
// (exit 0) instead of ending with 143.
import '@tidings/runtime/early-stop';

const { serviceMain } = await import('@tidings/runtime');
const { alerterService } = await import('./service.js');

serviceMain('alerter', alerterService);
