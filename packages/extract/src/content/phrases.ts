/**
 * Phrases that mean "this is not the article" on every news site: box
 * headings, prompts, advert labels, datelines, copyright lines. Only ever
 * applied to short blocks; none names a particular site. Kept as lists of
 * alternatives so that adding one is a one-line change.
 */

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

function anyOf(alternatives: readonly string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** Headings of boxes about other pages or actions. */
const BOX_HEADINGS = [
  'related(?:\\s+(?:news|stories|articles|content|posts|coverage|reading|topics|links|videos))?',
  'read (?:more|also|next)',
  'also read',
  'more (?:from|on|in|about)\\b.*',
  'more (?:stories|news|articles|to read|like this)',
  'more',
  'see also',
  'recommended(?:\\s+(?:for you|stories|reading|articles))?',
  'you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)',
  'most (?:popular|read|viewed|shared)',
  'trending(?: now| stories)?',
  'popular (?:now|stories|articles)',
  'latest (?:news|stories|headlines)',
  'top stories',
  "editor['’]?s picks",
  // A table of contents: links to the page's own sections.
  '(?:table of )?contents',
  'in this (?:article|post|guide|story|page)',
  'on this page',
  'jump to(?: section)?',
  'quick links',
  'further reading',
  'share(?: this)?(?: (?:article|story|post|page))?',
  'share (?:on|via)\\b.*',
  'follow us\\b.*',
  'subscribe\\b.*',
  'sign up\\b.*',
  '(?:our |get (?:our|the) )?newsletters?\\b.*',
  'comments?(?: \\(\\d+\\))?',
  '\\d+ comments?',
  'leave a (?:comment|reply)',
  'join the (?:conversation|discussion)',
  'about the author',
  'tags?',
  'topics?',
  'filed under',
  'advertisement',
  'sponsored(?: content| stories)?',
];
/**
 * Headings of a table of contents: navigation even when the contents box
 * itself has gone already (Readability drops a list of links).
 */
export const CONTENTS_HEADING = /^(?:table of contents|contents|in this (?:article|post|guide|story|page)|on this page|jump to(?: section)?)\s*:?$/i;

/** A box heading: the whole text must be one. */
export const BOX_HEADING = new RegExp(`^${anyOf(BOX_HEADINGS)}\\s*:?$`, 'i');

/**
 * Headings of the sections that close a page after its story whatever they
 * hold: the author's bio, the sources, other posts. (A box heading such as
 * "Related" also closes one, when what follows it is mostly links.)
 */
const TAIL_HEADINGS = [
  'about (?:the )?(?:author|authors|contributor|writer|expert)s?',
  '(?:the )?authors?',
  'written by',
  '(?:article )?sources?',
  'recent (?:posts|articles)',
  '(?:previous|next) (?:post|article)',
  'up next',
  '(?:what )?others are reading',
  'additional reading\\b.*',
];
/** A tail heading: the whole text must be one. */
export const TAIL_HEADING = new RegExp(`^${anyOf(TAIL_HEADINGS)}\\s*:?$`, 'i');

/** Openings of a block that prompts the reader to go elsewhere or do something. */
const PROMPTS = [
  'related\\s*(?:news|stories|articles|coverage|content)?\\s*:',
  'read (?:more|also|next)\\b',
  'also read\\b',
  'also on\\b',
  'see (?:more|also)\\b',
  'more from\\b',
  'don[’\']?t miss\\b',
  'recommended\\b',
  'you (?:may|might) also\\b',
  'share (?:this|on|via)\\b',
  'like this (?:story|article)\\b',
  'want more\\b',
  'follow us\\b',
  'subscribe (?:to|now|for|today)\\b',
  'sign up (?:for|to|now|here)\\b',
  'get (?:the latest|breaking news)\\b',
  'click here\\b',
  'advertisement\\b',
  'sponsored\\b',
  'leave a (?:comment|reply)\\b',
  'join the (?:conversation|discussion)\\b',
  '(?:tags|topics|filed under)\\s*:',
  'originally published (?:on|in|at|by)\\b',
];

/**
 * A call to subscribe anywhere in a short paragraph: "Need more space?
 * Subscribe to our sister title...". Instructions ("sign up for a Hulu
 * account") name no newsletter, magazine or "our".
 */
export const SUBSCRIBE_CALL =
  /\b(?:subscribe|sign up)\b.{1,40}\b(?:newsletters?|magazines?|podcasts?|channel|e-?mails?|alerts|our|updates)\b/i;
/** A prompt: the text must start with one. */
export const PROMPT_LEAD = new RegExp(`^${anyOf(PROMPTS)}`, 'i');

/** Labels that sit where an advert was. */
const AD_LABELS = [
  'advertisement',
  'advertising',
  'advert',
  'ads?',
  'sponsored(?: content)?',
  'story continues (?:below|after)(?: (?:this )?advertisement)?',
  'continue reading (?:below|the main story)',
  'scroll to continue(?: with content)?',
  'skip (?:advertisement|ad)',
];
/** An advert label: the whole text must be one. */
export const AD_LABEL = new RegExp(`^${anyOf(AD_LABELS)}$`, 'i');

/**
 * The labels of the page's own controls, left as a line of text when the
 * button or link around them went unnoticed: "Read more", "Show caption",
 * "Back to top", "Load more". Only ever a whole line: inside a sentence
 * ("read more about it") the words are the sentence's.
 */
const CONTROL_LABELS = [
  'read (?:more|full (?:story|article|review))',
  'learn more',
  'show (?:caption|more|less)',
  'hide(?: caption)?',
  '(?:see|view) (?:more|all)',
  'load more',
  'click here',
  'continue reading',
  'back to top',
  'skip to (?:main )?content',
];
/** A control's label: the whole text must be one, a closing arrow or bit of punctuation aside ("Learn more ›", "Read more..."). */
export const CONTROL_LABEL = new RegExp(`^${anyOf(CONTROL_LABELS)}[\\s\\p{P}\\p{S}]{0,3}$`, 'iu');

/** A dateline on its own: "Published 4:00 am CST, Wednesday...", "| UPDATED: 11:05, Tue, Nov 19, 2019". */
export const DATELINE = new RegExp(
  `^[|\\s]*${anyOf(['published', 'updated', 'posted', 'last (?:updated|modified)', 'date', 'publicado', 'atualizado', 'aktualisiert', 'mis à jour'])}\\b`,
  'i',
);

/** A date and little else: "November 20, 2019", "20/11/2019 10:48", "Tue 19 Nov 2019, 10:48 GMT". */
const DATE_FORMS = [
  '\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}',
  `(?:\\d{1,2}\\s+)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?(?:\\s+\\d{4})?`,
  `\\d{1,2}\\s+${MONTH}\\s+\\d{4}`,
];
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const TIME = '(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[a-z]{2,5})?)?';
export const DATE_ONLY = new RegExp(`^[\\p{P}\\s]*${WEEKDAY}${anyOf(DATE_FORMS)}${TIME}[\\p{P}\\s]*$`, 'iu');

/**
 * A credit for the article's editing or review rather than its writing,
 * with or without the names (a link to the editor's page often goes with the
 * byline box): "Edited by", "Reviewed by Jane Doe", "Fact checked by ...",
 * "Medically reviewed by ...". Not a byline (BY_LEAD): the writer is someone else.
 */
export const CREDIT_LABEL = /^(?:edited|reviewed|fact[- ]?checked|medically reviewed|copy ?edited|verified)\s+by\b/i;

/** How long the article takes to read: "5 min read", "Reading Time: 8 minutes", "3 MIN. READ", "Jane Doe | 5 min read". */
export const READING_TIME = /(?:^|\|\s*)(?:(?:estimated\s+)?reading time:?\s*)?\d+\s*(?:min|mins|minutes?)\.?(?:\s+(?:read|reading))?\s*$/i;

/** Copyright and rights lines of a page footer. */
export const COPYRIGHT = /©|\bcopyright\b|\ball rights reserved\b/i;

/**
 * The end of a sentence: a full stop, a question or exclamation mark or an
 * ellipsis, also as the scripts that write their own do ("。", "！", "？",
 * "．", "।", "॥", "؟", "۔", "։", "።"), maybe before closing quotes or
 * brackets or a French closing guillemet (after a space, as French prints it)
 * ("…ends.”", "…ends。」", "…fin. »"). Prose ends so; a link list, a
 * breadcrumb trail or a share bar does not.
 */
export const SENTENCE_END = /[.!?…。！？．।॥؟۔։።](?:["”’'」』)）\]]|[\s\u00A0]?»)*$/u;
/** The same, or a colon that leads into what follows (a paragraph introducing a list or a quotation). */
export const SENTENCE_OR_LEAD_IN_END = /[.!?…。！？．।॥؟۔։።:：](?:["”’'」』)）\]]|[\s\u00A0]?»)*$/u;

/**
 * "By" before a name in other languages, capitalised as printed: "Von Jane
 * Doe", "Par Jean Dupont", "Por Ana Gómez", "Door Jan de Vries", "Av Ola
 * Nordmann", "Af Mette Hansen", "Przez Jan Kowalski", "Di Mario Rossi". Two
 * capitalised words must follow, short particles allowed between them ("Jan
 * de Vries"): "Par ailleurs" and "Por eso" open sentences.
 */
const FOREIGN_BY_LEAD = /^(?:[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Dd]i)\s+(?=\p{Lu}[\p{L}'’.-]*(?:\s+\p{Ll}{1,3})*\s+\p{Lu})/u;
/** A byline is a few names: more words than this after a foreign "by" is a sentence ("Von Anfang März bis Ende April..."). */
const MAX_FOREIGN_BYLINE_WORDS = 8;

/**
 * Where a line that opens with "by" in another language (FOREIGN_BY_LEAD)
 * has its names, or -1 when it is no such byline: a short line, not a
 * sentence (German capitalises every noun: "Von Anfang März bis Ende April
 * gilt die Regel." is no byline).
 */
export function foreignBylineNames(line: string): number {
  const lead = FOREIGN_BY_LEAD.exec(line);
  if (lead === null || SENTENCE_END.test(line) || line.split(/\s+/).length > MAX_FOREIGN_BYLINE_WORDS) return -1;
  return lead[0].length;
}

/** "By", "Written by", "Words by", "Posted by" at the start of a line, a name after it. */
const BY_LEAD = /^(?:(?:written|posted|words|reporting|published|authored|article)\s+)?by\b\s*(?::\s*)?(?=\S)/i;

/** A line that credits its writer with "by", in English (BY_LEAD) or another language (FOREIGN_BY_LEAD): "By Jane Doe", "Par Jean Dupont". */
export function opensByline(line: string): boolean {
  return BY_LEAD.test(line) || foreignBylineNames(line) > 0;
}
