import { CHINESE_SOURCE_AND_EDITOR_LABELS, DATED_BY_LEAD, foreignBylineNames } from './content/phrases.js';
import { looksLikeUrl } from './metadata/index.js';
import { cleanText, comparisonKey } from './strings.js';

/** "By", "Written by", "Analysis by", "Reporting by" and friends in front of a byline. */
const BYLINE_LEAD = /^(?:\p{L}+\s+){0,2}?by\b[\s:]*/iu;
/**
 * Byline tails that are not part of the names: "Jane Doe Updated 3 hours
 * ago", "Jane Doe November 19, 9:02 AM", "Jane Doe at 11:15 AM", "Jane Doe on Friday", "Jane Doe.
 * Reviewed by John Roe" (a reviewer or an editor is not an author).
 */
const BYLINE_TAIL =
  /(?:\b(?:updated|published|posted|last\s+modified|last\s+updated)\b|\b(?:medically\s+)?(?:reviewed|edited|fact[\s-]checked|researched)\s+by\b|\bon\s+behalf\s+of\b|\bat(?=\s+\d{1,2}[:.]\d{2})|\bon(?=\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d))|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})[\s\S]*/i;
/** "Posted by Jane Doe on", "Posted by Jane Doe at 11:15 AM": a trailing "on" or "at" in lower case only ("Audiophile On" is a name). */
const TRAILING_ON = /(?<!\s)\s+(?:on|at)$/;
/** "By MixmasterFred in Workshop": the section the byline files the article under. */
const IN_SECTION = /(?<!\s)\s+in\s+\p{Lu}[\s\S]*/u;
/**
 * Credits that name someone other than the writer: "Reviewed by", "Updated by", "Edited by", and as Chinese,
 * Japanese and Korean pages label the source and the editor ("来源：新华社", "（责任编辑：张华）", "출처: 연합뉴스").
 */
export const NOT_AUTHOR_LEAD = new RegExp(
  String.raw`^(?:(?:medically\s+)?(?:reviewed|updated|edited|fact[\s-]checked|researched|illustrated|photographed|photos?)\s+by\b|[(（]?(?:${CHINESE_SOURCE_AND_EDITOR_LABELS}|出典|출처|편집)\s*[:：])`,
  'i',
);
/** A job title glued to the name by markup without spaces: "Rachel MacDonaldWriter", "Matt CheckHead Winemaker". */
const GLUED_ROLE = /(?<=\p{Ll})(?:Writer|Editor|Founder|Co-Founder|Head|Author|Contributor|Reporter|Columnist|Journalist)\b[\s\S]*/u;
/** A weekday or a month glued to the name by markup that lost its spacing: "Jeff FoustMonday, ...", "Luke KimDecember 17". */
const GLUED_WEEKDAY =
  /(?<=\p{Ll})(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d)[\s\S]*/u;
/** A dateline in front of the name: "Dec 17, 2025Julian K. Arni", "Dec. 19, 2025 · Jane Doe", "17 December 2025 | Jane Doe". */
const LEADING_DATE =
  /^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?!\d)[\s·•|,–—-]*/i;
