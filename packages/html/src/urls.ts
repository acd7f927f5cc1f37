import { createRequire } from 'node:module';
import type { SanitisePolicy } from './policy.js';

/**
 * Attributes that hold one URL. The sanitiser knows them itself rather
 * than from each policy, so that a policy which keeps one can never forget
 * to have it checked: every kept attribute named here is resolved and
 * judged by its scheme. `srcset` holds several and has its own reader.
 */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'cite',
  'poster',
  'action',
  'formaction',
  'background',
  'longdesc',
  'usemap',
  'data',
  'xlink:href',
  'manifest',
  'codebase',
  'profile',
]);

/** Whether the attribute holds one URL (see URL_ATTRIBUTES). */
export function holdsUrl(name: string): boolean {
  return URL_ATTRIBUTES.has(name);
}

interface SrcsetCandidate {
  url: string;
  w?: number;
  h?: number;
  d?: number;
}

// The srcset reader sanitize-html used, so candidate lists read as they always have. It ships no types (CommonJS).
const require = createRequire(import.meta.url);
const parseSrcset = require('parse-srcset') as (srcset: string) => SrcsetCandidate[];

/** The base as a URL when it is absolute, else null (relative URLs then cannot be resolved). */
export function absoluteBase(baseUrl: string | null | undefined): URL | null {
  if (baseUrl === null || baseUrl === undefined) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/**
 * The value to write for a URL attribute, or null when the attribute goes:
 * resolved against `base`, then kept only when its scheme is one the policy
 * allows (what happens to a URL that cannot be resolved: see
 * `PolicyDefinition.unresolvedUrls`).
 */
export function keptUrl(value: string, base: URL | null, policy: SanitisePolicy): string | null {
  if (!policy.keepUnresolvedUrls) return absoluteUrl(value, base, policy.schemes);
  const resolved = base === null ? value : resolveUrl(value, base);
  return isNaughtyUrl(resolved, policy.schemes) ? null : resolved;
}

/** The srcset to write, each candidate resolved as {@link keptUrl} would; null when none is left or it cannot be read. */
export function keptSrcset(srcset: string, base: URL | null, policy: SanitisePolicy): string | null {
  let resolved = srcset;
  if (!policy.keepUnresolvedUrls) resolved = mapSrcsetUrls(srcset, (url) => absoluteUrl(url, base, policy.schemes));
  else if (base !== null) resolved = mapSrcsetUrls(srcset, (url) => resolveUrl(url, base));
  if (isNaughtyUrl(resolved, policy.schemes)) return null;
  try {
    const candidates = parseSrcset(resolved).filter((candidate) => !isNaughtyUrl(candidate.url, policy.schemes));
    if (candidates.length === 0 || candidates.some((candidate) => !candidate.url)) return null;
    return candidates
      .map(({ url, w, h, d }) => `${url}${w ? ` ${w}w` : ''}${h ? ` ${h}h` : ''}${d ? ` ${d}x` : ''}`)
      .join(', ');
  } catch {
    return null;
  }
}

/**
 * One URL reference resolved against `base`. A blank value has nothing to
 * resolve and a value that does not parse stays as it was: both are then
 * judged by their scheme.
 */
export function resolveUrl(value: string, base: URL): string {
  const trimmed = value.trim();
  if (trimmed === '') return value;
  try {
    return new URL(trimmed, base).toString();
  } catch {
    return value;
  }
}

/**
 * The URL made absolute against `base` when it has an allowed scheme, else
 * null. A blank reference is the base itself, as a browser reads it.
 */
function absoluteUrl(value: string, base: URL | null, schemes: ReadonlySet<string>): string | null {
  try {
    const url = new URL(value.trim(), base ?? undefined);
    return schemes.has(url.protocol.slice(0, -1)) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether a URL's scheme is not allowed. Browsers ignore control characters
 * and spaces inside a scheme, and comments can hide one: both go first. A
 * URL without a scheme (relative) is allowed.
 */
export function isNaughtyUrl(href: string, schemes: ReadonlySet<string>): boolean {
  // eslint-disable-next-line no-control-regex
  let bare = href.replace(/[\x00-\x20]+/g, '');
  for (let open = bare.indexOf('<!--'); open !== -1; open = bare.indexOf('<!--')) {
    const close = bare.indexOf('-->', open + 4);
    if (close === -1) break;
    bare = bare.slice(0, open) + bare.slice(close + 3);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/.exec(bare)?.[1];
  return scheme !== undefined && !schemes.has(scheme.toLowerCase());
}

/** `a.jpg 1x, /b.jpg 2x` -> each candidate's URL mapped (null: the candidate goes), descriptors kept. */
function mapSrcsetUrls(srcset: string, map: (url: string) => string | null): string {
  const candidates: string[] = [];
  for (const candidate of srcset.split(',')) {
    const trimmed = candidate.trim();
    if (trimmed === '') continue;
    const [url = '', ...descriptors] = trimmed.split(/\s+/);
    const mapped = map(url);
    if (mapped !== null) candidates.push([mapped, ...descriptors].join(' '));
  }
  return candidates.join(', ');
}
