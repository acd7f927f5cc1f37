// @ts-check
/* global CSS, document, window, location, history, sessionStorage, fetch, URLSearchParams, DOMParser, Node, setTimeout */
// The Tidings search page: one small module, no framework. Every value from
// the API is put in the page as text; the only HTML taken from the API is a
// search snippet, rebuilt here from its text and <mark> elements alone, and
// an article's sanitised HTML, shown in a sandboxed frame where no script runs.

import { readEventStream } from './event-stream.js';

/** @typedef {import('@tidings/contracts').ArticleRecord} ArticleRecord */
/** @typedef {import('@tidings/contracts').FeedRecord} FeedRecord */
/** @typedef {import('@tidings/contracts').SearchFacets} SearchFacets */
/** @typedef {import('@tidings/contracts').SearchHit} SearchHit */
/** @typedef {import('@tidings/contracts').SearchResult} SearchResult */
/** @typedef {Node | string | number | boolean | null | undefined} Child What {@link h} takes as a child: a node, or text (nothing for null, undefined and false). */

/**
 * The page's element matching `selector` (index.html always has it).
 * @param {string} selector
 * @returns {HTMLElement}
 */
const $ = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));
/**
 * The page's form field matching `selector`.
 * @param {string} selector
 * @returns {HTMLInputElement}
 */
const $input = (selector) => /** @type {HTMLInputElement} */ ($(selector));
const FILTERS = ['site', 'author', 'lang', 'tag', 'feed', 'day'];
/** @type {Record<keyof SearchFacets, string>} */
const FACET_FILTER = { site: 'site', lang: 'lang', author: 'author', day: 'day' };
/** @type {Record<keyof SearchFacets, string>} */
const FACET_TITLES = { site: 'Site', lang: 'Language', author: 'Author', day: 'Day' };
const PAGE_SIZE = 20;
const LIVE_MAX = 8;

let token = sessionStorage.getItem('tidings-token');
/** @type {{ name: 'search' | 'article' | 'feeds'; params: URLSearchParams }} */
let view = { name: 'search', params: new URLSearchParams() };
/** @type {{ hits: SearchHit[]; nextCursor: string | null; selected: number }} */
let results = { hits: [], nextCursor: null, selected: -1 };

/**
 * An element with attributes and children (strings become text nodes); an
 * `on...` attribute is an event listener.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attributes = {}, ...children) {
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
 * A snippet's text with its <mark>s, and nothing else, whatever the string holds.
 * @param {string} html
 */
function snippetNodes(html) {
  const body = new DOMParser().parseFromString(`<body>${html}`, 'text/html').body;
  return [...body.childNodes].map((node) => (node.nodeName === 'MARK' ? h('mark', {}, node.textContent) : document.createTextNode(node.textContent ?? '')));
}

/** @param {string | null | undefined} iso */
function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** @param {string | null | undefined} iso */
function formatAgo(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const text = s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
  return future ? `in ${text}` : `${text} ago`;
}

// --- The API -----------------------------------------------------------------

class ApiError extends Error {}

/**
 * What to tell the reader about a failure.
 * @param {unknown} error
 */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** @returns {Promise<boolean>} */
function askToken() {
  const dialog = /** @type {HTMLDialogElement} */ ($('#token-dialog'));
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const value = $input('#token-input').value.trim();
        if (dialog.returnValue === 'ok' && value) {
          token = value;
          sessionStorage.setItem('tidings-token', value);
          resolve(true);
        } else resolve(false);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

/**
 * Calls the API; on 401 asks for the token once and tries again.
 * @param {string} path
 * @param {RequestInit} [options]
 * @param {boolean} [retried]
 * @returns {Promise<any>} The JSON answer (null for a 204), as the route's schema says.
 */
async function api(path, options = {}, retried = false) {
  const headers = { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(path, { ...options, headers: { ...headers, ...options.headers } });
  if (response.status === 401 && !retried && (await askToken())) return api(path, options, true);
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body.message || `HTTP ${response.status}`);
  return body;
}

/**
 * The API query for the page's search parameters.
 * @param {URLSearchParams} params
 * @param {string | null} cursor
 */
function searchQuery(params, cursor) {
  const query = new URLSearchParams();
  const q = params.get('q') ?? '';
  query.set('q', q);
  for (const name of FILTERS) {
    const value = params.get(name);
    if (!value) continue;
    if (name === 'day') {
      query.set('since', value);
      query.set('until', value);
    } else query.set(name, value);
  }
  const browsing = q.trim() === '' && FILTERS.every((name) => !params.get(name));
  // The front page: everything, newest first.
  if (browsing) query.set('since', '1970-01-01');
  const sort = params.get('sort') || (browsing ? 'date' : '');
  if (sort) query.set('sort', sort);
  query.set('limit', String(PAGE_SIZE));
  if (cursor) {
    query.set('cursor', cursor);
    query.set('facets', 'false');
  }
  return query;
}

// --- Views -------------------------------------------------------------------

/** @param {typeof view.name} name */
function show(name) {
  $('#search-view').hidden = name !== 'search';
  $('#article-view').hidden = name !== 'article';
  $('#feeds-view').hidden = name !== 'feeds';
}

/** @param {URLSearchParams} params */
function hashFor(params) {
  const query = new URLSearchParams([...params].filter(([, value]) => value));
  const text = query.toString();
  return text ? `#/search?${text}` : '#/';
}

/**
 * @param {SearchHit} hit
 * @param {number} index
 */
function hitElement(hit, index) {
  const meta = [hit.siteName, hit.authors.join(', '), formatDate(hit.publishedAt)].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: 'hit', 'data-index': index, 'aria-selected': 'false', onclick: (/** @type {MouseEvent} */ event) => /** @type {Element} */ (event.target).closest('a') || openHit(index) },
    h('h3', {}, h('a', { href: `#/article/${encodeURIComponent(hit.id)}` }, hit.title || hit.url)),
    h('div', { class: 'meta' }, meta),
    h('p', { class: 'snippet' }, snippetNodes(hit.snippet)),
  );
}

