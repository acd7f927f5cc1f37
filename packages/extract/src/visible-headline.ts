/**
 * Whether the page's visible <h1> is its headline, or a declared title
 * (JSON-LD, OpenGraph, <title>) names the article better. The <h1> is the
 * title as readers see it and wins by default; these are the ways it fails.
 */
import { chooseTitle, namesSite, stripSiteSuffix, TITLE_PART_SEPARATORS, type SiteIdentity } from './title.js';

/** Lower-cased words joined by single spaces: "Top 10 — tips!" -> "top 10 tips". */
export function wordsKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Words that mark what a template adds around a headline: a byline, a dateline, a comment count. */
const HEADLINE_FURNITURE = /^by\b|\b(?:updated|published|posted|comments?|min read)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d/;
/** A count in a short addition ("(latimes.com) 87"); a longer one with a number is the headline's own ("from KBIS & IBS 2025"). */
const COUNT = /\b(?!(?:19|20)\d{2}\b)\d+\b/;
const MAX_COUNTED_WORDS = 3;
/** A short label and a colon in front of the headline: "Blog: ...", "Case study: ...". */
const LABEL_PREFIX = /^\s*\p{L}+(?:\s+\p{L}+)?\s*:\s+(?=\S)/u;
/** How much better the declared title must cover the URL's slug than the <h1> does to win. */
const SLUG_MARGIN = 0.3;
/** The <h1> spells at most this share of the slug's words: it is another wording of the headline, not the headline. */
const MAX_H1_SLUG_COVERAGE = 1 / 3;
/** A slug of a word or two ("/sample-menus") names a topic, not a headline. */
const MIN_SLUG_WORDS = 3;

/**
 * `outer` is `inner` with a byline, a dateline or a count before or after it
 * (not a subtitle or a year that the headline itself carries); the inner
 * title is not just a word or two.
 */
function wrapsTitle(outer: string, inner: string): boolean {
  if (inner.split(' ').length < 3 || outer.length <= inner.length) return false;
  let extra: string | null = null;
  if (outer.startsWith(inner) && outer[inner.length] === ' ') extra = outer.slice(inner.length + 1);
  else if (outer.endsWith(inner) && outer[outer.length - inner.length - 1] === ' ') extra = outer.slice(0, outer.length - inner.length - 1);
  return extra !== null && (HEADLINE_FURNITURE.test(extra) || (COUNT.test(extra) && extra.split(' ').length <= MAX_COUNTED_WORDS));
}

/**
 * Chooses between the <h1> and the declared titles: returns the <h1> when it
 * reads as the page's headline, else null (the declared titles decide). It
 * does not when it
 * - has more than 40 words, or one word that begins no part of a declared
 *   title (a logo, a menu; "Science" of "Science News: ... | WIRED" is the
 *   page's title);
 * - shares no word of four letters or more with a declared title (a logo or
 *   a section name);
 * - is a declared title plus a dateline, a byline, a count or a short label
 *   ("Blog: ...");
 * - is the site's name, or the part of the <title> that names the site
 *   ("Yoga Pathways" of "Yoga won't fix it – Yoga Pathways");
 * - is written in capitals only (a styled banner; the declared title keeps
 *   the wording's case);
 * - spells at most a third of the URL's slug (three words or more) when
 *   the declared title spells clearly more of it: the slug is made from
 *   the title the article was published under, unless a declared title
 *   is worded as the <h1>.
 * A declared title that only names the site ("| Nuts & Volts Magazine")
 * counts as none.
 */
export function visibleHeadline(
  h1: string | null | undefined,
  declared: ReadonlyArray<string | null | undefined>,
  titleTag: string | null | undefined,
  site: SiteIdentity,
  pageUrl: string,
): string | null {
  if (!h1) return null;
  const words = h1.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 40) return null;
  // A declared title that only names the site ("| Nuts & Volts Magazine") says nothing of the headline.
  const present = [...declared, titleTag].filter((title): title is string => typeof title === 'string' && title !== '' && !namesSite(stripSiteSuffix(title, site), site));
  if (present.length === 0) return words.length > 1 ? h1 : null;
  // One word is a headline only when it begins a part of a declared title ("Science" of "Science News: ... | WIRED"), else a logo or a menu.
  if (words.length === 1 && !present.some((title) => title.split(TITLE_PART_SEPARATORS).some((part) => `${wordsKey(part)} `.startsWith(`${wordsKey(h1)} `)))) return null;
  const clean = chooseTitle(present, site);
  const cleaned = present.map((title) => chooseTitle([title], site) ?? title);
  const h1Words = wordsKey(h1);
  if (cleaned.some((title) => wrapsTitle(h1Words, wordsKey(title)) || lostCharactersOf(h1, title))) return null;
  const unlabelled = h1.replace(LABEL_PREFIX, '');
  if (unlabelled !== h1 && cleaned.some((title) => wordsKey(title) === wordsKey(unlabelled))) return null;
  if (namesSite(h1, site) || (titleTag && isSitePartOf(h1Words, titleTag))) return null;
  const significant = new Set(h1.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  if (!present.some((title) => (title.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).some((word) => significant.has(word)))) return null;
  if (clean && wordsKey(clean) !== h1Words) {
    if (!/\p{Ll}/u.test(h1) && /\p{Ll}/u.test(clean)) return null;
    // A declared title worded as the <h1> confirms it, whatever the slug says (the slug keeps an older wording).
    if (cleaned.some((title) => wordsKey(title) === h1Words)) return h1;
    const slug = slugWords(pageUrl);
    if (slug.length >= MIN_SLUG_WORDS && coverage(slug, h1) <= MAX_H1_SLUG_COVERAGE && coverage(slug, clean) > coverage(slug, h1) + SLUG_MARGIN) return null;
  }
  return h1;
}

