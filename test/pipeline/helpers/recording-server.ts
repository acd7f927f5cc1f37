import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** ms (performance.now) when the request arrived and when its response ended. */
  startedAt: number;
  endedAt: number | null;
  status: number | null;
}

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>;

/**
 * A programmable HTTP server on 127.0.0.1 that records what a polite client
 * must be judged by: every request with its arrival time, the most requests
 * it ever had in flight at once, and the shortest gap between two request
 * starts. Routes are matched by path (query ignored); `hit` counts calls.
 */
export interface RecordingServer {
  origin: string;
  url(path: string): string;
  route(path: string, handler: Route): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  maxInFlight(): number;
  /** Shortest time between two consecutive request starts, ms (Infinity with fewer than two). */
  minStartGap(): number;
  close(): Promise<void>;
}

export async function startRecordingServer(host = '127.0.0.1'): Promise<RecordingServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const record: RecordedRequest = { path, headers: req.headers, startedAt: performance.now(), endedAt: null, status: null };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
      record.endedAt = performance.now();
      record.status = res.statusCode;
    });
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void Promise.resolve(handler(req, res, hit)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  // Keep-alive would let idle sockets hold close() open.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    maxInFlight: () => maxInFlight,
    minStartGap: () => {
      const starts = requests.map((request) => request.startedAt).sort((a, b) => a - b);
      let gap = Number.POSITIVE_INFINITY;
      for (let i = 1; i < starts.length; i++) gap = Math.min(gap, starts[i]! - starts[i - 1]!);
      return gap;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A small RSS 2.0 feed whose items link to `links`, published `gapMs` apart, newest now. */
export function rssFeed(options: { links: string[]; gapMs?: number; ttlMinutes?: number; extraChannel?: string; now?: number }): string {
  const now = options.now ?? Date.now();
  const items = options.links
    .map(
      (link, i) => `<item><title>Story ${i}</title><link>${link}</link><guid>${link}</guid><pubDate>${new Date(now - i * (options.gapMs ?? 3_600_000)).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title><link>http://example.org/</link><description>d</description>
${options.ttlMinutes ? `<ttl>${options.ttlMinutes}</ttl>` : ''}${options.extraChannel ?? ''}
${items}
</channel></rss>`;
}

/** An article page the extractor would accept and classify as an article (not needed by fetch-only tests, but realistic). */
export function articlePage(title: string, head = ''): string {
  const paragraph = `${title} is reported here at length so that the page reads like a real article with enough words. `.repeat(8);
  const meta = '<meta property="og:type" content="article"><meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-03-01T10:00:00Z">';
  return `<!doctype html><html lang="en"><head><title>${title}</title>${meta}${head}</head><body><article><h1>${title}</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
}
