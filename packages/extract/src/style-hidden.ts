/**
 * What a page's own stylesheets hide. Template pages (landing-page builders,
 * themes with optional blocks) ship every block they might show and hide the
 * unused ones with a rule in a <style> element (`.carouselSec { display:
 * none }`); a browser never shows them, so a reader never sees their text
 * (placeholder "Lorem ipsum", an empty form's labels), yet Readability,
 * which reads inline styles only, takes them for content.
 *
 * Only what is certain is read: a rule at the top level of a stylesheet
 * (not inside @media, @supports or any other condition) whose selector is
 * one bare class or id and whose last `display` is `none`. A name that any
 * rule anywhere shows (`.tab-pane.active { display: block }`, `.open .menu
 * { display: flex }`, `@media (min-width: 768px) { .nav { display: block }
 * }`) is left alone: something on the page, a state or a screen size, makes
 * it appear. External stylesheets are not fetched; inline ones are what a
 * template page writes its choices into.
 */

export interface StyleHidden {
  classes: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

export const NOTHING_HIDDEN: StyleHidden = { classes: new Set(), ids: new Set() };

/** Stylesheet text read at most per page: a page's own <style>s rarely pass a few hundred kilobytes. */
const MAX_CSS_CHARS = 1_000_000;

/** One bare class or id: `.name` or `#name`, nothing escaped. */
const BARE_NAME = /^([.#])(-?[A-Za-z_][\w-]*)$/;
/** Every class or id a selector names. */
const NAMES_IN_SELECTOR = /([.#])(-?[A-Za-z_][\w-]*)/g;
const DISPLAY_ANY_CASE = /display/i;
/** A `display` declaration and its value (up to `;`, `!` or the end). */
const DISPLAY = /(?:^|[;\s{])display\s*:\s*([^;!}]*)/gi;

/** The classes and ids the `stylesheets` (the texts of a page's <style> elements) certainly hide. */
export function hiddenByStylesheets(stylesheets: readonly string[]): StyleHidden {
  const hidden = { classes: new Set<string>(), ids: new Set<string>() };
  const shown = { classes: new Set<string>(), ids: new Set<string>() };
  let budget = MAX_CSS_CHARS;
  for (const css of stylesheets) {
    if (budget <= 0) break;
    const text = css.length > budget ? css.slice(0, budget) : css;
    budget -= text.length;
    // Every rule that decides whether a name is shown sets `display`.
    if (!/display/i.test(text)) continue;
    forEachRule(text, (selectors, declarations, conditional) => {
      const display = lastDisplay(declarations);
      if (display === null) return;
      if (display === 'none' && !conditional) {
        for (const selector of selectors.split(',')) {
          const bare = BARE_NAME.exec(selector.trim());
          if (bare) (bare[1] === '.' ? hidden.classes : hidden.ids).add(bare[2] as string);
        }
      } else if (display !== 'none') {
        for (const [, kind, name] of selectors.matchAll(NAMES_IN_SELECTOR)) (kind === '.' ? shown.classes : shown.ids).add(name as string);
      }
    });
  }
  for (const name of shown.classes) hidden.classes.delete(name);
  for (const name of shown.ids) hidden.ids.delete(name);
  return hidden.classes.size === 0 && hidden.ids.size === 0 ? NOTHING_HIDDEN : hidden;
}

/** `display: none` among a style attribute's declarations (a later `display` in the same attribute, which would show the box again, is not read). */
const DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i;

/** Whether `element`'s own style attribute hides it (`style="display:none"`). */
export function isHiddenByOwnStyle(element: Element): boolean {
  const style = element.getAttribute('style');
  return style !== null && DISPLAY_NONE.test(style);
}

/** Whether `element`'s class or id is one the page's stylesheets hide. */
export function isHiddenByStyle(element: Element, hidden: StyleHidden): boolean {
  if (hidden.ids.size > 0 && hidden.ids.has(element.id)) return true;
  if (hidden.classes.size === 0) return false;
  const className = element.getAttribute('class');
  if (!className) return false;
  for (const token of className.split(/\s+/)) {
    if (hidden.classes.has(token)) return true;
  }
  return false;
}

/** The value of the last `display` in `declarations`, lower-cased; null when none sets it. */
function lastDisplay(declarations: string): string | null {
  // Most rules set no display: one search of the lower-case name, which is how stylesheets write it, then of any case.
  if (!declarations.includes('display') && !DISPLAY_ANY_CASE.test(declarations)) return null;
  let value: string | null = null;
  for (const match of declarations.matchAll(DISPLAY)) value = (match[1] as string).trim().toLowerCase();
  return value;
}

/** What forEachRule reads: braces, a top-level ";", and the starts of comments and strings. */
const SYNTAX = /[{};"']|\/\*/g;
/** At-rules whose blocks hold rules that always apply: a cascade layer only orders them. */
const UNCONDITIONAL_AT_RULE = /^@layer\b/i;

/**
 * Calls `visit` with every style rule of `css` that holds no block of its
 * own: its selectors, its declarations, and whether an at-rule other than
 * @layer encloses it. One pass: comments and quoted strings are stepped over,
 * braces counted; an unclosed block ends with the text.
 */
function forEachRule(css: string, visit: (selectors: string, declarations: string, conditional: boolean) => void): void {
  const open: { prelude: string; bodyStart: number; holdsBlocks: boolean; conditional: boolean }[] = [];
  let preludeStart = 0;
  // From one character that matters to the next: the search runs in the regular expression engine, not character by character here.
  SYNTAX.lastIndex = 0;
  for (let match = SYNTAX.exec(css); match !== null; match = SYNTAX.exec(css)) {
    const at = match.index;
    const found = match[0];
    if (found === '/*' || found === '"' || found === "'") {
      const end = css.indexOf(found === '/*' ? '*/' : found, at + found.length);
      if (end < 0) return;
      SYNTAX.lastIndex = end + (found === '/*' ? 2 : 1);
    } else if (found === '{') {
      const prelude = css.slice(preludeStart, at).trim();
      const parent = open[open.length - 1];
      if (parent) parent.holdsBlocks = true;
      const conditional = (parent?.conditional ?? false) || (prelude.startsWith('@') && !UNCONDITIONAL_AT_RULE.test(prelude));
      open.push({ prelude, bodyStart: at + 1, holdsBlocks: false, conditional });
      preludeStart = at + 1;
    } else if (found === '}') {
      const block = open.pop();
      if (block && !block.holdsBlocks && !block.prelude.startsWith('@')) visit(block.prelude, css.slice(block.bodyStart, at), block.conditional);
      preludeStart = at + 1;
    } else if (open.length === 0) {
      // ";" ends a statement at-rule (@import, @charset) at the top level.
      preludeStart = at + 1;
    }
  }
}
