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
  const cuts = [...all.filter((cut) => cut.depth > 2), ...all.filter((cut) => cut.depth <= 2)];
  for (let attempt = 0; attempt < MAX_ATTEMPTS && cuts.length > 0; attempt += 1) {
    const cut = cuts.pop() as CutPoint;
    try {
      const value: unknown = JSON.parse(text.slice(0, cut.offset) + closersOf(cut.open));
      return { value, droppedChars: text.length - cut.offset };
    } catch {
      // A prefix such as `{"a": {"b": 1}` whose closing still leaves it invalid (a dangling key): try an earlier one.
    }
  }
  return null;
}

/**
 * The containers open at a point, innermost first, as a linked list that
 * later pushes and pops never change: each cut point keeps its own in O(1).
 * (Spelling the closers out at every cut was quadratic in the depth.)
 */
interface OpenContainer {
  /** `}` or `]`. */
  closer: string;
  outer: OpenContainer | null;
}

interface CutPoint {
  /** Offset just after a `}` or `]`. */
  offset: number;
  /** The containers still open there. */
  open: OpenContainer | null;
  /** How many there are. */
  depth: number;
}

/** What closes the open containers, innermost first. */
function closersOf(open: OpenContainer | null): string {
  let closers = '';
  for (let container = open; container !== null; container = container.outer) closers += container.closer;
  return closers;
}

/** Offsets just after each `}` or `]` outside strings, with the containers the prefix up to there leaves open. */
function cutPoints(text: string): CutPoint[] {
  const cuts: CutPoint[] = [];
  let open: OpenContainer | null = null;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      open = { closer: char === '{' ? '}' : ']', outer: open };
      depth += 1;
    } else if (char === '}' || char === ']') {
      if (open?.closer !== char) return cuts;
      open = open.outer;
      depth -= 1;
      cuts.push({ offset: index + 1, open, depth });
      if (open === null) return cuts;
    }
  }
  return cuts;
}