/**
 * @param {SearchFacets | undefined} facets
 * @param {URLSearchParams} params
 */
function renderFacets(facets, params) {
  const aside = $('#facets');
  aside.replaceChildren();
  if (!facets) return;
  for (const [facet, title] of /** @type {Array<[keyof SearchFacets, string]>} */ (Object.entries(FACET_TITLES))) {
    const values = facets[facet] ?? [];
    if (values.length === 0) continue;
    const filter = FACET_FILTER[facet];
    const active = params.get(filter);
    aside.append(
      h(
        'section',
        {},
        h('h2', {}, title),
        h(
          'ul',
          {},
          values.slice(0, 8).map((entry) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  'data-facet': facet,
                  'aria-pressed': String(active === entry.value),
                  onclick: () => {
                    const next = new URLSearchParams(params);
                    if (active === entry.value) next.delete(filter);
                    else next.set(filter, entry.value);
                    location.hash = hashFor(next);
                  },
                },
                h('span', { class: 'label' }, entry.value),
                h('span', { class: 'count' }, entry.count),
              ),
            ),
          ),
        ),
      ),
    );
  }
}

/** @param {URLSearchParams} params */
function renderChips(params) {
  $('#chips').replaceChildren(
    ...FILTERS.filter((name) => params.get(name)).map((name) =>
      h(
        'button',
        {
          type: 'button',
          class: 'chip',
          'aria-label': `Remove filter ${name}: ${params.get(name)}`,
          onclick: () => {
            const next = new URLSearchParams(params);
            next.delete(name);
            location.hash = hashFor(next);
          },
        },
        `${name}: ${params.get(name)} ×`,
      ),
    ),
  );
}

/** @param {number} index */
function select(index) {
  const items = [...document.querySelectorAll('#hits .hit')];
  if (items.length === 0) return;
  results.selected = Math.max(0, Math.min(items.length - 1, index));
  items.forEach((item, i) => item.setAttribute('aria-selected', String(i === results.selected)));
  items[results.selected]?.scrollIntoView({ block: 'nearest' });
}

/** @param {number} index */
function openHit(index) {
  const hit = results.hits[index];
  if (hit) location.hash = `#/article/${encodeURIComponent(hit.id)}`;
}

/**
 * @param {URLSearchParams} params
 * @param {boolean} [append] the next page, after the hits shown
 */
async function runSearch(params, append = false) {
  const status = $('#status');
  if (!append) {
    $input('#q').value = params.get('q') ?? '';
    /** @type {HTMLSelectElement} */ ($('#sort')).value = params.get('sort') ?? '';
    renderChips(params);
    status.textContent = 'Searching…';
  }
  try {
    /** @type {SearchResult} */
    const result = await api(`/api/search?${searchQuery(params, append ? results.nextCursor : null)}`);
    if (append) results.hits.push(...result.hits);
    else {
      results = { hits: result.hits, nextCursor: null, selected: -1 };
      $('#hits').replaceChildren();
      renderFacets(result.facets, params);
    }
    results.nextCursor = result.nextCursor;
    const start = $('#hits').children.length;
    $('#hits').append(...result.hits.map((hit, i) => hitElement(hit, start + i)));
    const browsing = !params.get('q') && FILTERS.every((name) => !params.get(name));
    status.textContent =
      result.total === 0 ? 'Nothing found.' : browsing ? `Latest of ${result.total} articles` : `${result.total} article${result.total === 1 ? '' : 's'}`;
    $('#more').hidden = !result.nextCursor;
  } catch (error) {
    status.textContent = messageOf(error);
    if (!append) {
      $('#hits').replaceChildren();
      $('#facets').replaceChildren();
    }
    $('#more').hidden = true;
  }
}

