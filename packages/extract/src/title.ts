import { comparisonKey } from './strings.js';

/** What identifies the site in a title: its name and its host. */
export interface SiteIdentity {
  siteName: string | null;
  /** Other names the page gives the site: an <h1> banner that is the <title>'s last part ("The Rust Programming Language"). */
  otherNames?: readonly string[];
  /** Host of the page URL, e.g. "www.example-news.com". */
  host: string;
}

/**
 * Separators sites put between the headline and their name: spaces required around most of them; the
 * full-width bar, the Chinese "丨" and the underscore that Chinese and Japanese titles write without
 * spaces ("见出し｜サイト", "标题_网站") need none.
 */
const SEPARATORS = /(?<!\s)(?:\s+(?:[|\-–—·•»«‹›:/]|::)\s+|\s*[｜丨_]\s*)/gu;
/** The separators between a title's parts other than a colon (a colon also opens a subtitle), spaces around them. */
export const TITLE_PART_SEPARATORS = /(?<!\s)\s+(?:[|\-–—·•»«/]|::)\s+/gu;
/** A separator with nothing before it. */
const LEADING_SEPARATOR = /^\s*(?:(?:[|\-–—·•»«‹›/]|::)\s+|[｜丨_]\s*)/u;
/** A title part longer than this is never just a site name. */
const MAX_SITE_PART_WORDS = 6;

/**
 * Removes a " | Site Name" suffix (or a "Site Name | " prefix) from a page
 * title, but only when that part names the site: it matches `siteName` or
 * the host ("Example News" for example-news.com, "BBC News" for bbc.co.uk).
 * Otherwise the title is returned as it is, because "Brexit: what happens
 * next" and "Q&A - the facts" must keep their halves.
 */
export function stripSiteSuffix(title: string, site: SiteIdentity): string {
  // A template that printed an empty headline before its separator ("| Site Name") leaves the separator in front.
  const text = title.replace(LEADING_SEPARATOR, '');
  const separators = [...text.matchAll(SEPARATORS)];
  const last = separators[separators.length - 1];
  const first = separators[0];
  if (last !== undefined && namesSite(text.slice(last.index + last[0].length), site)) return text.slice(0, last.index).trim();
  if (first !== undefined && namesSite(text.slice(0, first.index), site)) return text.slice(first.index + first[0].length).trim();
  return stripBareHost(text, site.host);
}

/** A title needs this many words besides the host to lose it. */
const MIN_WORDS_BESIDE_HOST = 2;

/**
 * Removes the page's own host written before a title with no separator:
 * "davidbau.com Vibe Coding". A host with its dots, alone at the start, names
 * the site; at the end it is usually part of the sentence ("Welcome to
 * LWN.net", "... по версии Wday.ru") and stays.
 */
function stripBareHost(title: string, host: string): string {
  const bare = bareHost(host);
  if (!bare.includes('.')) return title;
  const [first = '', ...rest] = title.trim().split(/\s+/);
  return rest.length >= MIN_WORDS_BESIDE_HOST && bareHost(first) === bare ? rest.join(' ') : title;
}

/**
 * Chooses the article title. JSON-LD headline and og:title are written for
 * machines and are usually clean; the <title> tag usually carries the site
 * name. A clean candidate found at the start of a longer one also proves the
 * longer one's tail is a suffix (`notAReference`, Readability's guess, is
 * never that proof; `onlyReferences`, an <h1> refused as the headline, is
 * that proof but never chosen). A headline cut short ("...", a bracket left
 * open) gives way to a longer candidate that it begins.
 */
export function chooseTitle(
  candidates: readonly (string | null | undefined)[],
  site: SiteIdentity,
  notAReference: string | null = null,
  onlyReferences: readonly (string | null | undefined)[] = [],
): string | null {
  const isPresent = (candidate: string | null | undefined): candidate is string => typeof candidate === 'string' && candidate.trim() !== '';
  const present = candidates.filter(isPresent);
  const references = [...present.filter((candidate) => candidate !== notAReference), ...onlyReferences.filter(isPresent)];
  const usable = present
    .map((candidate) => {
      const trimmed = candidate.trim();
      for (const other of references) {
        const stripped = stripKnownSuffix(trimmed, other.trim());
        // The shorter one may carry a label of its own ("Headline | Section | Site" and "Headline | Section").
        if (stripped !== trimmed) return stripPipeLabels(stripped);
      }
      return stripPipeLabels(stripSiteSuffix(trimmed, site));
    })
    // A title that is just the site's name is a home-page leftover, not a headline (`siteOnlyTitle` is the last resort).
    .filter((candidate) => !namesSite(candidate, site));
  const first = usable[0];
  if (first === undefined) return null;
  if (!isCutShort(first)) return first;
  const stem = first.replace(/(?<!\s)\s*(?:\.\.\.|…)$/u, '');
  const longer = usable.find((candidate) => candidate.length > stem.length && candidate.startsWith(stem) && !isCutShort(candidate));
  return longer ?? first;
}

