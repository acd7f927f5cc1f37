import { BLOCK_SELECTOR, BLOCK_TAGS, shortTextOf, tagOf, textOf } from './dom-measure.js';
import { proseLength } from '../prose-length.js';
import { proseBlock } from './prose-block.js';

/**
 * A discussion thread's structure, read without relying on class names: the
 * posts of a thread are sibling boxes built from one template, and every
 * post repeats the template's own lines (the poster's rank, "Posts: 123",
 * "Joined: ...", "Reply with quote", "1 Like"). Forum software differs in
 * its names, not in that repetition.
 */

const MIN_THREAD_CHARS = 200;
/** A thread is every post: the box must hold nearly all of them (a stray box named "post" elsewhere aside), not most. */
const THREAD_SHARE = 0.95;

/**
 * A thread's posts together: the box holding (nearly) all of the boxes
 * named as posts (`named`, with their characters), or else, when `byShape`,
 * of the posts found by their shape (repeatedPosts), or null. A box holding
 * one post only is that post, not the thread: a page may name one box a
 * post ("last-post") and leave the others unnamed.
 */
export function threadBox(body: Element, named: ReadonlyMap<Element, number>, byShape: boolean): Element | null {
  for (const posts of byShape ? [named, repeatedPosts(body)] : [named]) {
    const block = posts.size >= 2 ? proseBlock(posts, body, MIN_THREAD_CHARS, THREAD_SHARE) : null;
    if (block && postsIn(block, posts) >= 2) return block;
  }
  return null;
}

function postsIn(block: Element, posts: ReadonlyMap<Element, number>): number {
  let count = 0;
  for (const post of posts.keys()) if (block.contains(post)) count += 1;
  return count;
}

/** A group of same-shaped siblings must have this many members to be a list of posts. */
const MIN_POSTS = 3;
/** Members with less text than this are empty slots or separators, not posts. */
const MIN_POST_CHARS = 20;
/** A list of posts averages at least this much text per member (a menu or a pager does not). */
const MIN_MEAN_POST_CHARS = 80;
/** A group whose text is mostly links is a list of other threads or a menu. */
const MAX_LINK_SHARE = 0.5;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'header', 'footer', 'aside', 'form', 'select']);

/**
 * The posts of a thread found by their shape: among all runs of siblings
 * sharing a tag and class names (names with digits ignored: "post-1234"),
 * the one holding the most text, when it has three members or more, enough text
 * per member and little of it in links. Returns each member with its
 * characters (empty when there is no such run), in the form the prose
 * block takes (content/prose-block.ts).
 */
export function repeatedPosts(body: Element): Map<Element, number> {
  let best: { members: Element[]; chars: number[]; total: number } | null = null;
  const pending: Element[] = [body];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const groups = new Map<string, Element[]>();
    for (const child of element.children) {
      if (SKIPPED.has(tagOf(child))) continue;
      pending.push(child);
      const key = signature(child);
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    for (const group of groups.values()) {
      if (group.length < MIN_POSTS) continue;
      const chars = group.map((member) => proseLength(textOf(member)));
      const posts = chars.filter((count) => count >= MIN_POST_CHARS);
      const total = posts.reduce((sum, count) => sum + count, 0);
      if (posts.length < MIN_POSTS || total < posts.length * MIN_MEAN_POST_CHARS || (best && total <= best.total)) continue;
      if (linkChars(group) > total * MAX_LINK_SHARE) continue;
      best = { members: group, chars, total };
    }
  }
  const posts = new Map<Element, number>();
  best?.members.forEach((member, i) => {
    const chars = best.chars[i] ?? 0;
    if (chars >= MIN_POST_CHARS) posts.set(member, chars);
  });
  return posts;
}

/** Tag and class names, leaving out the names that carry a number ("post-1234", "id-t1_abc"): one per item, not per template. */
function signature(element: Element): string {
  const names = (element.getAttribute('class') ?? '').split(/\s+/).filter((name) => name !== '' && !/\d/.test(name));
  return `${tagOf(element)}.${names.sort().join('.')}`;
}

function linkChars(elements: readonly Element[]): number {
  let chars = 0;
  for (const element of elements) for (const link of element.querySelectorAll('a')) chars += proseLength(textOf(link));
  return chars;
}