/** @param {string} html */
function articleFrame(html) {
  const frame = h('iframe', {
    title: 'Article as published (formatted)',
    sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'no-referrer',
  });
  // No allow-scripts: nothing in the article can run, even if the sanitiser missed it.
  frame.srcdoc =
    '<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'none\'; object-src \'none\'">' +
    '<base target="_blank"><style>body{font:18px/1.65 Georgia,serif;margin:0;padding:1rem;color:#1d1d1b}img,video{max-width:100%;height:auto}</style>' +
    html;
  frame.addEventListener('load', () => {
    const doc = frame.contentDocument;
    if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 16}px`;
  });
  return frame;
}

/** @param {string} id */
async function showArticle(id) {
  const container = $('#article-view');
  container.replaceChildren(h('p', { class: 'status' }, 'Loading…'));
  try {
    /** @type {[ArticleRecord, { hits: SearchHit[] }]} */
    const [article, similar] = await Promise.all([
      api(`/api/articles/${encodeURIComponent(id)}`),
      api(`/api/articles/${encodeURIComponent(id)}/similar?limit=5`).catch(() => ({ hits: [] })),
    ]);
    const paragraphs = article.text.split(/\n{2,}/).filter((p) => p.trim());
    const body = h('div', { class: 'body' }, paragraphs.map((p) => h('p', {}, p)));
    const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Show' });
    const textButton = h('button', { type: 'button', 'aria-pressed': 'true' }, 'Text');
    const htmlButton = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Formatted');
    textButton.addEventListener('click', () => {
      body.replaceChildren(...paragraphs.map((p) => h('p', {}, p)));
      textButton.setAttribute('aria-pressed', 'true');
      htmlButton.setAttribute('aria-pressed', 'false');
    });
    htmlButton.addEventListener('click', () => {
      body.replaceChildren(articleFrame(article.html));
      textButton.setAttribute('aria-pressed', 'false');
      htmlButton.setAttribute('aria-pressed', 'true');
    });
    tabs.append(textButton, htmlButton);
    const row = (/** @type {string} */ label, /** @type {Child} */ value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : []);
    container.replaceChildren(
      h('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back'),
      h('h1', {}, article.title),
      h('div', { class: 'meta' }, [article.siteName, article.authors.join(', '), formatDate(article.publishedAt)].filter(Boolean).join(' · ')),
      h(
        'dl',
        {},
        row('Original', h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer' }, article.url)),
        row('Published', article.publishedAt && new Date(article.publishedAt).toLocaleString()),
        row('Updated', article.modifiedAt && new Date(article.modifiedAt).toLocaleString()),
        row('Language', article.lang),
        row('Words', String(article.wordCount)),
        row('Tags', article.tags.join(', ')),
        row('Feeds', article.feedUrls.join(', ')),
        row('Fetched', new Date(article.fetchedAt).toLocaleString()),
      ),
      // (replaceChildren writes a null as the text "null": an empty string adds nothing visible.)
      article.html ? tabs : '',
      body,
      similar.hits.length
        ? h(
            'section',
            { class: 'similar' },
            h('h2', {}, 'Similar articles'),
            h('ul', {}, similar.hits.map((hit) => h('li', {}, h('a', { href: `#/article/${encodeURIComponent(hit.id)}` }, hit.title), ' ', h('span', { class: 'meta' }, hit.siteName ?? '')))),
          )
        : '',
    );
    document.title = `${article.title} · Tidings`;
    container.querySelector('h1')?.focus?.();
  } catch (error) {
    container.replaceChildren(h('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back'), h('p', { class: 'status' }, messageOf(error)));
  }
}

/** @param {FeedRecord} feed */
function healthOf(feed) {
  if (feed.state !== 'active') return feed.state;
  if (feed.lastStatus === 'error') return 'error';
  return feed.lastStatus ? 'ok' : 'new';
}

