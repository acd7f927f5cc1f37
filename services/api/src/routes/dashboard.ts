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
 * bull-board for every Tidings queue. It can retry, promote and clean jobs,
 * so with a token set every one of its routes needs it (Bearer, or Basic
 * with the token as password so a browser can ask for it).
 */
export const dashboardRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', requireAccess(deps.auth, 'write', { basicRealm: 'Tidings dashboard' }));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(deps.queues.get(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tidings queues', miscLinks: [{ text: 'Pipeline view', url: '/pipeline' }] } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
};
