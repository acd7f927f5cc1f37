/** How many cut points are tried, from the end, before giving up: bounds the work on large broken documents. */
const MAX_ATTEMPTS = 64;

/** What could be read from JSON that `JSON.parse` rejects. */
export interface SalvagedJson {
  value: unknown;
  /** Characters of the text after the point where the salvaged document ends. */
  droppedChars: number;
}

/**
 * Reads as much as possible of a JSON document that is cut off (a truncated
 * download) or followed by junk (a PHP notice printed after it): the longest
 * prefix ending just after a complete object or array, with the containers
 * still open at that point closed. Prefixes ending at most two levels deep
 * come first: for a JSON Feed that is just after a whole item, so every
 * item that arrived whole is kept and the one cut in half is dropped rather
 * than kept half-read. Null when no prefix parses.
 */
export function salvageJson(text: string): SalvagedJson | null {
  const all = cutPoints(text);
  const cuts = [...all.filter((cut) => cut.closers.length > 2), ...all.filter((cut) => cut.closers.length <= 2)];
  for (let attempt = 0; attempt < MAX_ATTEMPTS && cuts.length > 0; attempt += 1) {
    const cut = cuts.pop() as CutPoint;
    try {
      const value: unknown = JSON.parse(text.slice(0, cut.offset) + cut.closers);
      return { value, droppedChars: text.length - cut.offset };
    } catch {
      // A prefix such as `{"a": {"b": 1}` whose closing still leaves it invalid (a dangling key): try an earlier one.
    }
  }
  return null;
}

interface CutPoint {
  /** Offset just after a `}` or `]`. */
  offset: number;
  /** What closes the containers still open there, innermost first. */
  closers: string;
}

/** Offsets just after each `}` or `]` outside strings, with the closers the prefix up to there needs. */
function cutPoints(text: string): CutPoint[] {
  const cuts: CutPoint[] = [];
  const open: string[] = [];
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') open.push('}');
    else if (char === '[') open.push(']');
    else if (char === '}' || char === ']') {
      if (open.pop() !== char) return cuts;
      cuts.push({ offset: index + 1, closers: [...open].reverse().join('') });
      if (open.length === 0) return cuts;
    }
  }
  return cuts;
}
