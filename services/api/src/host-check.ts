import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The `Host` header check against DNS rebinding.
 *
 * A page on evil.example can make its own name resolve to 127.0.0.1 and then
 * call this API from the victim's browser "same-origin": the browser still
 * sends `Host: evil.example`. Answering only the names this API is really
 * reached by (loopback names, the public URL's host, the address it listens
 * on) closes that door for every route, the dashboard and live streams
 * included. IP spellings are compared as URLs normalise them (127.1 is
 * 127.0.0.1); ports are not compared: a rebinding attacker controls the
 * name, not the port.
 */

/** Names that only ever reach this machine, answered on any port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Listen addresses that mean "every interface": no name to add for them. */
const WILDCARDS = new Set(['0.0.0.0', '[::]', '[::0]']);
/** Characters a Host header never has (userinfo, path, query, fragment, whitespace, backslash). */
const NOT_HOST = /[\s@/?#\\]/;

/**
 * The host part of a `Host` header value (or a configured name), normalised
 * as URLs do: lower case, IPv6 in brackets, IPv4 spellings canonical, no
 * trailing dot. Null for a value that is not `host[:port]`.
 */
export function hostNameOf(value: string | undefined): string | null {
  if (value === undefined || value === '' || NOT_HOST.test(value)) return null;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return null;
  }
  const name = url.hostname.replace(/\.$/, '');
  return name === '' ? null : name;
}

/** Where the API is reached: its listen address and TIDINGS_API_PUBLIC_URL. */
export interface HostSettings {
  /** The address it listens on (TIDINGS_API_HOST or --host); a wildcard adds nothing. */
  listenHost?: string | null;
  /** TIDINGS_API_PUBLIC_URL, or null. */
  publicUrl?: string | null;
}

/**
 * The host names the API answers to: the loopback names, the host of the
 * public URL, and the listen address unless it is a wildcard.
 */
export function allowedHostNames(settings: HostSettings): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const listen = settings.listenHost ? hostNameOf(settings.listenHost.includes(':') && !settings.listenHost.startsWith('[') ? `[${settings.listenHost}]` : settings.listenHost) : null;
  if (listen !== null && !WILDCARDS.has(listen)) names.add(listen);
  if (settings.publicUrl) {
    const publicHost = hostNameOf(new URL(settings.publicUrl).host);
    if (publicHost !== null) names.add(publicHost);
  }
  return names;
}

/**
 * A fastify onRequest hook answering 421 (Misdirected Request, JSON) to a
 * request whose `Host` is missing or not one of `names`.
 */
export function requireKnownHost(names: ReadonlySet<string>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const host = request.headers.host;
    const name = hostNameOf(host);
    if (name !== null && names.has(name)) return;
    request.log.info({ host }, 'request for an unknown host refused');
    await reply.code(421).send({
      statusCode: 421,
      error: 'misdirected-request',
      message: `this API does not answer to Host "${(host ?? '').slice(0, 200)}": use localhost, 127.0.0.1 or [::1], or set TIDINGS_API_PUBLIC_URL to the address it is reached at`,
    });
  };
}
