import { Parser } from 'htmlparser2';

/**
 * The sanitiser parses with htmlparser2 8 (the version sanitize-html ships),
 * whose parser looks every end tag up in its stack of open elements from the
 * top: an end tag that matches nothing costs the whole depth. 2,000 stray
 * `</b>` under 2,000 open `<div>`s are cheap; 20,000 of each take seconds,
 * and a 10 MB body of them hours. This pass finds such end tags first, with
 * that same parser but a stack that counts its names (so a name with no open
 * element is answered at once), and takes them out of the markup.
 *
 * The result parses exactly as the original does, event for event, but for
 * comments: a stray end tag does nothing but cost time, so it becomes an
 * empty comment (which the sanitiser drops, and which keeps text on either
 * side apart, as the tag did). A stray `</p>` does act (HTML reads it as
 * `<p></p>`) and is rewritten so; `</br>` and other void elements' end tags
 * cost nothing and stay. A stray end tag of a
 * foreign-content element (`</svg>`, `</math>`, `</title>`...) can change
 * how later self-closing tags read, so it is kept, as long as the scans it
 * costs stay within a budget linear in the input.
 */

interface StackParser {
  /** The open elements, innermost last (internal to htmlparser2). */
  stack: string[];
  /** Whether each open svg/math/integration-point element makes `<x/>` self-closing (internal). */
  foreignContext: boolean[];
  /** Tokenizer callback: an end tag's name lies at [start, endIndex). */
  onclosetag(start: number, endIndex: number): void;
  isVoidElement(name: string): boolean;
  write(chunk: string): void;
  end(): void;
}

/** Below this many (end tags x start tags), the worst case is a few million steps: not worth a second parse. */
const MIN_WORK = 4_000_000;

/** A stack of element names that knows how many of each it holds. */
class CountedStack extends Array<string> {
  private readonly counts = new Map<string, number>();

  override push(...names: string[]): number {
    for (const name of names) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return super.push(...names);
  }

  override pop(): string | undefined {
    const name = super.pop();
    if (name !== undefined) {
      const count = (this.counts.get(name) ?? 0) - 1;
      if (count > 0) this.counts.set(name, count);
      else this.counts.delete(name);
    }
    return name;
  }

  override lastIndexOf(name: string): number {
    return this.counts.has(name) ? super.lastIndexOf(name) : -1;
  }

  holds(name: string): boolean {
    return this.counts.has(name);
  }
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * `html` with the end tags that close nothing taken out (see above), or
 * `html` itself when it holds too few tags for them to cost anything
 * (`minWork`: see {@link MIN_WORK}; 0 always runs the pass, for tests).
 */
export function withoutStrayEndTags(html: string, minWork = MIN_WORK): string {
  if (!mayBeCostly(html, minWork)) return html;
  const replacements: Replacement[] = [];
  // An onclosetag callback, as the sanitiser has: without one the parser truncates its stack instead of popping it.
  const parser = new Parser({ onclosetag: () => undefined }, { decodeEntities: true }) as unknown as StackParser;
  const stack = new CountedStack();
  parser.stack = stack;
  const closeTag = parser.onclosetag.bind(parser);
  // What scanning the stack for kept foreign end tags may cost in all.
  let budget = 4 * html.length;
  parser.onclosetag = (start, endIndex) => {
    const name = html.slice(start, endIndex).toLowerCase();
    const stray = !stack.holds(name) && !parser.isVoidElement(name);
    const depth = stack.length;
    const foreign = parser.foreignContext.length;
    closeTag(start, endIndex);
    if (!stray) return;
    const tagStart = html.lastIndexOf('<', start);
    const tagEnd = html.indexOf('>', endIndex);
    if (tagStart < 0 || tagEnd < 0) return;
    if (parser.foreignContext.length < foreign && budget >= depth) {
      budget -= depth;
      return;
    }
    replacements.push({ start: tagStart, end: tagEnd + 1, text: name === 'p' ? '<p></p>' : '<!---->' });
  };
  parser.write(html);
  parser.end();
  if (replacements.length === 0) return html;
  let out = '';
  let last = 0;
  for (const { start, end, text } of replacements) {
    out += html.slice(last, start) + text;
    last = end;
  }
  return out + html.slice(last);
}

/** Whether (end tags) x (other tags) reaches `minWork`: the most scanning stray end tags could cost. */
function mayBeCostly(html: string, minWork: number): boolean {
  if (html.length * html.length < minWork * 4) return false;
  let tags = 0;
  let endTags = 0;
  for (let index = html.indexOf('<'); index >= 0; index = html.indexOf('<', index + 1)) {
    tags += 1;
    if (html.charCodeAt(index + 1) === 0x2f) endTags += 1;
  }
  return endTags * (tags - endTags) >= minWork;
}
