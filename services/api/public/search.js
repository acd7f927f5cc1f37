// @ts-check
/* global document, location, URLSearchParams, DOMParser */
// The search view: the results of /api/search for the page's query and
// filters, with facets to narrow them, chips to widen them again, and paging.

import { api } from './api.js';
import { $, $input, formatDate, h, messageOf, plural } from './dom.js';

/** @typedef {import('@tidings/contracts').SearchFacets} SearchFacets */
/** @typedef {import('@tidings/contracts').SearchHit} SearchHit */
/** @typedef {import('@tidings/contracts').SearchResult} SearchResult */

/** The filters the page's address can carry (as /api/search takes them; `day` becomes since/until). */
export const FILTERS = ['site', 'author', 'lang', 'tag', 'feed', 'story', 'day'];
/** @type {Record<keyof SearchFacets, string>} */
const FACET_FILTER = { site: 'site', lang: 'lang', author: 'author', day: 'day' };
/** @type {Record<keyof SearchFacets, string>} */
const FACET_TITLES = { site: 'Site', lang: 'Language', author: 'Author', day: 'Day' };
const PAGE_SIZE = 20;

/** @type {{ params: URLSearchParams; hits: SearchHit[]; nextCursor: string | null; selected: number }} */
let results = { params: new URLSearchParams(), hits: [], nextCursor: null, selected: -1 };

/**
 * The page address of a search.
 * @param {URLSearchParams} params
 */
export function hashFor(params) {
  const query = new URLSearchParams([...params].filter(([, value]) => value));
  const text = query.toString();
  return text ? `#/search?${text}` : '#/';
}

/**
 * The articles of a feed or of a tag, as the feeds and stories views link to them.
 * @param {string} filter
 * @param {string} value
 */
export function filteredHash(filter, value) {
  return hashFor(new URLSearchParams({ [filter]: value, sort: 'date' }));
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
  // Each story once: wire copy republished by many sites is one result, "also reported by N sources".
  query.set('collapse', 'story');
  query.set('limit', String(PAGE_SIZE));
  if (cursor) {
    query.set('cursor', cursor);
    query.set('facets', 'false');
  }
  return query;
}

/**
 * A snippet's text with its <mark>s, and nothing else, whatever the string holds.
 * @param {string} html
 */
function snippetNodes(html) {
  const body = new DOMParser().parseFromString(`<body>${html}`, 'text/html').body;
  return [...body.childNodes].map((node) => (node.nodeName === 'MARK' ? h('mark', {}, node.textContent) : document.createTextNode(node.textContent ?? '')));
}

/**
 * @param {SearchHit} hit
 * @param {number} index
 */
function hitElement(hit, index) {
  const meta = [hit.siteName, hit.authors.join(', '), formatDate(hit.publishedAt)].filter(Boolean).join(' · ');
  // A search collapsed by story: storySites lists the story's sites, this hit's own among them.
  const others = (hit.storySites?.length ?? 1) - 1;
  return h(
    'li',
    { class: 'hit', 'data-index': index, 'aria-selected': 'false', onclick: (/** @type {MouseEvent} */ event) => /** @type {Element} */ (event.target).closest('a') || openHit(index) },
    h('h3', {}, h('a', { href: `#/article/${encodeURIComponent(hit.id)}` }, hit.title || hit.url)),
    h('div', { class: 'meta' }, meta),
    others > 0 && h('div', { class: 'also-reported' }, h('a', { href: hit.storyId ? `#/stories/${encodeURIComponent(hit.storyId)}` : null }, `also reported by ${plural(others, 'source')}`)),
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
    const toggle = (/** @type {string} */ value) => {
      const next = new URLSearchParams(params);
      if (active === value) next.delete(filter);
      else next.set(filter, value);
      location.hash = hashFor(next);
    };
    const buttons = values.slice(0, 8).map((entry) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', 'data-facet': facet, 'aria-pressed': String(active === entry.value), onclick: () => toggle(entry.value) },
          h('span', { class: 'label' }, entry.value),
          h('span', { class: 'count' }, entry.count),
        ),
      ),
    );
    aside.append(h('section', {}, h('h2', {}, title), h('ul', {}, buttons)));
  }
}

/** @param {URLSearchParams} params */
function renderChips(params) {
  const remove = (/** @type {string} */ name) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    location.hash = hashFor(next);
  };
  const chips = FILTERS.filter((name) => params.get(name)).map((name) =>
    h('button', { type: 'button', class: 'chip', 'aria-label': `Remove filter ${name}: ${params.get(name)}`, onclick: () => remove(name) }, `${name}: ${params.get(name)} ×`),
  );
  const searching = Boolean(params.get('q')) || chips.length > 0;
  // A search worth keeping becomes a saved search (the saved-searches view, its form filled in).
  const save = searching ? h('a', { class: 'save-search', href: `#/saved?${params}` }, 'Save this search…') : null;
  $('#chips').replaceChildren(...chips, save ?? '');
}

/**
 * Selects the hit at `index` (clamped to the list), as the arrow keys do.
 * @param {number} index
 */
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
 * The keys of the results: ↓/j and ↑/k move, Enter opens. True when the key was one of them.
 * @param {'down' | 'up' | 'open'} key
 */
export function moveInResults(key) {
  if (key === 'open') {
    if (results.selected < 0) return false;
    openHit(results.selected);
    return true;
  }
  if (key === 'up' && results.selected <= 0) {
    $input('#q').focus();
    return true;
  }
  select(results.selected + (key === 'down' ? 1 : -1));
  return true;
}

/**
 * Shows the results for `params` (the page address's query), or with `append` the next page after those shown.
 * @param {URLSearchParams} params
 * @param {boolean} [append]
 */
export async function runSearch(params, append = false) {
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
      results = { params, hits: result.hits, nextCursor: null, selected: -1 };
      $('#hits').replaceChildren();
      renderFacets(result.facets, params);
    }
    results.nextCursor = result.nextCursor;
    const start = $('#hits').children.length;
    $('#hits').append(...result.hits.map((hit, i) => hitElement(hit, start + i)));
    const browsing = !params.get('q') && FILTERS.every((name) => !params.get(name));
    // A result is an article, or a story told by several (collapsed).
    status.textContent = result.total === 0 ? 'Nothing found.' : browsing ? `Latest of ${plural(result.total, 'result')}` : plural(result.total, 'result');
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

/** The next page of the results shown. */
export function moreResults() {
  return runSearch(results.params, true);
}
