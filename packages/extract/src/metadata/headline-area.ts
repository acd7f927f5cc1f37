/**
 * What a page prints around its headline for readers rather than machines:
 * the dates ("Updated Dec 12, 2025", "17.05.2021") and the byline ("By Jane
 * Doe", a box named author or byline). Many pages declare neither in their
 * metadata; the ground truth of a page is what its reader sees there.
 *
 * Read from a window of the page's text in document order: a little before
 * the <h1> (a dateline above the headline) and more after it. Nothing here
 * validates a date: the candidates go through dates.ts like every other.
 */
import { asciiDigits, CJK_DAY, VI_DAY } from '@tidings/text';
import { nameWords } from '../content/class-names.js';
import { opensByline } from '../content/phrases.js';
import { cleanText } from '../strings.js';

/** What the headline area shows. */
export interface HeadlineArea {
  /** Date-like strings, those after the headline first (in order), then those before it (nearest first). */
  datelines: string[];
  /** Short texts that credit the article: "By Jane Doe", a box named author or byline. */
  bylines: string[];
  /** The first part of `datelines`: dates on a short line of their own that no label calls an update. */
  plainDatelines: string[];
}

/** Text characters read before and after the headline. */
const BEFORE_CHARS = 400;
const AFTER_CHARS = 1_500;
/** A byline is one short line. */
const MAX_BYLINE_CHARS = 100;
/** A dateline too: longer text holding a date is a sentence of the article (its dates come last). */
const MAX_DATELINE_CHARS = 100;
/** Levels above a text node searched for a box named author or byline. */
const BYLINE_BOX_DEPTH = 3;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'footer', 'aside', 'select', 'button', 'form', 'iframe']);
const BYLINE_WORDS = new Set(['author', 'authors', 'byline', 'writer', 'contributor', 'contributors', 'creator']);
/** The label alone, the name in the next box: "By", "Written by:". */
const BY_ALONE = /^(?:(?:written|authored|article|words)\s+)?by:?$/i;
/** A label alone whose name follows in the next box: "Written by", "Author:", "Contributors:". */
const LABEL_ALONE = /^(?:(?:(?:written|authored|article|words|posted)\s+)?by|authors?|contributors?)\s*:?$/i;

/**
 * Dates written out: a day, a month word and a year in either order ("9 July
 * 2025", "July 9th, 2025", "9. März 2021", "Dec. 09, 2025"), ISO days, and
 * numeric days with dots or slashes ("17.05.2021", "2021/05/17", "10/31/2024";
 * the parser refuses the ambiguous ones), and year-first days with dots or as
 * Chinese, Japanese and Korean write them. Words are checked by the parser: any
 * language it knows.
 */
export const DATE_TEXT = new RegExp(
  [
    // A month word: letters and the vowel signs of the scripts that write them as marks ("मार्च", "มีนาคม", "মার্চ").
    String.raw`\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:de\s+|of\s+)?\p{L}[\p{L}\p{M}]{2,}\.?,?\s+(?:de\s+)?\d{4}`,
    String.raw`\p{L}[\p{L}\p{M}]{2,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`,
    // A month abbreviated with dots inside it: "14 มี.ค. 2567" (Thai).
    String.raw`\d{1,2}\s+(?:\p{L}[\p{L}\p{M}]*\.){2,}\s+\d{4}`,
    String.raw`\d{4}-\d{2}-\d{2}`,
    String.raw`\d{4}/\d{1,2}/\d{1,2}`,
    String.raw`\d{1,2}[./]\d{1,2}[./]\d{4}`,
    // Year first: "2025.12.17", and as Chinese, Japanese and Korean write it ("2025年12月17日", "2025년 12월 17일", "2025. 12. 17.").
    String.raw`\d{4}\.\d{1,2}\.\d{1,2}`,
    CJK_DAY,
    // Vietnamese, the month by its number: "5 tháng 3 năm 2024".
    VI_DAY,
  ]
    .map((form) => `(?:${form})`)
    .join('|'),
  'gu',
);
/**
 * Every form of DATE_TEXT ends or starts with a year of four digits (`\d` is
 * ASCII only, as there): a text without four digits in a row holds none of
 * its dates. One test for them is far cheaper than the forms' search, which
 * tries a word of three letters or more at every letter, and most texts
 * around a headline hold no year.
 */
