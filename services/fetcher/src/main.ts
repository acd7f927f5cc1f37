// The fetcher process: `node services/fetcher/src/main.ts` through tsx in development, or `tidings worker fetcher`.
// First, and the rest loaded after it: a SIGTERM while the rest loads is remembered, and the worker then stops cleanly
// (exit 0) instead of ending with 143.
import '@tidings/runtime/early-stop';

const { serviceMain } = await import('@tidings/runtime');
const { fetcherService } = await import('./service.js');

serviceMain('fetcher', fetcherService);
