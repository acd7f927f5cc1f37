import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Test-only: a real node:http server on a loopback address and a random port,
 * so fetch tests exercise real sockets without touching the internet. Not
 * exported from the package.
 */
export interface LocalServer {
  /** e.g. 'http://127.0.0.1:41234' */
  origin: string;
  port: number;
  /** Absolute URL for a path on this server. */
  url(path: string): string;
  /** Every request received so far (headers and URL), in order. */
  requests: http.IncomingMessage[];
  /** Sockets currently open to this server. */
  openSockets(): number;
  /** Resolves once no client socket is open (fails the test after `ms`). */
  waitForNoSockets(ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server on `host` (default 127.0.0.1), port 0. */
export async function startServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<LocalServer> {
  const requests: http.IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    port,
    url: (path) => new URL(path, origin).href,
    requests,
    openSockets: () => sockets.size,
    async waitForNoSockets(ms = 2_000) {
      const deadline = Date.now() + ms;
      while (sockets.size > 0) {
        if (Date.now() > deadline) throw new Error(`${sockets.size} socket(s) still open to ${origin}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