const FOUR_DIGITS = /\d{4}/;

/**
 * DATE_TEXT's first match in a text, tested for a year first. DATE_TEXT itself from the start
 * rather than a copy without the global flag: its letter classes take about 20 ms to compile,
 * once per expression and process, which a one-off run over a few pages pays in full.
 */
function firstDateText(text: string): RegExpExecArray | null {
  if (!FOUR_DIGITS.test(text)) return null;
  DATE_TEXT.lastIndex = 0;
  const match = DATE_TEXT.exec(text);
  DATE_TEXT.lastIndex = 0;
  return match;
}

/**
 * The first date written out in a text, and whether a label before it calls
 * it an update: "Published: Jun 25, 2025" gives "Jun 25, 2025", "Page
 * updated: 12 November 2025" gives "12 November 2025", an update. Null
 * without a date.
 */
export function dateTextIn(written: string): { date: string; update: boolean } | null {
  const text = asciiDigits(written);
  const match = firstDateText(text);
  return match ? { date: match[0], update: UPDATED_LABEL.test(text.slice(0, match.index).trim()) } : null;
}

interface Segment {
  text: string;
  parent: Element;
}

/** Reads the dates and bylines printed around `h1`; empty when the page has no headline. */
export function readHeadlineArea(body: Element | null, h1: Element | null): HeadlineArea {
  if (!body || !h1) return { datelines: [], bylines: [], plainDatelines: [] };
  const segments = textAround(body, h1);
  if (!segments) return { datelines: [], bylines: [], plainDatelines: [] };
  const { before, after } = segments;
  const dayFirst = writesDayFirst(body);
  const dates = [...datesIn(after, dayFirst), ...datesIn(before, dayFirst).reverse()];
  // A date labelled as an update comes after the others, a date in a sentence last: each is the publication only when the page prints no better.
  const rank = (date: { update: boolean; inSentence: boolean }): number => (date.inSentence ? 2 : date.update ? 1 : 0);
  const ranked = [0, 1, 2].map((level) => dates.filter((date) => rank(date) === level).map((date) => date.text));
  const datelines = ranked.flat();
  // Segments share their boxes: whether a box is named author or byline is worked out once for the area.
  const named = new Map<Element, boolean>();
  const bylines = [...new Set([...bylinesIn(after, named), ...bylinesIn(before, named)])];
  return { datelines, bylines, plainDatelines: ranked[0] ?? [] };
}

/** Text nodes read in search of a labelled date. */
const MAX_LABELLED_TEXTS = 5_000;
/**
 * "Published on:", "Posted", "Date published" before a date: a publication; and as the languages
 * the parser reads write it ("Publié le", "Veröffentlicht am", "Publicado el", "Опубликовано").
 */
const PUBLISHED_LABEL = new RegExp(
  String.raw`^(?:(?:first\s+)?published|posted|date\s+published|publication\s+date|publiée?|publié\s+le|mis\s+en\s+ligne|date\s+de\s+publication|veröffentlicht|erstellt|erschienen|publicad[oa]|fecha\s+de\s+publicación|data\s+de\s+publicação|pubblicat[oa]|data\s+di\s+pubblicazione|gepubliceerd|geplaatst|opublikowano|data\s+publikacji|опубликовано|опубліковано|дата\s+публикации|yayınlanma(?:\s+tarihi)?|yayınlandı|diterbitkan|dipublikasikan|đăng\s+lúc|ngày\s+đăng|פורסם|نشر|تاريخ\s+النشر|प्रकाशित|প্রকাশিত|เผยแพร่)(?:\s+(?:on|le|am|el|em|il|op|в|في))?(?:\s*:)?\s*$`,
  'iu',
);
/**
 * "Updated", "Last updated on:", "Modified" just before a date: an update; and as the languages the
 * parser reads write it ("Mis à jour le", "Aktualisiert am", "Actualizado el", "Обновлено").
 */