/** A dateline label glued to the name by markup without spaces: "Jane DoePublished on...", "Jane DoeLast updated...". */
const GLUED_LABEL = /(?<=\p{Ll})(?:Published|Updated|Posted|Last|Reviewed|Edited)\b[\s\S]*/u;
/** "BySummer Swann", "AuthorIsaiah Shelton", "Written byAAA Travel": the label glued to the name. */
const GLUED_BY = /^(?:(?:By|Authors?)(?=\p{Lu}\p{Ll})|(?:(?:Written|Posted|Authored)\s+)?by(?=\p{Lu}))/u;
/** Credentials and suffixes that follow a name after a comma: "Jane Doe, MS, RDN". */
const CREDENTIAL = /^(?:\p{Lu}{2,4}|Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$/u;
/** A short label before a colon: "Text: Jane Doe", "Photos: ...", in any language. */
const LABEL_LEAD = /^\p{L}+\s*:\s*/u;
/**
 * Separators between the parts of a byline: commas, semicolons, pipes,
 * bullets and a spaced dash. A part after the first that holds a job title
 * ("Jane Doe, Privacy and Security Expert") is dropped whole, before "and"
 * splits it.
 */
const PART_SEPARATORS = /(?:(?<!\s)\s+)?(?:,|;|\||[⋅•·])\s*|(?<!\s)\s+[-–—]\s+/u;
/**
 * Joins between names inside a part: "&" and "and" in the languages whose
 * bylines are read (und, et, y, e, en, i, и, і, та, ve, dan, och, og, ja,
 * és, și, và). The words other than "and" only in lower case, so that a
 * middle initial ("Jane E Doe", "Jan I Nowak") is not taken for one.
 */
const NAME_JOINS = /(?:(?<!\s)\s+)?&\s*|(?<!\s)\s+(?:and|AND|And|und|et|y|e|en|i|и|і|та|ve|dan|och|og|ja|és|și|và)\s+/u;
/** Job titles that trail a name in many bylines ("Jane Doe, Senior Reporter", "AP Auto Writer"). */
const ROLE = /\b(?:reporter|editor|editor-at-large|correspondent|writer|contributor|columnist|journalist|producer|photographer)s?$/i;
/** Words of a job title anywhere in a byline's later part: "Sr. Director of Operations", "Founder and Editor-in-Chief", "Product marketer". */
const ROLE_WORD =
  /(?<![\p{L}\p{M}])(?:reporters?|editors?|editor-in-chief|editorial|correspondent|writers?|contributors?|columnist|journalist|producer|photographer|expert|director|founder|co-founder|ceo|cto|cmo|manager|marketer|specialist|strategist|analyst|consultant|officer|president|engineer|developer|designer|researcher|scientist|professor|winemaker|korrespondent(?:in)?|redakteur(?:in)?|reporterin|autorin|journalistin|correspondant(?:e)?|journaliste|rédact(?:eur|rice)|envoyée?|corresponsal|periodista|redactor(?:a)?|enviad[oa]|corrispondente|giornalista|inviat[oa]|correspondente|jornalista|repórter|redator(?:a)?|verslaggever|redacteur|dziennikar(?:z|ka)|korespondent(?:ka)?|корреспондент|журналист(?:ка)?|обозреватель|кореспондент|журналіст(?:ка)?|muhabir(?:i)?|wartawan|koresponden|mwandishi)(?![\p{L}\p{M}])/iu;
/** Placeholders CMSs fill in when nobody is named. */
const NOT_A_NAME = /^(?:admin|administrator|editor|editorial|staff|guest|anonymous|unknown|author|user|webmaster|none|null|undefined)$/i;
/** Never a name, even as a last resort. */
const JUNK_NAME = /^(?:admin|administrator|unknown|author|user|webmaster|none|null|undefined)$/i;
/** Day and month names: what is left of a dateline ("Sat, 20 Dec, 2025"). */
const CALENDAR_WORD =
  /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?$|^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;
/** Lower-case words that belong to names: "Marna van der Merwe", "Jean de la Fontaine". */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'la', 'le', 'du', 'dos', 'das', 'do', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'zu', 'y', 'e', "d'"]);
const MAX_NAME_LENGTH = 80;
const MAX_NAME_WORDS = 6;

/** How strictly a byline is read. */
export interface BylineOptions {
  /**
   * The line was printed on the page rather than declared as an author:
   * every word of a name must then be capitalised (or a particle such as
   * "van"), so that "Insights from" or "Personal finance" is not a name.
   */
  printed?: boolean;
  /**
   * The last resort, when no source names a person: a team or role that
   * the page credits ("SFist Contributor", "Our Editors", "Staff") and, from
   * a declared author, a name with digits ("98 Buck Social") are kept.
   */
  lenient?: boolean;
}

/**
 * Splits a byline into plain names: "By Jane Doe and John Roe" ->
 * ["Jane Doe", "John Roe"]. Drops URLs, e-mail addresses, job titles and CMS
 * placeholders.
 */
export function parseByline(byline: string): string[] {
  return readNames(byline, {});
}

