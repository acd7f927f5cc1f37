export { buildApp, MAX_URL_LENGTH, DEFAULT_BODY_LIMIT } from './app.js';
export { startApi, serverUrl, type ApiServer, type StartApiOptions } from './main.js';
export { assertSafeListen, isLoopbackHost, type AuthSettings } from './auth.js';
export { IndexedEventHub } from './event-hub.js';
export { DASHBOARD_PATH } from './routes/dashboard.js';
export type { ApiDeps } from './deps.js';
export { TIDINGS_OPML, type OpmlCodec, type OpmlOutline } from './opml.js';
