import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Who may call a route: anyone, readers, or only holders of the token. */
export type Access = 'public' | 'read' | 'write';

/** The API's auth settings (from TIDINGS_API_TOKEN / TIDINGS_API_PUBLIC_READ). */
export interface AuthSettings {
  /** null: no token, every route is open (and the API may only listen on loopback). */
  token: string | null;
  /** With a token: whether reads are open to everyone. */
  publicRead: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time (over digests, so lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The credential a request carries: `Authorization: Bearer <token>`, or,
 * when `allowBasic` (the dashboard, which people open in a browser), HTTP
 * Basic with the token as the password.
 */
export function presentedToken(authorization: string | undefined, allowBasic: boolean): string | null {
  if (!authorization) return null;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (allowBasic && scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? null : decoded.slice(colon + 1);
  }
  return null;
}

/** Whether a request with this Authorization header may use a route of `access`. */
export function isAllowed(settings: AuthSettings, access: Access, authorization: string | undefined, allowBasic = false): boolean {
  if (settings.token === null || access === 'public') return true;
  if (access === 'read' && settings.publicRead) return true;
  const given = presentedToken(authorization, allowBasic);
  return given !== null && sameSecret(given, settings.token);
}

/**
 * A fastify onRequest hook that answers 401 unless the request may use a
 * route of `access`. The dashboard asks browsers for Basic credentials.
 */
export function requireAccess(settings: AuthSettings, access: Access, options: { basicRealm?: string } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAllowed(settings, access, request.headers.authorization, options.basicRealm !== undefined)) return;
    const challenge = options.basicRealm ? `Basic realm="${options.basicRealm}", charset="UTF-8"` : 'Bearer realm="tidings"';
    await reply
      .code(401)
      .header('WWW-Authenticate', challenge)
      .send({ statusCode: 401, error: 'unauthorized', message: `this ${access === 'write' ? 'change' : 'page'} needs Authorization: Bearer <TIDINGS_API_TOKEN>` });
  };
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Refuses to expose an API without a token beyond this machine: anyone who
 * can reach it could subscribe feeds (and so make Tidings fetch URLs).
 *
 * @throws Error naming the fix.
 */
export function assertSafeListen(host: string, token: string | null): void {
  if (token === null && !isLoopbackHost(host)) {
    throw new Error(`refusing to listen on ${host} without TIDINGS_API_TOKEN: set a token (e.g. TIDINGS_API_TOKEN=$(openssl rand -hex 24)) or listen on 127.0.0.1`);
  }
}
