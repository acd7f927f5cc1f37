/**
 * Snippets: both backends mark matches with these control characters rather
 * than with `<mark>` itself, so the article text can be HTML-escaped around
 * them first. They are removed from the indexed copy of every article
 * ({@link indexedText}), so any in a snippet are ours.
 */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** Words in a snippet, around the matches. */
export const SNIPPET_WORDS = 24;

/** Text as it goes into the full-text index: without the match markers. */
export function indexedText(text: string): string {
  return text.replaceAll(MATCH_START, ' ').replaceAll(MATCH_END, ' ');
}

/**
 * The text with `&`, `<` and `>` escaped and matches wrapped in `<mark>`: an
 * HTML fragment, safe to insert as element content. (Quotes are left alone:
 * they only matter inside attributes, and apostrophes are common.)
 */
export function markSnippet(raw: string): string {
  return raw
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll(MATCH_START, '<mark>')
    .replaceAll(MATCH_END, '</mark>');
}

/**
 * The longest lead snippet, in UTF-16 units: 24 words of a language that
 * spaces them stay well under it; text that spaces none (Chinese, Japanese,
 * a run of one long token) would otherwise come back whole.
 */
const LEAD_MAX_CHARS = 240;

/** The opening words of a text, with an ellipsis when cut: the snippet of a hit found without words (browsing). */
export function leadSnippet(text: string): string {
  const words = indexedText(text).trim().split(/\s+/u).filter(Boolean);
  let lead = words.slice(0, SNIPPET_WORDS).join(' ');
  let cut = words.length > SNIPPET_WORDS;
  if (lead.length > LEAD_MAX_CHARS) {
    // Not between the two halves of a surrogate pair.
    const next = lead.charCodeAt(LEAD_MAX_CHARS);
    const end = next >= 0xdc00 && next <= 0xdfff ? LEAD_MAX_CHARS - 1 : LEAD_MAX_CHARS;
    lead = lead.slice(0, end);
    cut = true;
  }
  return markSnippet(cut ? `${lead}…` : lead);
}
