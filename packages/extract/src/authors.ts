import { looksLikeUrl } from './metadata/index.js';
import { cleanText, comparisonKey } from './strings.js';

/** "By", "Written by", "Analysis by", "Reporting by" and friends in front of a byline. */
const BYLINE_LEAD = /^(?:\p{L}+\s+){0,2}?by\b[\s:]*/iu;
/** Byline tails that are not part of the names: "Jane Doe Updated 3 hours ago", "Jane Doe November 19, 9:02 AM", "Jane Doe on Friday". */
const BYLINE_TAIL =
  /(?<!\s)\s*(?:\b(?:updated|published|posted|last modified)\b|\bon(?=\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d)|$)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$/i;
/** A weekday glued to the name by markup that lost its spacing: "Jeff FoustMonday, ...". */
const GLUED_WEEKDAY = /(?<=\p{Ll})(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$/u;
/** A dateline label glued to the name by markup without spaces: "Jane DoePublished on...", "Jane DoeLast updated...". */
const GLUED_LABEL = /(?<=\p{Ll})(?:Published|Updated|Posted|Last|Reviewed|Edited)\b.*$/u;
/** "BySummer Swann", "AuthorIsaiah Shelton": the label glued to the name. */
const GLUED_BY = /^(?:By|Authors?)(?=\p{Lu}\p{Ll})/u;
/** Credentials and suffixes that follow a name after a comma: "Jane Doe, MS, RDN". */
const CREDENTIAL = /^(?:\p{Lu}{2,4}|Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$/u;
/** A short label before a colon: "Text: Jane Doe", "Photos: ...", in any language. */
const LABEL_LEAD = /^\p{L}+\s*:\s*/u;
/**
 * Joins between names: commas, semicolons, pipes, "&", a spaced dash and
 * "and" (also und/et/y/e). The one-letter words only in lower case, so that
 * a middle initial ("Jane E Doe") is not taken for a conjunction.
 */
const NAME_JOINS = /(?:(?<!\s)\s+)?(?:,|;|\||&)\s*|(?<!\s)\s+(?:and|AND|And|und|et|y|e|[-–—])\s+/u;
/** Job titles that trail a name in many bylines ("Jane Doe, Senior Reporter", "AP Auto Writer"). */
const ROLE = /\b(?:reporter|editor|editor-at-large|correspondent|writer|contributor|columnist|journalist|producer|photographer)s?$/i;
/** Placeholders CMSs fill in when nobody is named. */
const NOT_A_NAME = /^(?:admin|administrator|editor|editorial|staff|guest|anonymous|unknown|author|user|webmaster|none|null|undefined)$/i;
const MAX_NAME_LENGTH = 80;
const MAX_NAME_WORDS = 6;

/**
 * Splits a byline into plain names: "By Jane Doe and John Roe" ->
 * ["Jane Doe", "John Roe"]. Drops URLs, e-mail addresses, job titles and CMS
 * placeholders.
 */
export function parseByline(byline: string): string[] {
  const cleaned = cleanText(byline);
  if (!cleaned || looksLikeUrl(cleaned)) return [];
  const body = cleaned.replace(GLUED_BY, '').replace(LABEL_LEAD, '').replace(BYLINE_LEAD, '').replace(GLUED_WEEKDAY, '').replace(GLUED_LABEL, '').replace(BYLINE_TAIL, '');
  return body
    .split(NAME_JOINS)
    .map((part) =>
      part
        .replace(BYLINE_LEAD, '')
        .replace(/(?<!\S)\S[^\s@]*@\S[^\s.]*\.\S+/g, '')
        .replace(/^[\s\-–—:]+/u, '').replace(/(?<![\s\-–—:.])[\s\-–—:.]+$/u, ''),
    )
    // "MS" after "Jane Doe" is a credential; "PTI" on its own is an agency.
    .filter((part, index) => isPlausibleName(part) && !(index > 0 && CREDENTIAL.test(part)));
}

/**
 * Chooses the authors: the first source (in the order given) that names
 * anyone after cleaning wins, because sources repeat each other in different
 * spellings and mixing them duplicates people. `notAuthors` are the site's
 * and publisher's names, which are never authors. Deduplicated ignoring case
 * and punctuation.
 */
export function chooseAuthors(sources: readonly (readonly string[])[], notAuthors: readonly (string | null)[] = []): string[] {
  return pickAuthors(sources, notAuthors).names;
}

/**
 * chooseAuthors with the index of the winning source (-1 when none names
 * anyone). When no source names anyone but the site or the publisher, the
 * site that the page itself names as the author is the author (a company
 * blog signed by the company).
 */
export function pickAuthors(sources: readonly (readonly string[])[], notAuthors: readonly (string | null)[] = []): { names: string[]; index: number } {
  const excluded = new Set(notAuthors.flatMap((name) => (name ? [comparisonKey(name)] : [])));
  const people = firstNamed(sources, excluded);
  return people.index >= 0 ? people : firstNamed(sources, new Set());
}

function firstNamed(sources: readonly (readonly string[])[], excluded: ReadonlySet<string>): { names: string[]; index: number } {
  for (const [index, source] of sources.entries()) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const raw of source) {
      for (const name of parseByline(raw)) {
        const key = comparisonKey(name);
        if (excluded.has(key) || seen.has(key)) continue;
        seen.add(key);
        names.push(name);
      }
    }
    if (names.length > 0) return { names, index };
  }
  return { names: [], index: -1 };
}

function isPlausibleName(part: string): boolean {
  if (part.length < 2 || part.length > MAX_NAME_LENGTH) return false;
  if (!/\p{L}/u.test(part) || looksLikeUrl(part) || looksLikeDomain(part)) return false;
  // Names have no digits; "9:02 AM" and "2018-09-16" are what is left of a dateline.
  if (/\p{N}/u.test(part)) return false;
  if (part.split(/\s+/).length > MAX_NAME_WORDS) return false;
  return !ROLE.test(part) && !NOT_A_NAME.test(part);
}

/** "Cleveland.com", "example.co.uk": a site, not a person. */
function looksLikeDomain(part: string): boolean {
  return /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu.test(part);
}