const UPDATED_LABEL = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:(?:last\s+)?(?:updated|modified|reviewed)|(?:zuletzt\s+)?(?:aktualisiert|geändert)|(?:dernière\s+)?mise?\s+à\s+jour|actualizad[oa]|última\s+actualización|atualizad[oa]|última\s+atualização|aggiornat[oa]|ultimo\s+aggiornamento|bijgewerkt|gewijzigd|laatst\s+bijgewerkt|zaktualizowano|aktualizacja|обновлен[оа]?|изменено|оновлено|güncellendi|güncelleme|güncellenme(?:\s+tarihi)?|son\s+güncelleme|diperbarui|cập\s+nhật|עודכן|آخر\s+تحديث|تم\s+التحديث|अपडेट|আপডেট|อัปเดต)(?:\s+(?:on|am|le|el|em|il|op|в|في))?(?:\s*:)?\s*$`,
  'iu',
);

/**
 * Dates the page labels anywhere in its text, as a last resort for a page
 * whose headline area and metadata date nothing: "Published On: 15 August
 * 2025" under the article, "Updated March 13, 2024" past a long table of
 * contents, "Published" | "Feb 2, 2023" in two boxes, a date on the line
 * under a byline at the article's end ("Written by Jane Doe" | "April 8,
 * 2024"). The date is one short line, with its label or after it; those
 * labelled as a publication come first, then the date under a byline when
 * the page has one such (several are a list's teasers), then the updates,
 * each in document order.
 */
export function readLabelledDates(body: Element | null): string[] {
  if (!body) return [];
  const dayFirst = writesDayFirst(body);
  const published: string[] = [];
  const bylined: string[] = [];
  const updated: string[] = [];
  let seen = 0;
  let previous: Segment | null = null;
  const walk = (element: Element): void => {
    for (let node = element.firstChild; node && seen < MAX_LABELLED_TEXTS; node = node.nextSibling) {
      if (node.nodeType === 1) {
        if (!skipped(node as Element)) walk(node as Element);
        continue;
      }
      if (node.nodeType !== 3) continue;
      const text = asciiDigits(node.nodeValue?.replace(/\s+/g, ' ').trim() ?? '');
      if (text === '') continue;
      seen += 1;
      const before = previous;
      previous = { text, parent: element };
      if (text.length > MAX_DATELINE_CHARS) continue;
      const date = firstDateText(text);
      if (!date) continue;
      // A date that stands alone is labelled by the text just before it ("Published" | "Feb 2, 2023").
      const label = date.index > 0 || !before ? text.slice(0, date.index) : before.text;
      const written = asWritten(date[0], dayFirst);
      if (PUBLISHED_LABEL.test(label)) published.push(written);
      else if (UPDATED_LABEL.test(label)) updated.push(written);
      else if (date.index === 0 && before && isBylineLine(before)) bylined.push(written);
    }
  };
  walk(body);
  return [...published, ...(bylined.length === 1 ? bylined : []), ...updated];
}

/** The line a text belongs to is a byline: "Written by <a>Jane Doe</a>" read whole. */
function isBylineLine(segment: Segment): boolean {
  const line = cleanText(segment.parent.localName.toLowerCase() === 'a' ? segment.parent.parentElement?.textContent : segment.parent.textContent);
  return line != null && line.length <= MAX_BYLINE_CHARS && opensByline(line);
}

/** The text segments just before the headline and from it on, or null when the walk never meets it. */
function textAround(body: Element, h1: Element): { before: Segment[]; after: Segment[] } | null {
  const before: Segment[] = [];
  const after: Segment[] = [];
  let beforeChars = 0;
  let afterChars = 0;
  let met = false;
  const walk = (element: Element): boolean => {
    if (element === h1) met = true;
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const text = node.nodeValue?.trim() ?? '';
        if (text === '') continue;
        if (met) {
          after.push({ text, parent: element });
          afterChars += text.length;
          if (afterChars > AFTER_CHARS) return false;
        } else {
          before.push({ text, parent: element });
          beforeChars += text.length;
          // Only the last BEFORE_CHARS matter: drop what scrolled out of the window.
          while (before.length > 1 && beforeChars - (before[0]?.text.length ?? 0) > BEFORE_CHARS) beforeChars -= before.shift()?.text.length ?? 0;
        }
      } else if (node.nodeType === 1 && (!skipped(node as Element) || (!met && isAside(node as Element) && (node as Element).contains(h1)))) {
        // An <aside> that holds the headline is read: a template may lay the whole page out in one.
        if (!walk(node as Element)) return false;
      }
    }
    return true;
  };
  walk(body);
  return met ? { before, after } : null;
}

/**
 * The one skipped tag that some templates wrap the whole page in. Not a
 * <footer> or a <nav>, whose <h1> is no headline ("Contact Us"), nor a
 * <form>: ASP.NET wraps whole pages in one, but so do sign-up dialogs
 * whose <h1> is theirs (tried: it moved two pages' types, gaining nothing).
 */
function isAside(element: Element): boolean {
  return element.localName.toLowerCase() === 'aside';
}

/**
 * Boxes whose text is not the headline's surroundings. A <footer> inside an
 * <article> is the article's own: it holds the byline and the date (the
 * HTML spec's example), unlike the page's footer.
 */
function skipped(element: Element): boolean {
  const tag = element.localName.toLowerCase();
  if (tag === 'footer') return element.parentElement?.closest('article') == null;
  return SKIPPED.has(tag);
}

/** The bylines of a run of segments; a label alone ("Written by", "Author:") takes the next segment as its name. */
function bylinesIn(segments: readonly Segment[], named: Map<Element, boolean>): string[] {
  return segments.flatMap((segment, index) => {
    const own = bylineOf(segment, named);
    if (own.length > 0 || !LABEL_ALONE.test(segment.text)) return own;
    const next = segments[index + 1]?.text;
    return next && next.length <= MAX_BYLINE_CHARS && !LABEL_ALONE.test(next) ? [`${segment.text.replace(/:$/, '')}: ${next}`] : [];
  });
}

/**
 * The dates of a run of segments, each marked when a label calls it an
 * update and when it sits in a sentence. A dateline is a short line of its
 * own ("Updated July 9, 2025", "By Jane Doe · Mar 5, 2025"); a date inside a
 * sentence of the text ("the release shipped on 30 October 2025") is more
 * likely what the article is about than when it was written.
 */
function datesIn(segments: readonly Segment[], dayFirst: boolean): Array<{ text: string; update: boolean; inSentence: boolean }> {
  return segments.flatMap((segment, index) => {
    // Digits of other scripts as ASCII ("١٢ مارس ٢٠٢٤"): one unit each, so the offsets into the segment hold.
    const text = asciiDigits(segment.text);
    if (!FOUR_DIGITS.test(text)) return [];
    const inSentence = text.length > MAX_DATELINE_CHARS;
    return allMatches(DATE_TEXT, text).map((match) => {
      // The label before the date in its own line, else the line before when the date stands alone ("Updated on" | "April 19, 2025").
      const label = match.index === 0 ? (segments[index - 1]?.text ?? '') : text.slice(0, match.index);
      return { text: asWritten(match[0], dayFirst), update: UPDATED_LABEL.test(label.trim()), inSentence };
    });
  });
}

/** "05/03/2024": both numbers could be the month, which the parser refuses to guess. */
const SLASHED_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A date as the page means it: on a page whose language writes the day
 * first (every one but US English: "05/03/2024" is 5 March in Paris, Rome
 * and Jakarta), a slashed day is written with dots, which the parser reads
 * day first. Otherwise as it is.
 */
function asWritten(date: string, dayFirst: boolean): string {
  return dayFirst ? date.replace(SLASHED_DAY, '$1.$2.$3') : date;
}

/** English regions that write the day first; English alone, or the US, Canada and the Philippines, stay undecided. */
const DAY_FIRST_ENGLISH = new Set(['gb', 'uk', 'ie', 'au', 'nz', 'in', 'za', 'sg', 'my', 'pk', 'ng', 'ke', 'hk']);

/** Whether the page's declared language (`<html lang>`) writes a slashed day day first. */
function writesDayFirst(body: Element): boolean {
  const root = body.ownerDocument?.documentElement;
  const lang = (root?.getAttribute('lang') ?? root?.getAttribute('xml:lang') ?? '').trim().toLowerCase();
  const [primary = '', region = ''] = lang.split(/[-_]/);
  if (!/^[a-z]{2,3}$/.test(primary)) return false;
  return primary === 'en' ? DAY_FIRST_ENGLISH.has(region) : true;
}

/**
 * `[...text.matchAll(pattern)]` for a global `pattern` that never matches the empty string, by
 * `exec` on the pattern itself. `matchAll` makes a new expression from the pattern for every
 * text: a look-up in V8's cache of compiled expressions each time, and after a full garbage
 * collection has emptied that cache, DATE_TEXT's large letter classes compiled all over again.
 */
function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) matches.push(match);
  return matches;
}

/** The byline a segment belongs to: its own line when it starts with "By", else a short box named author or byline around it. */
function bylineOf(segment: Segment, named: Map<Element, boolean>): string[] {
  let line = segment.parent;
  // "By" alone in a <span>, the name in a link next to it: the line is the parent block.
  if (opensByline(segment.text) || BY_ALONE.test(segment.text)) {
    // Climb only past boxes holding the bare label: a line that is the whole byline stays as it is.
    while (BY_ALONE.test((line.textContent ?? '').trim()) && line.parentElement && line.localName.toLowerCase() !== 'body') line = line.parentElement;
    const text = cleanText(line.textContent);
    if (text && text.length <= MAX_BYLINE_CHARS && opensByline(text)) return [text];
    // "3 min read · By Jane Doe" in one box: the segment itself is the byline.
    if (opensByline(segment.text) && segment.text.length <= MAX_BYLINE_CHARS) return [segment.text];
  }
  const filed = filedUnder(segment);
  if (filed) return [filed];
  let box: Element | null = segment.parent;
  for (let level = 0; box && level < BYLINE_BOX_DEPTH; level += 1, box = box.parentElement) {
    if (!isNamedByline(box, named)) continue;
    const text = cleanText(box.textContent);
    return text && text.length <= MAX_BYLINE_CHARS ? [text] : [];
  }
  return [];
}

/**
 * A box marked as the author's link or named author or byline (`named`
 * remembers each box's answer). A box without attributes (most around a
 * headline's text) has neither a rel, a class nor an id: no need to ask.
 */
function isNamedByline(box: Element, named: Map<Element, boolean>): boolean {
  if (!box.hasAttributes()) return false;
  let answer = named.get(box);
  if (answer === undefined) {
    answer = box.getAttribute('rel') === 'author' || nameWords(box).some((word) => BYLINE_WORDS.has(word));
    named.set(box, answer);
  }
  return answer;
}

/** "Jane Doe in", "Dec 26, 2025 • Jane Doe in": a name filing the article under a section, the section a link. */
const NAME_IN = /^(?:.{0,30}?\d{4}\s*[•·|–-]\s*)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,2})\s+in$/u;
/** Levels above a text node searched for the line holding the name and its section link. */
const FILED_LINE_DEPTH = 2;

/**
 * The name of a line that files the article under a section link without a
 * "By": "Jane Doe in <a>Marketing</a>", as blog templates print under the
 * headline. The line's text before the link must be a date at most and a
 * name of two or three capitalised words.
 */
function filedUnder(segment: Segment): string | null {
  // The text just before the section link ends with "in": only then is the line read (it may be a large box).
  if (!/(?:^|\s)in$/.test(segment.text)) return null;
  let line: Element | null = segment.parent;
  for (let level = 0; line && level < FILED_LINE_DEPTH; level += 1, line = line.parentElement) {
    const text = cleanText(line.textContent);
    if (!text || text.length > MAX_BYLINE_CHARS) continue;
    const linkText = cleanText(line.querySelector('a')?.textContent);
    if (!linkText || !text.endsWith(linkText)) continue;
    const name = NAME_IN.exec(text.slice(0, text.length - linkText.length).trim())?.[1];
    if (name) return name;
  }
  return null;
}
