import type { ParsedQuery } from '../query.js';
import { hasCjk, searchForm } from '../text/folds.js';
import { tokenSpans, tokenize, type TokenSpan } from '../text/tokens.js';
import { MATCH_END, MATCH_START, SNIPPET_WORDS, indexedText, leadSnippet, markSnippet } from './snippet.js';

/** A word or phrase to mark: its tokens, the last one perhaps a prefix. */
interface Needle {
  tokens: string[];
  prefix: boolean;
}

/** The query's words that can match in the text: every term of every group, except field-restricted ones. */
function needles(parsed: ParsedQuery): Needle[] {
  return parsed.all
    .flat()
    .filter((term) => term.field === null)
    .map((term) => ({ tokens: tokenize(term.text), prefix: term.prefix }))
    .filter((needle) => needle.tokens.length > 0);
}

function matchesAt(spans: TokenSpan[], at: number, needle: Needle): boolean {
  return needle.tokens.every((token, k) => {
    const found = spans[at + k]?.token;
    if (found === undefined) return false;
    return k === needle.tokens.length - 1 && needle.prefix ? found.startsWith(token) : found === token;
  });
}

/**
 * A snippet of `text` for a search hit, as FTS5's snippet() makes them: the
 * window of {@link SNIPPET_WORDS} tokens (three times as many in text that is
 * mostly Chinese, Japanese or Korean, whose tokens are single characters) holding the most different query
 * words (then the most matches, then the earliest), each match (a phrase as
 * one) wrapped in `<mark>`, `…` where the text goes on, HTML-escaped. Matches
 * are found with the search tokenizer, so whatever matched is marked. The
 * opening words when nothing in the text matches. Pure.
 */
export function highlight(text: string, parsed: ParsedQuery): string {
  // Marked in the form search reads (searchForm): a full-width ＪＲ shows as the JR it matched.
  const clean = searchForm(indexedText(text));
  const spans = tokenSpans(clean);
  const wanted = needles(parsed);
  // Every match: first and last token index, and which needle.
  const hits: Array<{ from: number; to: number; needle: number }> = [];
  for (let at = 0; at < spans.length; at += 1) {
    wanted.forEach((needle, n) => {
      if (matchesAt(spans, at, needle)) hits.push({ from: at, to: at + needle.tokens.length - 1, needle: n });
    });
  }
  if (hits.length === 0) return leadSnippet(text);
  const size = mostlyCjk(spans) ? SNIPPET_WORDS * CJK_TOKENS_PER_WORD : SNIPPET_WORDS;

  // The best window: most distinct needles, then most hits; windows start at a hit or where the text ends.
  let best = { start: 0, distinct: -1, count: -1 };
  for (const hit of hits) {
    const start = Math.max(0, Math.min(hit.from - Math.floor((size - (hit.to - hit.from + 1)) / 2), spans.length - size));
    const inside = hits.filter((h) => h.from >= start && h.to < start + size);
    const distinct = new Set(inside.map((h) => h.needle)).size;
    if (distinct > best.distinct || (distinct === best.distinct && inside.length > best.count)) best = { start, distinct, count: inside.length };
  }
  const first = best.start;
  const last = Math.min(spans.length, first + size) - 1;
  const from = first === 0 ? 0 : (spans[first]?.start ?? 0);
  const to = last === spans.length - 1 ? clean.length : (spans[last]?.end ?? clean.length);

  let out = first === 0 ? '' : '…';
  let cursor = from;
  const marks = hits.filter((h) => h.from >= first && h.to <= last).sort((a, b) => a.from - b.from || b.to - a.to);
  let open = -1;
  for (const mark of marks) {
    if (mark.from <= open) continue; // Inside an earlier, longer mark.
    const start = spans[mark.from]?.start ?? cursor;
    const end = spans[mark.to]?.end ?? start;
    out += `${clean.slice(cursor, start)}${MATCH_START}${clean.slice(start, end)}${MATCH_END}`;
    cursor = end;
    open = mark.to;
  }
  out += clean.slice(cursor, to);
  if (last < spans.length - 1) out += '…';
  return markSnippet(out.trim());
}

/** A word of such text is a few characters, each a token of its own (text/tokens.ts). */
const CJK_TOKENS_PER_WORD = 3;

/** Whether most of the tokens are single Chinese, Japanese or Korean characters (a sample of the first ones). */
function mostlyCjk(spans: readonly TokenSpan[]): boolean {
  const sample = spans.slice(0, 200);
  return sample.filter((span) => span.token.length <= 2 && hasCjk(span.token)).length * 2 > sample.length;
}
