import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

/** The search page's files: small enough to keep in memory, served with an ETag. */
const FILES = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
  { route: '/app.css', file: 'app.css', type: 'text/css; charset=utf-8' },
  // The pipeline view (its data: routes/pipeline.ts).
  { route: '/pipeline', file: 'pipeline.html', type: 'text/html; charset=utf-8' },
  { route: '/pipeline.js', file: 'pipeline.js', type: 'text/javascript; charset=utf-8' },
  { route: '/event-stream.js', file: 'event-stream.js', type: 'text/javascript; charset=utf-8' },
  { route: '/pipeline.css', file: 'pipeline.css', type: 'text/css; charset=utf-8' },
] as const;

/**
 * Scripts only from this origin, nothing inline; article HTML is shown in a
 * sandboxed frame without scripts, so even a sanitiser miss cannot run code.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data:',
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** GET / (the search page), /pipeline (the pipeline view) and their scripts and styles. */
export const pageRoutes: FastifyPluginAsync = async (app) => {
  const dir = new URL('../../public/', import.meta.url);
  for (const { route, file, type } of FILES) {
    const body = readFileSync(new URL(file, dir));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    app.get(route, { schema: { hide: true } }, async (request, reply) => {
      reply
        .header('Content-Security-Policy', PAGE_CSP)
        .header('Referrer-Policy', 'no-referrer')
        .header('Cache-Control', 'no-cache')
        .header('ETag', etag)
        .type(type);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(body);
    });
  }
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
};
