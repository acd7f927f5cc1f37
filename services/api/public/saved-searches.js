// @ts-check
/* global FormData, URLSearchParams */
// The saved-searches view: searches that alert. Each newly indexed article a
// saved search matches is posted to its webhook (and to the live stream);
// here they are listed, created (from the form, or from a search on the
// page), deleted, and each webhook's delivery log read.

import { api, ApiError } from './api.js';
import { $, confirmButton, formatAgo, h, messageOf, plural } from './dom.js';
import { hashFor } from './search.js';

/** @typedef {import('@tidings/contracts').DeliveryLogEntry} DeliveryLogEntry */
/**
 * A saved search as /api/saved-searches answers it.
 * @typedef {{ id: string; name: string; query: string; filters: import('@tidings/contracts').SavedSearchRecord['filters']; webhook: { url: string } | null; createdAt: string }} SavedSearch
 */

/** The filters a saved search takes (a subset of the search's: no dates). */
const SAVED_FILTERS = /** @type {const} */ (['site', 'lang', 'author', 'tag', 'feed']);

/** @param {SavedSearch} search */
function resultsHash(search) {
  return hashFor(new URLSearchParams({ q: search.query, ...search.filters, sort: 'date' }));
}

/** @param {DeliveryLogEntry[]} deliveries */
function deliveryLog(deliveries) {
  if (deliveries.length === 0) return h('p', { class: 'meta' }, 'No deliveries yet: nothing new has matched.');
  return h(
    'ol',
    { class: 'deliveries' },
    deliveries.map((entry) =>
      h(
        'li',
        { 'data-ok': String(entry.ok) },
        h('span', { class: entry.ok ? 'ok-text' : 'error-text' }, entry.ok ? `delivered (${entry.status})` : `failed${entry.status ? ` (${entry.status})` : ''}`),
        ` · ${formatAgo(entry.at)} · attempt ${entry.attempt} · ${Math.round(entry.durationMs)} ms · `,
        h('a', { href: `#/article/${encodeURIComponent(entry.articleId)}` }, 'article'),
        entry.error ? h('div', { class: 'error-text' }, entry.error) : null,
      ),
    ),
  );
}

/** @param {SavedSearch} search */
function savedItem(search) {
  const item = h('li', { class: 'saved', 'data-search': search.id });
  const filters = Object.entries(search.filters).map(([name, value]) => `${name}: ${value}`);
  const log = h('div', { class: 'delivery-log', hidden: true });
  const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `Delivery log of ${search.name}` }, 'Deliveries');
  toggle.addEventListener('click', async () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    log.hidden = !open;
    if (!open) return;
    log.replaceChildren(h('p', { class: 'meta' }, 'Loading…'));
    try {
      /** @type {{ deliveries: DeliveryLogEntry[] }} */
      const { deliveries } = await api(`/api/saved-searches/${encodeURIComponent(search.id)}`);
      log.replaceChildren(deliveryLog(deliveries));
    } catch (error) {
      log.replaceChildren(h('p', { class: 'error-text' }, messageOf(error)));
    }
  });
  const remove = confirmButton('Delete', `Delete ${search.name}`, async () => {
    try {
      await api(`/api/saved-searches/${encodeURIComponent(search.id)}`, { method: 'DELETE' });
      item.remove();
    } catch (error) {
      log.hidden = false;
      log.replaceChildren(h('p', { class: 'error-text' }, messageOf(error)));
    }
  });
  item.append(
    h('div', { class: 'feed-head' }, h('strong', {}, search.name), ' ', h('a', { href: resultsHash(search) }, 'matching articles')),
    h('div', { class: 'meta' }, [search.query ? `“${search.query}”` : 'any text', ...filters].join(' · ')),
    h('div', { class: 'meta url' }, search.webhook ? `webhook ${search.webhook.url}` : 'no webhook (live stream only)', ` · saved ${formatAgo(search.createdAt)}`),
    h('div', { class: 'actions' }, toggle, remove),
    log,
  );
  return item;
}

/** Loads and shows the saved searches. */
async function loadSaved() {
  const status = $('#saved-status');
  status.textContent = 'Loading…';
  try {
    /** @type {{ savedSearches: SavedSearch[] }} */
    const { savedSearches } = await api('/api/saved-searches');
    status.textContent = savedSearches.length ? plural(savedSearches.length, 'saved search', 'saved searches') : 'No saved searches yet.';
    $('#saved-list').replaceChildren(...savedSearches.map(savedItem));
  } catch (error) {
    $('#saved-list').replaceChildren();
    status.textContent = error instanceof ApiError && error.status === 404 ? 'Saved searches are not available on this server.' : messageOf(error);
  }
}

/**
 * Shows the view; `params` (a search's query and filters, from its "Save this search") fill the form in.
 * @param {URLSearchParams} params
 */
export function showSavedSearches(params) {
  const form = /** @type {HTMLFormElement} */ ($('#saved-form'));
  if ([...params.keys()].length) {
    form.reset();
    for (const name of ['q', ...SAVED_FILTERS]) {
      const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
      if (field) field.value = params.get(name) ?? '';
    }
    /** @type {HTMLInputElement} */ (form.elements.namedItem('name')).focus();
  }
  // A webhook's secret is shown once: leaving the view forgets it.
  $('#saved-result').replaceChildren();
  $('#saved-result').hidden = true;
  return loadSaved();
}

/** Wires the form that saves a search (once, at start). */
export function initSavedSearches() {
  const form = /** @type {HTMLFormElement} */ ($('#saved-form'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (/** @type {string} */ name) => String(data.get(name) ?? '').trim();
    const filters = Object.fromEntries(SAVED_FILTERS.filter((name) => text(name)).map((name) => [name, text(name)]));
    const body = { query: text('q'), ...(text('name') ? { name: text('name') } : {}), filters, ...(text('webhook') ? { webhook: { url: text('webhook') } } : {}) };
    const result = $('#saved-result');
    result.hidden = false;
    try {
      /** @type {{ savedSearch: SavedSearch; webhookSecret: string | null }} */
      const { savedSearch, webhookSecret } = await api('/api/saved-searches', { method: 'POST', json: body });
      result.dataset.outcome = 'added';
      result.replaceChildren(
        `Saved “${savedSearch.name}”.`,
        webhookSecret ? h('p', {}, 'Its webhook bodies are signed (X-Tidings-Signature, HMAC-SHA256) with this secret, shown only now: ', h('code', { class: 'secret' }, webhookSecret)) : '',
      );
      form.reset();
      await loadSaved();
    } catch (error) {
      result.dataset.outcome = 'refused';
      result.replaceChildren(h('strong', {}, 'Not saved. '), messageOf(error));
    }
  });
}
