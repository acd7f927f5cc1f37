import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

/** The page's files (public/): its scripts are plain browser modules, served as they are. */
const PUBLIC_DIR = new URL('../../public/', import.meta.url);
const TYPES: Partial<Record<string, string>> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** The one shell of every view: the search page at /, the pipeline view at /pipeline (its data: routes/pipeline.ts). */
const SHELL_ROUTES = ['/', '/pipeline'];

/** Each route of the page and the file it serves: small enough to keep in memory, served with an ETag. */
function pageFiles(): Array<{ route: string; file: string; type: string }> {
  const assets = readdirSync(PUBLIC_DIR).flatMap((file) => {
    const type = TYPES[path.extname(file)];
    return type ? [{ route: `/${file}`, file, type }] : [];
  });
  return [...SHELL_ROUTES.map((route) => ({ route, file: 'index.html', type: 'text/html; charset=utf-8' })), ...assets];
}

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
  for (const { route, file, type } of pageFiles()) {
    const body = readFileSync(new URL(file, PUBLIC_DIR));
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
