/**
 * Linear scanners for the parts of an XML document that are not elements:
 * the DOCTYPE (with its internal subset), CDATA sections, comments and
 * processing instructions. They replace regular expressions such as
 * `<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>`, whose overlapping quantifiers
 * backtrack exponentially on a few hundred bytes of `[][][]...[`: each
 * scanner reads every character at most once (jumps by `indexOf` included).
 */

/** Where a DOCTYPE lies in the text, and what its internal subset declares. */
export interface Doctype {
  /** Offset of its `<`. */
  start: number;
  /** Offset just after its closing `>`. */
  end: number;
  /** The text between `[` and `]` (all of them, should there be several), '' when it has none. */
  internalSubset: string;
}

/** A stretch the XML parser does not read as markup, from `start` to `end` (exclusive). */
export interface UnparsedSection {
  kind: 'cdata' | 'comment' | 'pi' | 'doctype';
  start: number;
  end: number;
}

const DOCTYPE_KEYWORD = '<!doctype';

/** True when `text` has `<!DOCTYPE` (any case) at `index`. */
export function isDoctypeAt(text: string, index: number): boolean {
  return text.startsWith('<!', index) && text.slice(index, index + DOCTYPE_KEYWORD.length).toLowerCase() === DOCTYPE_KEYWORD;
}

/**
 * Reads the DOCTYPE starting at `start` (which must be `<!DOCTYPE`, any
 * case) in one pass: quoted literals (system and public ids, entity values)
 * may hold `>`, `[` and `]`; the internal subset `[...]` may hold `>`, and
 * its comments and processing instructions may hold anything. Null when the
 * DOCTYPE never ends (a quote, comment or subset left open, or no `>`):
 * such text is not taken for a DOCTYPE.
 */
export function readDoctype(text: string, start: number): Doctype | null {
  let internalSubset = '';
  let index = start + DOCTYPE_KEYWORD.length;
  while (index < text.length) {
    const char = text[index];
    if (char === '>') return { start, end: index + 1, internalSubset };
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1);
      if (close < 0) return null;
      index = close + 1;
    } else if (char === '[') {
      const close = internalSubsetEnd(text, index + 1);
      if (close < 0) return null;
      internalSubset += text.slice(index + 1, close);
      index = close + 1;
    } else {
      index += 1;
    }
  }
  return null;
}

/** Offset of the `]` that closes an internal subset whose content starts at `index`, -1 when none does. */
function internalSubsetEnd(text: string, index: number): number {
  let at = index;
  while (at < text.length) {
    const char = text[at];
    if (char === ']') return at;
    let next = at + 1;
    if (char === '"' || char === "'") next = afterDelimiter(text, char, at + 1);
    else if (text.startsWith('<!--', at)) next = afterDelimiter(text, '-->', at + 4);
    else if (text.startsWith('<?', at)) next = afterDelimiter(text, '?>', at + 2);
    if (next < 0) return -1;
    at = next;
  }
  return -1;
}

/** Offset just after the next `delimiter` at or after `from`, -1 when there is none. */
function afterDelimiter(text: string, delimiter: string, from: number): number {
  const found = text.indexOf(delimiter, from);
  return found < 0 ? -1 : found + delimiter.length;
}

/**
 * Length of the prolog at the start of `text`: whitespace, processing
 * instructions (the XML declaration among them), comments and complete
 * DOCTYPEs, in any order and number. An unterminated one ends the prolog.
 */
export function prologLength(text: string): number {
  let index = 0;
  while (index < text.length) {
    if (isSpace(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    let next = -1;
    if (text.startsWith('<?', index)) next = afterDelimiter(text, '?>', index + 2);
    else if (text.startsWith('<!--', index)) next = afterDelimiter(text, '-->', index + 4);
    else if (isDoctypeAt(text, index)) next = readDoctype(text, index)?.end ?? -1;
    if (next < 0) return index;
    index = next;
  }
  return index;
}

/** The DOCTYPE in the document's prolog, or null when it has none (or one that never ends). */
export function prologDoctype(text: string): Doctype | null {
  let index = 0;
  while (index < text.length) {
    if (isSpace(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    if (isDoctypeAt(text, index)) return readDoctype(text, index);
    let next = -1;
    if (text.startsWith('<?', index)) next = afterDelimiter(text, '?>', index + 2);
    else if (text.startsWith('<!--', index)) next = afterDelimiter(text, '-->', index + 4);
    if (next < 0) return null;
    index = next;
  }
  return null;
}

/**
 * Every CDATA section, comment, processing instruction and (complete)
 * DOCTYPE in the document, in order. A section left open runs to the end
 * of the text, as a parser reading a truncated document would take it. A
 * DOCTYPE left open is not a section (it is read as markup), and neither
 * is any later `<!DOCTYPE`: its scan ran to the end of the text, and
 * scanning again from each later one would make the whole quadratic.
 * From `from` on when given (no DOCTYPE is looked for past the start).
 */
export function* unparsedSections(text: string, from = 0): Generator<UnparsedSection> {
  let doctypes = from === 0;
  let index = text.indexOf('<', from);
  while (index >= 0) {
    let section: UnparsedSection | null = null;
    if (text.startsWith('<![CDATA[', index)) section = { kind: 'cdata', start: index, end: endOrLength(text, ']]>', index + 9) };
    else if (text.startsWith('<!--', index)) section = { kind: 'comment', start: index, end: endOrLength(text, '-->', index + 4) };
    else if (text.startsWith('<?', index)) section = { kind: 'pi', start: index, end: endOrLength(text, '?>', index + 2) };
    else if (doctypes && isDoctypeAt(text, index)) {
      const doctype = readDoctype(text, index);
      if (doctype === null) doctypes = false;
      else section = { kind: 'doctype', start: index, end: doctype.end };
    }
    if (section !== null) yield section;
    index = text.indexOf('<', section === null ? index + 1 : section.end);
  }
}

function endOrLength(text: string, delimiter: string, from: number): number {
  const end = afterDelimiter(text, delimiter, from);
  return end < 0 ? text.length : end;
}

/** `\s` of a regular expression: ASCII and Unicode white space, line terminators and the BOM. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
