// @ts-check
/* global document, CSS */
// The feeds view: the subscribed feeds with their health, and managing them:
// add one (a feed, or a web page whose feed is found), tag, pause or resume,
// poll now, remove; each feed's and each tag's articles open in the search view.

import { api, ApiError } from './api.js';
import { $, $input, confirmButton, formatAgo, h, messageOf, plural } from './dom.js';
import { filteredHash } from './search.js';

/** @typedef {import('@tidings/contracts').FeedRecord} FeedRecord */
/** @typedef {{ url: string; title: string | null }} OfferedFeed A feed a web page offers (the 422 several-feeds answer lists them). */

/** The feeds shown, in the API's order. */
/** @type {FeedRecord[]} */
let feeds = [];

/** @param {FeedRecord} feed */
function healthOf(feed) {
  if (feed.state !== 'active') return feed.state;
  if (feed.lastStatus === 'error') return 'error';
  return feed.lastStatus ? 'ok' : 'new';
}

/**
 * "a, b ,c" -> ["a", "b", "c"].
 * @param {string} text
 */
function parseTags(text) {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * Replaces a feed's card (and the tag list) with the feed as the API now has it.
 * @param {FeedRecord} feed
 */
function updated(feed) {
  feeds = feeds.map((shown) => (shown.id === feed.id ? feed : shown));
  document.querySelector(`#feeds-list [data-feed="${CSS.escape(feed.id)}"]`)?.replaceWith(feedItem(feed));
  renderTags();
}

/** Every tag of the feeds, each opening its articles. */
function renderTags() {
  const tags = [...new Set(feeds.flatMap((feed) => feed.tags))].sort((a, b) => a.localeCompare(b));
  $('#feed-tags-list').replaceChildren(...(tags.length ? [h('span', { class: 'label' }, 'Tags'), ...tags.map((tag) => h('a', { class: 'chip', href: filteredHash('tag', tag) }, tag))] : []));
}

/**
 * The form that replaces a feed's tags.
 * @param {FeedRecord} feed
 * @param {HTMLElement} item the feed's card
 */
function tagEditor(feed, item) {
  const input = h('input', { type: 'text', value: feed.tags.join(', '), 'aria-label': `Tags of ${feed.title ?? feed.url}, separated by commas`, placeholder: 'tags, separated by commas' });
  const form = h('form', { class: 'tag-editor' }, input, h('button', { type: 'submit' }, 'Save tags'), h('button', { type: 'button', onclick: () => form.remove() }, 'Cancel'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { feed: changed } = await api(`/api/feeds/${encodeURIComponent(feed.id)}`, { method: 'PATCH', json: { tags: parseTags(input.value) } });
      updated(changed);
    } catch (error) {
      item.querySelector('.action-status')?.replaceChildren(messageOf(error));
    }
  });
  return form;
}

/**
 * One feed's card: health, figures, tags, and what can be done with it.
 * @param {FeedRecord} feed
 */
