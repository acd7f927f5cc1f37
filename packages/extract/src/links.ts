import { normaliseUrl } from '@tidings/url';

/**
 * `raw` resolved against `base` when the result is an http(s) URL, else null.
 * Unlike normaliseUrl it keeps the URL as written (fragment, parameters):
 * right for links and images inside an article.
 */
export function absoluteHttpUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The record's URL: the page's declared canonical (or og:url), normalised,
 * when it is on the same host as the page (a leading "www." aside), so a page
 * cannot claim another site's URL. A canonical that points at the site's home
 * page from an article is a template bug, not a canonical, and is ignored too.
 * Falls back to the normalised page URL. A page read from a file (file: URL)
 * has no host to compare with: its first absolute http(s) canonical stands.
 */
export function chooseCanonicalUrl(declared: readonly (string | null)[], pageUrl: string): string {
  return acceptedCanonicalUrl(declared, pageUrl) ?? normaliseUrl(pageUrl) ?? pageUrl;
}

/** The first declared canonical URL that chooseCanonicalUrl accepts, normalised; null when none is. */
export function acceptedCanonicalUrl(declared: readonly (string | null | undefined)[], pageUrl: string): string | null {
  const page = new URL(pageUrl);
  const fromFile = page.protocol === 'file:';
  for (const raw of declared) {
    if (!raw) continue;
    const normalised = normaliseUrl(raw, fromFile ? undefined : pageUrl);
    if (!normalised) continue;
    const candidate = new URL(normalised);
    if (fromFile) return normalised;
    if (bareHost(candidate.hostname) !== bareHost(page.hostname)) continue;
    if (isHomePage(candidate) && !isHomePage(page)) continue;
    return normalised;
  }
  return null;
}

/** The first candidate that resolves to an absolute http(s) URL. */
export function firstHttpUrl(candidates: readonly (string | null | undefined)[], base: string): string | null {
  for (const candidate of candidates) {
    const url = absoluteHttpUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

function isHomePage(url: URL): boolean {
  return (url.pathname === '/' || url.pathname === '') && url.search === '';
}