/** A template line is short: a label, a count, a rank, a button's caption, an edit note. */
const MAX_LINE_CHARS = 60;
/** A line repeated this many times in one thread comes from the post template, not from a poster. */
const MIN_REPEATS = 3;
const CELLS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'table', 'caption']);
/** Links to people's pages: the poster's name, which a thread's text keeps (it says who said what). */
const USER_PAGE = /\/(?:u|user|users|member|members|profile|profiles|people)\/[^/?#]+/i;

/**
 * Removes the lines every post of a thread repeats: the template's labels
 * and counters ("Posts: 4032", "Joined: Dec 11, 2021", "Reply with quote",
 * "Top", "3 Likes", "Senior Member"). A line is a block holding no other
 * block, of at most 60 characters; it goes when its text with the digits
 * blanked (or without digits and lone letters), or the label before its
 * colon, comes back three times or more in the thread. A line that is only a link to a person's page (the poster's
 * name) stays, and so does a line found both in a quote and outside one
 * (a post's own words, quoted by the replies). Table cells are left alone:
 * removing one would change a row.
 */
export function removeRepeatedLines(root: Element): void {
  const lines: { element: Element; text: string; keys: string[] }[] = [];
  const counts = new Map<string, number>();
  const quoted = new Set<string>();
  const unquoted = new Set<string>();
  for (const element of root.querySelectorAll('*')) {
    const tag = tagOf(element);
    if (!BLOCK_TAGS.has(tag) || CELLS.has(tag) || element.querySelector(BLOCK_SELECTOR) !== null) continue;
    const text = shortTextOf(element, MAX_LINE_CHARS * 4);
    if (text === null || text === '' || text.length > MAX_LINE_CHARS) continue;
    const keys = lineKeys(text);
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    (element.closest('blockquote') ? quoted : unquoted).add(text);
    lines.push({ element, text, keys });
  }
  for (const { element, text, keys } of lines) {
    if (!keys.some((key) => (counts.get(key) ?? 0) >= MIN_REPEATS) || isPersonLink(element)) continue;
    // A poster's line that others quote comes back as often as it is quoted: it is their words, not the template's.
    if (quoted.has(text) && unquoted.has(text)) continue;
    if (tagOf(element) === 'dt') removeDefinitions(element);
    element.remove();
  }
}

/** The short values a template's label names (<dt>Location</dt><dd>Miami, FL</dd>): they go with it. */
function removeDefinitions(term: Element): void {
  for (let next = term.nextElementSibling; next && tagOf(next) === 'dd'; next = term.nextElementSibling) {
    const text = shortTextOf(next, MAX_LINE_CHARS * 4);
    if (text === null || text.length > MAX_LINE_CHARS) return;
    next.remove();
  }
}


/** A passage this long met again word for word in a thread is a quote of it, not a poster saying it anew. */
const MIN_QUOTED_CHARS = 40;

/**
 * Removes the later copies of a thread's passages: a reply quoting the post
 * it answers repeats that post's paragraphs (in a <blockquote> or a box of
 * the forum's own), so the thread would say them twice. A passage is a
 * block holding no other block, of at least 40 characters; its first
 * appearance, the post itself, stays. Shorter lines are the template's
 * (removeRepeatedLines) or a poster's "Thanks!".
 */
export function removeRepeatedPassages(root: Element): void {
  const seen = new Set<string>();
  for (const element of [...root.querySelectorAll(BLOCK_SELECTOR)]) {
    if (CELLS.has(tagOf(element)) || element.querySelector(BLOCK_SELECTOR) !== null) continue;
    const text = textOf(element);
    if (text.length < MIN_QUOTED_CHARS) continue;
    if (seen.has(text)) element.remove();
    else seen.add(text);
  }
}

/**
 * The line with its numbers blanked ("Posts: #"); without its numbers and
 * lone letters (an avatar's initial: "J Offline", "K Offline"); and its
 * label when it has one ("label:Joined").
 */
function lineKeys(text: string): string[] {
  const lower = text.toLowerCase();
  const keys = [`line:${lower.replace(/\d+/g, '#')}`];
  const bare = lower.replace(/(?<![\p{L}\p{N}])\p{L}(?![\p{L}\p{N}])|\p{N}+/gu, '').replace(/\s+/g, ' ').trim();
  keys.push(`bare:${bare}`);
  // A label before a colon ("Joined: ...", "Posts: ...") is a few words.
  const label = /^([^:]{1,25}):\s*\S/u.exec(lower)?.[1];
  if (label) keys.push(`label:${label}`);
  return keys;
}

function isPersonLink(element: Element): boolean {
  const links = [...element.querySelectorAll('a')];
  if (links.length !== 1) return false;
  const link = links[0];
  return link !== undefined && USER_PAGE.test(link.getAttribute('href') ?? '') && textOf(link) === textOf(element);
}
