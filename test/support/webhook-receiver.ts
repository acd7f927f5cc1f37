import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a test's webhook receiver got it, and when (ms, this process's clock: the alerter's too in a test). */
export interface ReceivedRequest {
  at: number;
  /** The path it was posted to, with its query. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with, once the answer has gone out; unset while it has not (or never does). */
  status?: number;
}

/** A webhook receiver on 127.0.0.1 that keeps every request it got, whole. */
export interface WebhookReceiver {
  port: number;
  /** Its address at `path` (default `/hook`). */
  url(path?: string): string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a receiver whose `answer` decides each response once the request's
 * body is in, given the request and how many came before it (default: 204
 * to everything). What it answers is up to `answer`: it may never answer.
 */
export async function startWebhookReceiver(
  answer: (req: http.IncomingMessage, res: http.ServerResponse, before: number) => void = (_req, res) => res.writeHead(204).end(),
): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const before = received.length;
      const request: ReceivedRequest = { at: Date.now(), path: req.url ?? '', headers: req.headers, body };
      received.push(request);
      res.once('finish', () => (request.status = res.statusCode));
      answer(req, res, before);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
