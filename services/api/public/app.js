// @ts-check
/* global document, window, location, history, URLSearchParams */
// The Tidings page: one shell (index.html, served at / and /pipeline), plain
// browser modules, no framework. This module routes the address to a view
// and holds the keys; each view is its own module. Every value from the API
// is put in the page as text; the only HTML taken from the API is a search
// snippet, rebuilt from its text and <mark> elements alone, and an article's
// sanitised HTML, shown in a sandboxed frame where no script runs.

import { showArticle } from './article.js';
import { $, $input, showView } from './dom.js';
import { initFeeds, showFeeds } from './feeds.js';
import { followLive } from './live.js';
import { followPipeline } from './pipeline.js';
import { initSavedSearches, showSavedSearches } from './saved-searches.js';
import { hashFor, moreResults, moveInResults, runSearch } from './search.js';
import { initStories, showStories } from './stories.js';

/** The views (each a `#<name>-view` section); the first segment of the address's hash (`#/feeds`...) names it, search by default. */
/** @typedef {'search' | 'article' | 'feeds' | 'saved' | 'stories' | 'pipeline'} ViewName */

/** The view shown and its address's query. */
/** @type {{ name: ViewName; params: URLSearchParams }} */
let view = { name: 'search', params: new URLSearchParams() };
/** The pipeline view is a page of its own (/pipeline): its stream runs for the page's life. */
const onPipelinePage = location.pathname === '/pipeline';

/**
 * Marks the header's link to the view shown.
 * @param {ViewName} name
 */
function markNav(name) {
  for (const link of document.querySelectorAll('.nav a')) {
    if (/** @type {HTMLElement} */ (link).dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/**
 * @param {ViewName} name
 * @param {URLSearchParams} [params]
 */
function enter(name, params = new URLSearchParams()) {
  view = { name, params };
  showView(`${name}-view`);
  markNav(name);
}

function route() {
  document.title = 'Tidings';
  if (onPipelinePage) {
    document.title = 'Tidings · pipeline';
    return enter('pipeline');
  }
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  const [, first = '', ...rest] = path.split('/');
  const id = rest.length ? decodeURIComponent(rest.join('/')) : null;
  if (first === 'article' && id) {
    enter('article');
    window.scrollTo(0, 0);
    return showArticle(id);
  }
  if (first === 'feeds') {
    enter('feeds');
    return showFeeds();
  }
  if (first === 'saved') {
    enter('saved', new URLSearchParams(query));
    return showSavedSearches(view.params);
  }
  if (first === 'stories') {
    enter('stories');
    window.scrollTo(0, 0);
    return showStories(id);
  }
  enter('search', new URLSearchParams(query));
  return runSearch(view.params);
}

// --- Keyboard ----------------------------------------------------------------

/**
 * @param {EventTarget | null} target
 * @returns {target is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement}
 */
function typing(target) {
  return target instanceof window.HTMLInputElement || target instanceof window.HTMLTextAreaElement || target instanceof window.HTMLSelectElement;
}

document.addEventListener('keydown', (event) => {
  if (event.metaKey || event.ctrlKey || event.altKey) return;
  const box = $input('#q');
  if (event.key === '/' && !typing(event.target)) {
    event.preventDefault();
    box.focus();
    box.select();
    return;
  }
  if (event.key === 'Escape') {
    if (typing(event.target)) event.target.blur();
    else if (view.name === 'article' || (view.name === 'stories' && location.hash.startsWith('#/stories/'))) history.back();
    return;
  }
  if (view.name !== 'search') return;
  const down = event.key === 'ArrowDown' || (event.key === 'j' && !typing(event.target));
  const up = event.key === 'ArrowUp' || (event.key === 'k' && !typing(event.target));
  if (down && (!typing(event.target) || event.target === box)) {
    event.preventDefault();
    if (event.target === box) box.blur();
    moveInResults('down');
  } else if (up && !typing(event.target)) {
    event.preventDefault();
    moveInResults('up');
  } else if (event.key === 'Enter' && !typing(event.target) && !(event.target instanceof window.HTMLAnchorElement) && !(event.target instanceof window.HTMLButtonElement)) {
    if (moveInResults('open')) event.preventDefault();
  }
});

// --- The header's search form, on every view ---------------------------------

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const next = new URLSearchParams(view.name === 'search' ? view.params : undefined);
  next.set('q', $input('#q').value.trim());
  next.set('sort', /** @type {HTMLSelectElement} */ ($('#sort')).value);
  const target = hashFor(next);
  if (onPipelinePage) location.assign(`/${target}`);
  else if (location.hash === target) route();
  else location.hash = target;
});
$('#sort').addEventListener('change', () => /** @type {HTMLFormElement} */ ($('#search-form')).requestSubmit());
$('#more').addEventListener('click', () => moreResults());
window.addEventListener('hashchange', route);

initFeeds();
initSavedSearches();
initStories();
route();
void followLive();
if (onPipelinePage) void followPipeline();
