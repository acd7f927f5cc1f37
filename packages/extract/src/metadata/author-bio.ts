import { nameWords, REPLY_BOX_WORDS } from '../content/class-names.js';
import { tagOf } from '../content/dom-measure.js';
import { cleansBeyondWhitespace, cleanText, collapseWhitespace } from '../strings.js';
import { walkTexts } from './text-walk.js';

/**
 * A bio's opening sentence: "Jane Doe is a freelance travel writer...", the
 * name in two to four capitalised words, credentials after a comma allowed
 * ("Jane Doe, MD, is the...").
 */
const BIO_SENTENCE = /^((?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]+)(?:,\s*[\p{Lu}.]{2,8})*,?\s+is\s+(?:a|an|the)\s/u;
/**
 * A bio speaks of a person: "she", "his". Products, companies and terms
 * the article defines the same way ("Mesh WiFi is a whole home system",
 * "Acme is a family-owned nursery... we") are "it", "we" or "they".
 */
const PERSONAL_PRONOUN = /\b(?:he|she|him|her|his|hers)\b/i;
/** A heading that opens an author box: "About the author", "About the writer:". */
const ABOUT_HEADING = /^about\s+the\s+(?:author|writer)s?\s*:?$/i;
/** Paragraphs read in search of a bio. */
const MAX_PARAGRAPHS = 400;
/** Text nodes read in search of the name printed on its own. */
const MAX_TEXTS = 5_000;

/**
 * The writer named only by the author box after the article ("About the
 * author": a photo, the name, a short bio). Its bio sentence alone could be
 * about anyone the article quotes, so the box must also name the person on
 * its own: the photo's alt text, a line holding the name alone ("Written by
 * Jane Doe" too), or an "About the author" heading just before the bio;
 * and the bio must speak of a person.
 * Only one such person: a list of pictured entries each described the same
 * way ("Acme Movers is a full-service...") is a listicle, not an author box.
 */
export function readAuthorBio(document: Document): string[] {
  const paragraphs = [...document.querySelectorAll('p')].slice(0, MAX_PARAGRAPHS);
  let labels: Set<string> | null = null;
  const names = new Set<string>();
  for (const paragraph of paragraphs) {
    const raw = paragraph.textContent ?? '';
    // Most paragraphs speak of no person: those are not cleaned (the pronoun test reads the raw text alike).
    if (!cleansBeyondWhitespace(raw) && !PERSONAL_PRONOUN.test(raw)) continue;
    const text = cleanText(raw) ?? '';
    const name = BIO_SENTENCE.exec(text)?.[1];
    if (!name || !PERSONAL_PRONOUN.test(text)) continue;
    if (ABOUT_HEADING.test(cleanText(paragraph.previousElementSibling?.textContent) ?? '')) names.add(name);
    labels ??= printedLabels(document);
    if (labels.has(name.toLowerCase())) names.add(name);
  }
  return names.size === 1 ? [...names] : [];
}

/** Short texts that may name the writer alone: image alt texts and text nodes, "Written by" and "About" dropped, in lower case. */
function printedLabels(document: Document): Set<string> {
  const labels = new Set<string>();
  const add = (value: string | null | undefined): void => {
    const text = cleanText(value);
    if (text && text.length <= 80) labels.add(text.replace(/^(?:written\s+by|about)\s+/i, '').toLowerCase());
  };
  for (const image of document.querySelectorAll('img[alt]')) add(image.getAttribute('alt'));
  if (document.body) walkTexts(document.body, (node) => void add(node.nodeValue), { limit: MAX_TEXTS });
  return labels;
}

/** A line that credits the writer wherever it stands: "Written by Jane Doe", "Posted by Jane Doe at 11:15 AM". */
const WRITTEN_BY = /^(?:written|posted|authored)\s+by\b/i;
/** A sentence that credits the writer in a link after it: "This post was written by <a>Jane Doe, MD</a>, ...". */
const WRITTEN_BY_LINK = /\b(?:written|posted|authored)\s+by:?$/i;
/** Inline boxes a byline's label or name may sit in: the line is their block. */
const INLINE = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'small']);
/** A byline is one short line. */
const MAX_LINE_CHARS = 100;

/**
 * The first line anywhere in the page that credits its writer with "Written
 * by", "Posted by" or "Authored by" (a blog's post footer, "Written by Jane
 * Doe" under the article), or a sentence whose last words credit a linked
 * name ("This post was written by <a>Jane Doe</a>"), outside boxes of
 * comments: the last resort for a page that names nobody anywhere else
 * (author-field.ts). Empty when there is none.
 */
export function readLabelledBylines(document: Document): string[] {
  if (!document.body) return [];
  let found: string | null = null;
  const outsideReplies = (element: Element): boolean => !nameWords(element).some((word) => REPLY_BOX_WORDS.has(word));
  walkTexts(
    document.body,
    (node, parent) => {
      const text = collapseWhitespace(node.nodeValue ?? '');
      if (WRITTEN_BY.test(text)) {
        let line = parent;
        while (INLINE.has(tagOf(line)) && line.parentElement) line = line.parentElement;
        const whole = cleanText(line.textContent);
        if (whole && whole.length <= MAX_LINE_CHARS && WRITTEN_BY.test(whole)) found = whole;
        else if (text.length <= MAX_LINE_CHARS) found = text;
      } else if (WRITTEN_BY_LINK.test(text)) {
        let next = node.nextSibling;
        while (next && next.nodeType === 3 && collapseWhitespace(next.nodeValue ?? '') === '') next = next.nextSibling;
        const name = next?.nodeType === 1 && tagOf(next as Element) === 'a' ? cleanText(next.textContent) : null;
        if (name && name.length <= MAX_LINE_CHARS) found = `By ${name}`;
      }
      return found !== null;
    },
    { limit: MAX_TEXTS, enters: outsideReplies },
  );
  return found ? [found] : [];
}