/** parseByline, read as `options` say (a printed line, the last resort). */
export function readNames(byline: string, options: BylineOptions): string[] {
  const cleaned = cleanText(byline);
  if (!cleaned || looksLikeUrl(cleaned) || NOT_AUTHOR_LEAD.test(cleaned)) return [];
  // "Von Jane Doe", "Par Jean Dupont": "by" in another language (English's is BYLINE_LEAD's).
  const foreign = foreignBylineNames(cleaned);
  const body = (foreign ?? cleaned)
    .replace(DATED_BY_LEAD, '')
    .replace(GLUED_BY, '')
    .replace(LEADING_DATE, '')
    .replace(LABEL_LEAD, '')
    .replace(BYLINE_LEAD, '')
    .replace(GLUED_WEEKDAY, '')
    .replace(GLUED_LABEL, '')
    .replace(BYLINE_TAIL, '')
    .trimEnd()
    .replace(GLUED_ROLE, '')
    .replace(IN_SECTION, '')
    .replace(TRAILING_ON, '');
  return body
    .split(PART_SEPARATORS)
    // A later part naming a job is the first name's title, not more people.
    .filter((part, index) => index === 0 || options.lenient === true || !ROLE_WORD.test(part))
    .flatMap((part, index) => part.split(NAME_JOINS).map((name) => ({ name: tidyName(name), first: index === 0 })))
    // "MS" after "Jane Doe" is a credential; "PTI" on its own is an agency.
    .filter(({ name, first }) => isPlausibleName(name, options, foreign !== null) && (first || !CREDENTIAL.test(name)))
    .map(({ name }) => name);
}

function tidyName(name: string): string {
  return name
    .replace(BYLINE_LEAD, '')
    // "Jane Doe, John Roe, and Ann Poe": the serial comma leaves "and" at the start of the last part.
    .replace(/^(?:and|&)\s+/i, '')
    .replace(/(?<!\S)\S[^\s@]*@\S[^\s.]*\.\S+/g, '')
    .replace(/^[\s\-–—:]+/u, '')
    .replace(/(?<![\s\-–—:.])[\s\-–—:.]+$/u, '');
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
  const people = firstNamed(sources, excluded, false);
  if (people.index >= 0) return people;
  const site = firstNamed(sources, new Set(), false);
  // Nobody named at all: a credited team or role ("Our Editors") is better than no author.
  return site.index >= 0 ? site : firstNamed(sources, new Set(), true);
}

function firstNamed(sources: readonly (readonly string[])[], excluded: ReadonlySet<string>, lenient: boolean): { names: string[]; index: number } {
  for (const [index, source] of sources.entries()) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const raw of source) {
      for (const name of readNames(raw, { lenient })) {
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

/** A name of one to four words in a script without capitals (Han, Hangul, Arabic, Hebrew, Devanagari): letters and their marks only. */
const CASELESS_NAME = /^[\p{Lo}\p{M}]+(?:\s[\p{Lo}\p{M}]+){0,3}$/u;

/**
 * Whether a part of a byline can be a name. `labelled`: the line credits its writer with a label in
 * another language ("作者：李明", "بقلم محمد علي"), which is what makes a name printed on the page one where its script
 * has no capitals.
 */
function isPlausibleName(part: string, options: BylineOptions, labelled = false): boolean {
  if (part.length < 2 || part.length > MAX_NAME_LENGTH) return false;
  if (!/\p{L}/u.test(part) || looksLikeUrl(part) || JUNK_NAME.test(part)) return false;
  const words = part.split(/\s+/);
  // What is left of a dateline ("Sat", "20 Dec"): day and month names and numbers only.
  if (words.every((word) => CALENDAR_WORD.test(word) || /^\d+(?:st|nd|rd|th)?,?$/.test(word))) return false;
  if (words.length > MAX_NAME_WORDS) return false;
  // What is left of "Jean Dupont, le 12 mars 2012" once its date went: a particle alone names nobody.
  if (words.every((word) => NAME_PARTICLES.has(word.toLowerCase()))) return false;
  if (options.printed && !capitalisedLikeAName(words) && !(labelled && CASELESS_NAME.test(part))) return false;
  // Names have no digits; "9:02 AM" and "2018-09-16" are what is left of a dateline.
  if (/\p{N}/u.test(part) && !(options.lenient && !options.printed && !/\d[:/.-]\d|\b(?:19|20)\d{2}\b/.test(part))) return false;
  if (options.lenient) return true;
  return !looksLikeDomain(part) && !ROLE.test(part) && !NOT_A_NAME.test(part);
}

/** Every word starts with a capital (or is a particle such as "van"), and one at least is not a particle. */
function capitalisedLikeAName(words: readonly string[]): boolean {
  let capitalised = 0;
  for (const word of words) {
    if (/^\p{Lu}/u.test(word)) capitalised += 1;
    else if (!NAME_PARTICLES.has(word)) return false;
  }
  return capitalised > 0;
}

/** "Cleveland.com", "example.co.uk": a site, not a person. */
function looksLikeDomain(part: string): boolean {
  return /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu.test(part);
}
