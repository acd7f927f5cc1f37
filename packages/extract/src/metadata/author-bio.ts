import { cleansBeyondWhitespace, cleanText } from '../strings.js';

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
  let seen = 0;
  const walk = (element: Element): void => {
    for (let node = element.firstChild; node && seen < MAX_TEXTS; node = node.nextSibling) {
      if (node.nodeType === 3) {
        seen += 1;
        add(node.nodeValue);
      } else if (node.nodeType === 1 && !UNPRINTED.has((node as Element).localName.toLowerCase())) walk(node as Element);
    }
  };
  if (document.body) walk(document.body);
  return labels;
}

const UNPRINTED = new Set(['script', 'style', 'noscript', 'template', 'svg']);