/**
 * The site's name as the page's titles give it, for a page whose titles
 * give nothing else: the site's own page (a home page, "The Verge"), whose
 * title is that name. The first candidate that names the site once its
 * suffix is cut; null when none does.
 */
export function siteOnlyTitle(candidates: readonly (string | null | undefined)[], site: SiteIdentity): string | null {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const stripped = stripSiteSuffix(candidate.trim(), site);
    if (namesSite(stripped, site)) return stripped;
  }
  return null;
}

/**
 * A title cut at a length limit: it ends in an ellipsis, or a bracket it
 * opens is never closed ("... Solutions (Including": JSON-LD headlines are
 * often cut at 110 characters).
 */
function isCutShort(title: string): boolean {
  if (/(?:\.\.\.|…)$/u.test(title)) return true;
  const opened = (title.match(/[([]/g) ?? []).length;
  return opened > (title.match(/[)\]]/g) ?? []).length;
}

/** A headline has at least this many words before labels are cut from it. */
const MIN_HEADLINE_WORDS = 4;
/** A label behind a pipe ("Opinion", "Patient Education", a tagline) is short. */
const MAX_LABEL_WORDS = 5;

/**
 * Cuts short labels that follow a headline behind pipes: "How meditation
 * rewires brains | Opinion", "Best movers in NYC 2025 | Top 19 Companies |
 * Brand". A pipe is a separator, almost never part of a headline's wording;
 * a label before the headline ("Opinion | ...") is kept, and so is a long
 * second half (two headlines, no way to tell which is the page's).
 */
export function stripPipeLabels(title: string): string {
  const [head, ...labels] = title.split(/(?<!\s)\s+\|\s+/u);
  if (head === undefined || labels.length === 0) return title;
  const words = (part: string): number => part.split(/\s+/).filter(Boolean).length;
  if (words(head) < MIN_HEADLINE_WORDS || labels.some((label) => words(label) > MAX_LABEL_WORDS)) return title;
  return head;
}

/**
 * Cleans a raw title with help from a known clean one: "Headline | Example
 * News" becomes "Headline" when the clean candidate is "Headline", whatever
 * the suffix says.
 */
export function stripKnownSuffix(title: string, clean: string): string {
  if (title === clean || !title.startsWith(clean)) return title;
  // A colon is not among them: it opens the headline's own subtitle ("Night buses: what changes").
  return /^\s*(?:[|\-–—·•»«‹›/｜丨_]|::)\s*\S/u.test(title.slice(clean.length)) ? clean : title;
}

/** True when `part` is the site's name or a spelling of its host. */
export function namesSite(part: string, site: SiteIdentity): boolean {
  const key = comparisonKey(part);
  if (key === '' || part.split(/\s+/).length > MAX_SITE_PART_WORDS) return false;
  // "Nuts & Volts" and "Nuts and Volts" are one name.
  const partKey = siteNameKey(part);
  if ([site.siteName, ...(site.otherNames ?? [])].some((name) => name && partKey === siteNameKey(name))) return true;
  const host = bareHost(site.host);
  if (key === comparisonKey(host)) return true;
  // The registrable label: "example-news" of example-news.com, "bbc" of bbc.co.uk.
  const label = registrableLabel(host);
  if (label.length < 3) return false;
  const labelKey = comparisonKey(label);
  // "BBC News" for bbc.co.uk: the site's label followed by one generic word at most.
  return key === labelKey || (key.startsWith(labelKey) && part.split(/\s+/).length <= 3 && key.length - labelKey.length <= 6);
}

/** A host name in lower case without its "www.": "www.Example.com" -> "example.com". */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

function siteNameKey(name: string): string {
  return comparisonKey(name.replace(/&/g, ' and '));
}

function registrableLabel(host: string): string {
  const labels = host.split('.');
  // Two-letter country domains under a generic second level: example.co.uk, example.com.au.
  const secondLevel = labels[labels.length - 2] ?? '';
  const lastIsCountry = (labels[labels.length - 1] ?? '').length === 2;
  const underCountry = lastIsCountry && labels.length >= 3 && /^(?:co|com|net|org|gov|ac|edu|ne|or)$/.test(secondLevel);
  const index = underCountry ? labels.length - 3 : labels.length - 2;
  return labels[Math.max(0, index)] ?? host;
}