function feedItem(feed) {
  const health = healthOf(feed);
  const name = feed.title ?? feed.url;
  const status = h('span', { class: 'action-status', role: 'status' });
  /**
   * A button that calls the API and shows the feed as it then is.
   * @param {string} label
   * @param {string} path
   * @param {string} done what the status says when the answer carries no feed (poll now queues a job)
   */
  const action = (label, path, done) =>
    h('button', {
      type: 'button',
      'aria-label': `${label}: ${name}`,
      onclick: async (/** @type {MouseEvent} */ event) => {
        const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
        button.disabled = true;
        try {
          const answer = await api(`/api/feeds/${encodeURIComponent(feed.id)}/${path}`, { method: 'POST' });
          if (answer?.feed) updated(answer.feed);
          else status.textContent = done;
        } catch (error) {
          status.textContent = messageOf(error);
        }
        button.disabled = false;
      },
    }, label);
  const item = h('li', { class: 'feed', 'data-feed': feed.id, 'data-url': feed.url, 'data-state': feed.state });
  const pauseOrResume = feed.state === 'active' ? action('Pause', 'pause', '') : action('Resume', 'resume', '');
  const poll = action('Poll now', 'refresh', 'Poll queued');
  const remove = confirmButton('Remove', `Remove ${name}`, async () => {
    try {
      await api(`/api/feeds/${encodeURIComponent(feed.id)}`, { method: 'DELETE' });
      feeds = feeds.filter((shown) => shown.id !== feed.id);
      item.remove();
      renderTags();
      $('#feeds-status').textContent = `Removed ${name} (its articles stay). ${plural(feeds.length, 'feed')}`;
    } catch (error) {
      status.textContent = messageOf(error);
    }
  });
  const editTags = h('button', {
    type: 'button',
    'aria-label': `Edit the tags of ${name}`,
    onclick: () => {
      if (!item.querySelector('.tag-editor')) item.append(tagEditor(feed, item));
      /** @type {HTMLInputElement | null} */ (item.querySelector('.tag-editor input'))?.focus();
    },
  }, 'Tags…');
  const figure = (/** @type {string} */ label, /** @type {string} */ value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
  // (append writes a null as the text "null": an empty string adds nothing visible.)
  item.append(
    h(
      'div',
      { class: 'feed-head' },
      h('span', { class: `health ${health}`, title: health, 'aria-label': `health: ${health}` }),
      h('a', { class: 'feed-title', href: filteredHash('feed', feed.url), title: `Articles of ${name}` }, name),
      feed.state === 'active' ? null : h('span', { class: 'state' }, feed.state),
    ),
    feed.title ? h('div', { class: 'meta url' }, feed.url) : '',
    feed.lastError ? h('div', { class: 'error-text' }, feed.lastError) : '',
    feed.stateReason ? h('div', { class: 'meta' }, feed.stateReason) : '',
    h(
      'dl',
      { class: 'figures' },
      figure('Last fetch', `${formatAgo(feed.lastFetchAt)}${feed.lastStatus ? ` · ${feed.lastStatus}` : ''}${feed.lastHttpStatus ? ` (${feed.lastHttpStatus})` : ''}`),
      figure('Next poll', feed.nextPollAt ? formatAgo(feed.nextPollAt) : '—'),
      figure('Failures', String(feed.consecutiveFailures)),
      figure('Items', String(feed.itemsSeen)),
    ),
    feed.tags.length ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, feed.tags.map((tag) => h('li', {}, h('a', { class: 'chip', href: filteredHash('tag', tag) }, tag)))) : '',
    h('div', { class: 'actions' }, h('a', { class: 'button', href: filteredHash('feed', feed.url) }, 'Articles'), poll, pauseOrResume, editTags, remove, status),
  );
  return item;
}

/** Loads and shows the feeds. */
export async function showFeeds() {
  const status = $('#feeds-status');
  status.textContent = 'Loading…';
  try {
    ({ feeds } = await api('/api/feeds'));
    status.textContent = feeds.length ? plural(feeds.length, 'feed') : 'No feeds yet: add one above.';
    $('#feeds-list').replaceChildren(...feeds.map(feedItem));
    renderTags();
  } catch (error) {
    status.textContent = messageOf(error);
  }
}

/**
 * Says how adding a feed went.
 * @param {'added' | 'existing' | 'choose' | 'refused'} outcome
 * @param {...(Node | string)} content
 */
function notice(outcome, ...content) {
  const box = $('#add-feed-result');
  box.dataset.outcome = outcome;
  box.replaceChildren(...content);
  box.hidden = false;
}

/**
 * Subscribes to `url` (a feed, or a web page whose feed the API finds).
 * @param {string} url
 * @param {string[]} tags
 */
async function addFeed(url, tags) {
  notice('added', `Looking at ${url}…`);
  try {
    /** @type {{ feed: FeedRecord; created: boolean }} */
    const { feed, created } = await api('/api/feeds', { method: 'POST', json: { url, ...(tags.length ? { tags } : {}) } });
    const link = h('a', { href: filteredHash('feed', feed.url) }, feed.title ?? feed.url);
    if (created) notice('added', 'Subscribed to ', link, '. Its articles arrive after its first poll.');
    else notice('existing', 'Already subscribed to ', link, '.');
    $input('#feed-url').value = '';
    await showFeeds();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'several-feeds') {
      const offered = /** @type {OfferedFeed[]} */ (error.body.feeds ?? []);
      const choices = offered.map((found) =>
        h('li', {}, h('button', { type: 'button', class: 'primary', onclick: () => addFeed(found.url, tags) }, 'Subscribe'), ' ', h('strong', {}, found.title ?? ''), ' ', h('span', { class: 'meta' }, found.url)),
      );
      notice('choose', h('p', {}, `${url} offers ${offered.length} feeds. Which one?`), h('ul', { class: 'choices' }, choices));
    } else if (error instanceof ApiError && error.code === 'no-feed') {
      notice('refused', h('strong', {}, 'No feed there. '), `${error.message}. Try the site's home page, or the feed's own address.`);
    } else notice('refused', h('strong', {}, 'Not subscribed. '), messageOf(error));
  }
}

/** Wires the add-feed form (once, at start). */
export function initFeeds() {
  $('#add-feed').addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = $input('#feed-url').value.trim();
    if (!typed) return;
    // People type "example.org": the API wants an http(s) URL.
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
    void addFeed(url, parseTags($input('#feed-tags').value));
  });
}