async function showFeeds() {
  const status = $('#feeds-status');
  status.textContent = 'Loading…';
  try {
    /** @type {{ feeds: FeedRecord[] }} */
    const { feeds } = await api('/api/feeds');
    status.textContent = `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`;
    $('#feeds-table').replaceChildren(
      h('thead', {}, h('tr', {}, h('th', {}, 'Feed'), h('th', {}, 'Last fetch'), h('th', { class: 'wide' }, 'Next poll'), h('th', {}, 'Failures'), h('th', { class: 'wide' }, 'Items'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        feeds.map((feed) => {
          const health = healthOf(feed);
          const refresh = h('button', { type: 'button', class: 'more', 'aria-label': `Poll ${feed.title ?? feed.url} now` }, 'Poll now');
          refresh.addEventListener('click', async () => {
            refresh.disabled = true;
            try {
              await api(`/api/feeds/${encodeURIComponent(feed.id)}/refresh`, { method: 'POST' });
              refresh.textContent = 'Queued';
            } catch (error) {
              refresh.textContent = messageOf(error);
            }
          });
          return h(
            'tr',
            { 'data-feed': feed.id },
            h(
              'td',
              {},
              h('span', { class: `health ${health}`, title: health, 'aria-label': `health: ${health}` }),
              h('strong', {}, feed.title ?? feed.url),
              h('div', { class: 'meta' }, feed.url),
              feed.lastError ? h('div', { class: 'error-text' }, feed.lastError) : null,
              feed.stateReason ? h('div', { class: 'meta' }, feed.stateReason) : null,
            ),
            h('td', {}, formatAgo(feed.lastFetchAt), h('div', { class: 'meta' }, feed.lastStatus ?? '', feed.lastHttpStatus ? ` (${feed.lastHttpStatus})` : '')),
            h('td', { class: 'wide' }, feed.nextPollAt ? formatAgo(feed.nextPollAt) : '—'),
            h('td', {}, String(feed.consecutiveFailures)),
            h('td', { class: 'wide' }, String(feed.itemsSeen)),
            h('td', {}, refresh),
          );
        }),
      ),
    );
  } catch (error) {
    status.textContent = messageOf(error);
  }
}

// --- Routing -----------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  document.title = 'Tidings';
  if (path.startsWith('/article/')) {
    view = { name: 'article', params: new URLSearchParams() };
    show('article');
    window.scrollTo(0, 0);
    return showArticle(decodeURIComponent(path.slice('/article/'.length)));
  }
  if (path === '/feeds') {
    view = { name: 'feeds', params: new URLSearchParams() };
    show('feeds');
    return showFeeds();
  }
  view = { name: 'search', params: new URLSearchParams(query) };
  show('search');
  return runSearch(view.params);
}

// --- The live strip ----------------------------------------------------------

/** @param {Pick<SearchHit, 'id' | 'title' | 'siteName'>} article a newly indexed article, as /api/stream announces it */
function addLive(article) {
  const list = $('#live-list');
  if (list.querySelector(`[data-id="${CSS.escape(article.id)}"]`)) return;
  list.prepend(
    h(
      'li',
      { 'data-id': article.id },
      h('a', { href: `#/article/${encodeURIComponent(article.id)}` }, article.title),
      article.siteName ? h('span', { class: 'site' }, ` · ${article.siteName}`) : null,
    ),
  );
  while (list.children.length > LIVE_MAX) list.lastElementChild?.remove();
  $('#live').hidden = false;
}

/** Follows /api/stream with fetch (EventSource cannot send the token), reconnecting after a pause. */
async function followLive() {
  try {
    const response = await fetch('/api/stream', { headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
    if (!response.ok) throw new Error(`stream: HTTP ${response.status}`);
    await readEventStream(response, (event, data) => {
      if (event === 'article') addLive(JSON.parse(data));
    });
  } catch {
    // Reconnect below.
  }
  setTimeout(followLive, 5000);
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
  if (event.key === '/' && !typing(event.target)) {
    event.preventDefault();
    $input('#q').focus();
    $input('#q').select();
    return;
  }
  if (event.key === 'Escape') {
    if (typing(event.target)) event.target.blur();
    else if (view.name !== 'search') history.back();
    return;
  }
  if (view.name !== 'search') return;
  const down = event.key === 'ArrowDown' || (event.key === 'j' && !typing(event.target));
  const up = event.key === 'ArrowUp' || (event.key === 'k' && !typing(event.target));
  if (down && (!typing(event.target) || event.target === $('#q'))) {
    event.preventDefault();
    if (event.target === $('#q')) $('#q').blur();
    select(results.selected + 1);
  } else if (up && !typing(event.target)) {
    event.preventDefault();
    if (results.selected <= 0) $('#q').focus();
    else select(results.selected - 1);
  } else if (event.key === 'Enter' && !typing(event.target) && results.selected >= 0 && !(event.target instanceof window.HTMLAnchorElement)) {
    event.preventDefault();
    openHit(results.selected);
  }
});

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const next = new URLSearchParams(view.name === 'search' ? view.params : undefined);
  next.set('q', $input('#q').value.trim());
  next.set('sort', /** @type {HTMLSelectElement} */ ($('#sort')).value);
  const target = hashFor(next);
  if (location.hash === target) route();
  else location.hash = target;
});
$('#sort').addEventListener('change', () => /** @type {HTMLFormElement} */ ($('#search-form')).requestSubmit());
$('#more').addEventListener('click', () => runSearch(view.params, true));
window.addEventListener('hashchange', route);

route();
followLive();