/** A character the page's encoding lost: "?" or U+FFFD where the markup had "’" (a "?" ending the headline is a question). */
const LOST_CHARACTER = /[?\uFFFD](?!\s*$)/u;

/** How many characters of the title one lost character may stand for ("’" is one; an entity or a dash with spaces up to three). */
const MAX_CHARACTERS_PER_LOST = 3;

/**
 * `h1` is `title` with characters an encoding lost, each printed as "?"
 * or U+FFFD ("Event Planning? Beginner? Guide" for "Event Planning:
 * Beginner's Guide"): the declared title is the same headline intact.
 *
 * Matched as a set of reachable positions in the title, one step per
 * character of the <h1>, so a run of lost characters costs its length
 * times the title's, never the combinations a regular expression with
 * one `.{1,3}` per lost character would try.
 */
function lostCharactersOf(h1: string, title: string): boolean {
  if (h1 === title || !LOST_CHARACTER.test(h1)) return false;
  const wanted = Array.from(h1.toLowerCase());
  const read = Array.from(title.toLowerCase());
  let reachable = new Set([0]);
  for (const character of wanted) {
    const next = new Set<number>();
    for (const at of reachable) {
      if (character === '?' || character === '\uFFFD') {
        for (let taken = 1; taken <= MAX_CHARACTERS_PER_LOST && at + taken <= read.length; taken += 1) next.add(at + taken);
      } else if (read[at] === character) {
        next.add(at + 1);
      }
    }
    if (next.size === 0) return false;
    reachable = next;
  }
  return reachable.has(read.length);
}

/** The <title> has two parts or more and the <h1> is its last one, shorter than another: the site's name. */
function isSitePartOf(h1Words: string, titleTag: string): boolean {
  const parts = titleTag.split(TITLE_PART_SEPARATORS).map(wordsKey).filter(Boolean);
  if (parts.length < 2) return false;
  const longest = Math.max(...parts.map((part) => part.length));
  return parts[parts.length - 1] === h1Words && h1Words.length < longest;
}

/** The words of the URL path's last segment: "/blog/how-to-rent-a-car" -> how, to, rent, a, car. */
function slugWords(pageUrl: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(pageUrl).pathname);
  } catch {
    return [];
  }
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return wordsKey(last.replace(/\.[a-z0-9]{2,5}$/i, '')).split(' ').filter((word) => /\p{L}/u.test(word));
}

/** Share of the slug's words that the title holds. */
function coverage(slug: readonly string[], title: string): number {
  const words = new Set(wordsKey(title).split(' '));
  return slug.filter((word) => words.has(word)).length / slug.length;
}

/**
 * The page's visible headline among its <h1>s. The first one (the one in
 * the article container) when `visibleHeadline` accepts it and it begins a
 * declared title; else a later one that begins a declared title ("Defer,
 * Panic, and Recover" of "Defer, Panic, and Recover - The Go Programming
 * Language") and that `visibleHeadline` accepts: templates put the site's
 * banner or the section's name in an <h1> of their own, above the
 * article's. Else the first one when accepted (a headline worded otherwise
 * than the declared title), else null. Without a first <h1> (`h1` null: it
 * has no text, a logo), the first of `otherH1s` is the first one.
 */
export function visibleHeadlineAmong(
  h1: string | null | undefined,
  otherH1s: readonly string[],
  declared: ReadonlyArray<string | null | undefined>,
  titleTag: string | null | undefined,
  site: SiteIdentity,
  pageUrl: string,
): string | null {
  const titles = [...declared, titleTag].filter((title): title is string => Boolean(title)).map(wordsKey);
  const beginsTitle = (text: string | null | undefined): boolean => {
    const key = wordsKey(text ?? '');
    return key !== '' && titles.some((title) => title === key || title.startsWith(`${key} `));
  };
  // An <h1> without text (a logo, an image) is no headline: the page's next <h1> with text stands for it.
  const [standIn, ...rest] = h1 ? [h1, ...otherH1s] : otherH1s;
  const first = visibleHeadline(standIn, declared, titleTag, site, pageUrl);
  if (first && beginsTitle(first)) return first;
  const begun = rest.find(beginsTitle);
  return (begun ? visibleHeadline(begun, declared, titleTag, site, pageUrl) : null) ?? first;
}

/**
 * The site as the page names it, with an <h1> that is the <title>'s site
 * part ("What is Ownership? - The Rust Programming Language" over a banner
 * <h1> "The Rust Programming Language") as one more of its names: pages
 * without og:site_name name their site that way, and the <title>'s suffix
 * can then be cut.
 */
export function siteNamedByBanner(site: SiteIdentity, h1s: ReadonlyArray<string | null | undefined>, titleTag: string | null | undefined): SiteIdentity {
  if (!titleTag) return site;
  const banners = h1s.filter((h1): h1 is string => typeof h1 === 'string' && isSitePartOf(wordsKey(h1), titleTag));
  return banners.length === 0 ? site : { ...site, otherNames: [...(site.otherNames ?? []), ...banners] };
}
