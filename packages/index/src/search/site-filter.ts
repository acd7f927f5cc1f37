import { domainToASCII } from 'node:url';

/**
 * How a site, as a reader writes it in a site filter or a `site:` term,
 * becomes what the index compares with the articles' site names and hosts
 * (search/article-facts.ts). Pure.
 */

/** A host with a port: `example.com:443`. */
const HOST_AND_PORT = /^([^\s/:@]+):\d{1,5}$/u;

/** A bare host name: two labels or more, perhaps with the trailing dot of a fully qualified name. */
const BARE_HOST = /^[^\s/:@.]+(?:\.[^\s/:@.]+)+\.?$/u;

/**
 * A site filter written as a page's address (`https://www.example.com/news`,
 * what a reader copies from the address bar) or with a port
 * (`example.com:8080`) names the host (an internationalised one as the
 * address holds it, in punycode, as articles' hosts are stored); anything
 * else is a site's name or host as written.
 */
function siteFilterHost(value: string): string {
  if (/^https?:\/\//u.test(value)) {
    try {
      return new URL(value).hostname;
    } catch {
      return value;
    }
  }
  const host = HOST_AND_PORT.exec(value)?.[1];
  return host !== undefined && host.includes('.') ? host : value;
}

/**
 * A bare host as articles' hosts are stored (normaliseUrl, then the URL's
 * hostname): without a trailing dot, and an internationalised one in
 * punycode (`bücher.example` is `xn--bcher-kva.example`), which the reader
 * rarely types. Anything else (a site's name) as it is.
 */
function storedHost(value: string): string {
  if (!BARE_HOST.test(value)) return value;
  const host = value.endsWith('.') ? value.slice(0, -1) : value;
  if (!/\P{ASCII}/u.test(host)) return host;
  // domainToASCII gives '' for what is no host name after all (a site name with a dot and a character no host may hold).
  return domainToASCII(host) || host;
}

/**
 * A site as the index compares it (the site filter, and a `site:` term's
 * text; saved searches match with it too): lower case, the host of an
 * address, a host's ASCII form without a trailing dot, no `www.`.
 */
export function siteFilterKey(value: string): string {
  return storedHost(siteFilterHost(value.toLowerCase())).replace(/^www\./u, '');
}
