export { buildApp, MAX_URL_LENGTH, DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUTS, type ApiTimeouts, type BuildAppOptions } from './app.js';
export { allowedHostNames, hostNameOf, type HostSettings } from './host-check.js';
export { startApi, serverUrl, type ApiServer, type StartApiOptions } from './main.js';
export { assertSafeListen, isLoopbackHost, type AuthSettings } from './auth.js';
export { LiveEventHub } from './event-hub.js';
export { DASHBOARD_PATH } from './routes/dashboard.js';
export { DEFAULT_MAX_STREAMS, type ApiDeps } from './deps.js';
export { TIDINGS_OPML, type OpmlCodec, type OpmlOutline } from './opml.js';
