// @ts-check
/* global document, Node */
// Building the page: elements from data (every value put in as text), and the
// few ways the views show times, counts and failures.

/** @typedef {Node | string | number | boolean | null | undefined} Child What {@link h} takes as a child: a node, or text (nothing for null, undefined and false). */

/**
 * The page's element matching `selector` (index.html always has it).
 * @param {string} selector
 * @returns {HTMLElement}
 */
export const $ = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));

/**
 * The page's form field matching `selector`.
 * @param {string} selector
 * @returns {HTMLInputElement}
 */
export const $input = (selector) => /** @type {HTMLInputElement} */ ($(selector));

/**
 * An element with attributes and children (strings become text nodes); an
 * `on...` attribute is an event listener.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * Shows one view of the page (a `main > .view` section) and hides the others.
 * @param {string} id the section's id
 */
export function showView(id) {
  for (const section of document.querySelectorAll('main > .view')) /** @type {HTMLElement} */ (section).hidden = section.id !== id;
}

/**
 * "1 article", "3 articles".
 * @param {number} count
 * @param {string} word
 * @param {string} [many] the plural, when not `word` + s
 */
export function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

/** @param {string | null | undefined} iso */
export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** @param {string | null | undefined} iso */
export function formatAgo(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const text = s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
  return future ? `in ${text}` : `${text} ago`;
}

/**
 * What to tell the reader about a failure.
 * @param {unknown} error
 */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A button that asks once more before it acts (removing a feed, deleting a
 * saved search): the first click arms it, the second runs `action`, leaving
 * (blur) disarms it.
 * @param {string} label
 * @param {string} accessibleName
 * @param {() => Promise<void>} action
 */
export function confirmButton(label, accessibleName, action) {
  const button = h('button', { type: 'button', class: 'danger', 'aria-label': accessibleName }, label);
  button.addEventListener('click', async () => {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = `${label}: sure?`;
      return;
    }
    button.disabled = true;
    await action();
  });
  button.addEventListener('blur', () => {
    button.dataset.armed = 'false';
    button.textContent = label;
  });
  return button;
}
