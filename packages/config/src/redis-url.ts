/**
 * REDIS_URL names either one Redis server (`redis://` or `rediss://`, as
 * ioredis reads it) or a Redis Cluster, reached through one or more of its
 * nodes:
 *
 *   redis+cluster://[[user]:password@]host:port[,host:port...]
 *   rediss+cluster://...   the same over TLS
 *
 * A cluster has no databases (only 0), so a path other than `/` or `/0` is
 * refused. The nodes are only where to start: the client learns the others,
 * and which slots each serves, from whichever of them answers first.
 */

/** One node of a cluster, as REDIS_URL lists it. */
export interface RedisClusterNode {
  host: string;
  port: number;
}

/** What REDIS_URL names. */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: RedisClusterNode[]; username: string | undefined; password: string | undefined; tls: boolean };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/?#]*)@)?([^/?#@]+)(\/0?)?$/i;
const DEFAULT_PORT = 6379;

/** `url` as it may be printed: a password in it replaced by `***` (one server's URL or a cluster's). */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1***@');
}

/** True when `url` uses the cluster form (whether or not the rest of it is valid). */
export function isRedisClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:/i.test(url);
}

/**
 * Reads REDIS_URL. Throws a message fit for the configuration error when it
 * is neither a URL nor a valid cluster list.
 */
export function parseRedisUrl(url: string): RedisTarget {
  if (!isRedisClusterUrl(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`not a URL: "${url}" (use redis://host:port, or redis+cluster://host1:port1,host2:port2 for a Redis Cluster)`);
    }
    // Named without its password: the message is printed.
    const shown = redactRedisUrl(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
      throw new Error(`not a Redis URL: "${shown}" (use redis://host:port or rediss:// for TLS, or redis+cluster://host1:port1,host2:port2)`);
    }
    // A database is a number (redis://host:6379/2); ioredis would send SELECT NaN for anything else.
    if (!/^\/?(?:\d+)?$/.test(parsed.pathname)) throw new Error(`not a database number: "${parsed.pathname.slice(1)}" in "${shown}" (use e.g. redis://host:6379/0)`);
    return { kind: 'single', url };
  }
  const match = CLUSTER_URL.exec(url);
  if (!match) throw new Error(`not a cluster URL: "${url}" (use redis+cluster://[user:password@]host1:port1,host2:port2; no path but /0, no query)`);
  const [, scheme = 'redis', userinfo, nodeList = ''] = match;
  const nodes = nodeList.split(',').map((node) => parseNode(node.trim(), url));
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = decodeURIComponent(colon === -1 ? userinfo : userinfo.slice(0, colon));
    // Like redis://: `user:password@` or `:password@`; a lone `password@` is taken as the password (there is no user without one).
    if (colon === -1) password = user || undefined;
    else {
      username = user || undefined;
      password = decodeURIComponent(userinfo.slice(colon + 1)) || undefined;
    }
  }
  return { kind: 'cluster', nodes, username, password, tls: scheme.toLowerCase() === 'rediss' };
}

function parseNode(node: string, url: string): RedisClusterNode {
  // `[v6]:port`, `host:port` or `host` (default port).
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/i.exec(node);
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (!host || port < 1 || port > 65_535) throw new Error(`not a cluster node: "${node}" in "${url}" (use host:port)`);
  return { host, port };
}
