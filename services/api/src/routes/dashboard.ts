import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsync } from 'fastify';
import { ALL_QUEUES } from '@tidings/contracts';
import { requireAccess } from '../auth.js';
import type { ApiDeps } from '../deps.js';

/** Where bull-board is mounted. */
export const DASHBOARD_PATH = '/admin/queues';

/**
 * The dashboard loads nothing from outside this host: bull-board's own
 * scripts (one of its libraries compiles JSON schemas with `new Function`,
 * hence 'unsafe-eval'), styles (React sets inline ones) and images, and
 * nothing else.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A `<link>` to another host (bull-board's page links Google Fonts: its
 * styles fall back to the system fonts, as the search page uses).
 */
const LINK_TAG = /<link\s[^<>]*>\s*/gi;
const FOREIGN_HREF = /\bhref="(?:https?:)?\/\//i;

/** The dashboard's HTML without links to other hosts (the CSP would refuse them anyway: this spares the refused requests). */
function withoutForeignLinks(html: string): string {
  return html.replace(LINK_TAG, (tag) => (FOREIGN_HREF.test(tag) ? '' : tag));
}

/**
 * bull-board for every Tidings queue. It can retry, promote and clean jobs,
 * so with a token set every one of its routes needs it (Bearer, or Basic
 * with the token as password so a browser can ask for it). Its pages load
 * nothing from other hosts ({@link DASHBOARD_CSP}).
 */
export const dashboardRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', requireAccess(deps.auth, 'write', { basicRealm: 'Tidings dashboard' }));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', DASHBOARD_CSP).header('Referrer-Policy', 'no-referrer');
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    return html && typeof payload === 'string' ? withoutForeignLinks(payload) : payload;
  });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(deps.queues.get(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tidings queues', miscLinks: [{ text: 'Pipeline view', url: '/pipeline' }] } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
};
