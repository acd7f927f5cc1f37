// @ts-check
/* global history, URLSearchParams */
// The stories view: articles that report the same story, across feeds and
// sites, grouped by the indexer. /api/stories lists them newest first; one
// story shows its articles.

import { api, ApiError } from './api.js';
import { $, formatDate, h, messageOf, plural } from './dom.js';
import { filteredHash } from './search.js';

/** @typedef {import('@tidings/contracts').StorySummary} StorySummary */
/** @typedef {import('@tidings/contracts').StoryPage} StoryPage */
/** @typedef {import('@tidings/contracts').SearchHit} SearchHit */

const PAGE_SIZE = 20;
/** A story's articles shown on its page (the rest: the search view, filtered to the story). */
const ARTICLES_SHOWN = 50;
/** Where the list goes on (the next page's cursor), null on its last page. */
/** @type {string | null} */
let nextCursor = null;

/**
 * "Mar 1 – Mar 3, 2025" (one date when both are on the same day).
 * @param {StorySummary} story
 */
function span(story) {
  const first = formatDate(story.firstSeen);
  const last = formatDate(story.lastSeen);
  return first === last ? first : `${first} – ${last}`;
}

/** @param {StorySummary} story */
function storyFacts(story) {
  const sites = story.sites.length ? `: ${story.sites.join(', ')}` : '';
  return `${plural(story.size, 'article')} · ${plural(story.sites.length, 'site')}${sites} · ${span(story)}`;
}

/** @param {StorySummary} story */
function storyItem(story) {
  return h(
    'li',
    { class: 'story', 'data-story': story.id, 'data-size': story.size },
    h('h3', {}, h('a', { href: `#/stories/${encodeURIComponent(story.id)}` }, story.title)),
    h('div', { class: 'meta' }, storyFacts(story)),
  );
}

/**
 * What to say when the stories cannot be read.
 * @param {unknown} error
 */
function unavailable(error) {
  if (error instanceof ApiError && error.status === 404) return 'Stories are not available on this server yet.';
  return messageOf(error);
}

/** @param {boolean} append the next page, after the stories shown */
async function loadStories(append) {
  const status = $('#stories-status');
  const list = $('#stories-list');
  if (!append) {
    nextCursor = null;
    list.replaceChildren();
    status.textContent = 'Loading…';
  }
  try {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(append && nextCursor ? { cursor: nextCursor } : {}) });
    /** @type {StoryPage} */
    const page = await api(`/api/stories?${query}`);
    list.append(...page.stories.map(storyItem));
    nextCursor = page.nextCursor;
    status.textContent = list.children.length ? 'Newest first: the same story told by several sources.' : 'No stories yet: they appear as articles are indexed.';
  } catch (error) {
    nextCursor = null;
    status.textContent = unavailable(error);
  }
  $('#stories-more').hidden = !nextCursor;
}

/**
 * One story: its figures and its articles.
 * @param {string} id
 */
async function showStory(id) {
  const container = $('#story');
  container.replaceChildren(h('p', { class: 'status' }, 'Loading…'));
  const back = h('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back');
  try {
    /** @type {{ story: StorySummary; articles: SearchHit[]; nextCursor: string | null }} */
    const { story, articles, nextCursor: more } = await api(`/api/stories/${encodeURIComponent(id)}?limit=${ARTICLES_SHOWN}`);
    container.replaceChildren(
      back,
      h('h1', {}, story.title),
      h('p', { class: 'meta' }, storyFacts(story)),
      h(
        'ol',
        { class: 'story-articles' },
        articles.map((article) =>
          h(
            'li',
            {},
            h('a', { href: `#/article/${encodeURIComponent(article.id)}` }, article.title || article.url),
            h('div', { class: 'meta' }, [article.siteName, formatDate(article.publishedAt)].filter(Boolean).join(' · ')),
          ),
        ),
      ),
      h('p', {}, h('a', { href: filteredHash('story', story.id) }, more ? `All ${plural(story.size, 'article')}, and search within them` : 'Search within this story')),
    );
  } catch (error) {
    // (A 404 here is an unknown story, or a server without stories: the list says which.)
    const text = error instanceof ApiError && error.status === 404 ? `No story ${id} here.` : messageOf(error);
    container.replaceChildren(back, h('p', { class: 'status' }, text), h('p', {}, h('a', { href: '#/stories' }, 'All stories')));
  }
}

/**
 * Shows the list of stories, or one story.
 * @param {string | null} id
 */
export function showStories(id) {
  $('#stories-index').hidden = id !== null;
  $('#story').hidden = id === null;
  return id === null ? loadStories(false) : showStory(id);
}

/** Wires the list's "More stories" button (once, at start). */
export function initStories() {
  $('#stories-more').addEventListener('click', () => loadStories(true));
}
