import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendHugePage } from './huge-page.js';
import { CP1251_ARTICLE_PATH, FAILURE_PATHS, FEED_PATHS, PUBLIC_DIR } from './paths.js';
import { prepareFiles, readTree, sendFile, type SiteFile } from './static-files.js';

export { CP1251_ARTICLE_PATH, FAILURE_PATHS, FEED_PATHS, PRIVATE_ADDRESS_URL, SEED_ARTICLE_PATH } from './paths.js';
export { SITE_ARTICLES, type SiteArticle } from './inventory.js';

/** A running fixture news site. */
export interface SiteServer {
  /** Base URL without a trailing slash, e.g. 'http://127.0.0.1:43123'. */
  url: string;
  /** Absolute feed URLs; `all` is the three healthy feeds (rss, atom, json). */
  feeds: { rss: string; atom: string; json: string; failures: string; broken: string; all: string[] };
  /** Every request since start or `reset()`, in order; `path` is the request target, query included. */
  requests: Array<{ method: string; path: string; headers: Record<string, string | string[] | undefined> }>;
  /** Clears the request log and restarts the flaky page's failures. */
  reset(): void;
  close(): Promise<void>;
}

/** How many times the flaky page answers 500 before it works. */
const FLAKY_FAILURES = 2;

/** Served byte for byte with a bare type: the client must find the charset in the page's meta tag. */
const BYTE_EXACT = new Map([[CP1251_ARTICLE_PATH, 'text/html']]);

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(text);
}

/** The request's path, percent-decoded; undefined when it cannot be decoded. */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return decodeURIComponent(new URL(req.url ?? '/', 'http://site.invalid').pathname);
  } catch {
    return undefined;
  }
}

/**
 * Serves the Caucasus Courier fixture site (packages/demo-site/public) plus its failure
 * routes: a page that fails twice then works, a 3 MB chunked page, and a
 * redirect loop. Text files have {{BASE}} replaced by the server's own URL.
 */
export async function startSite(options: { port?: number; host?: string } = {}): Promise<SiteServer> {
  const host = options.host ?? '127.0.0.1';
  const raw = await readTree(PUBLIC_DIR);
  const requests: SiteServer['requests'] = [];
  let files = new Map<string, SiteFile>();
  let flakyHits = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    const pathname = pathOf(req);
    if (pathname === undefined) return sendText(res, 400, 'Bad Request\n');
    switch (pathname) {
      case FAILURE_PATHS.flaky:
        flakyHits += 1;
        if (flakyHits <= FLAKY_FAILURES) return sendText(res, 500, 'Internal Server Error\n');
        break;
      case FAILURE_PATHS.huge:
        return sendHugePage(req, res);
      case FAILURE_PATHS.loop:
        return sendText(res, 302, 'Found\n', { Location: FAILURE_PATHS.loopBack });
      case FAILURE_PATHS.loopBack:
        return sendText(res, 302, 'Found\n', { Location: FAILURE_PATHS.loop });
    }
    const file = files.get(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (file) return sendFile(req, res, file);
    if (files.has(`${pathname}/index.html`)) return sendText(res, 301, 'Moved Permanently\n', { Location: `${pathname}/` });
    sendText(res, 404, 'Not Found\n');
  };

  const server = http.createServer(handle);
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The base URL is known only once listening; nobody has it to send a request before this resolves.
  files = await prepareFiles(raw, url, BYTE_EXACT);

  let closing: Promise<void> | undefined;
  const feed = (path: string) => `${url}${path}`;
  return {
    url,
    feeds: {
      rss: feed(FEED_PATHS.rss),
      atom: feed(FEED_PATHS.atom),
      json: feed(FEED_PATHS.json),
      failures: feed(FEED_PATHS.failures),
      broken: feed(FEED_PATHS.broken),
      all: [feed(FEED_PATHS.rss), feed(FEED_PATHS.atom), feed(FEED_PATHS.json)],
    },
    requests,
    reset() {
      requests.length = 0;
      flakyHits = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets and a half-read huge page would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
