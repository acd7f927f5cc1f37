// @ts-check
/* global document, history */
// The article view: an article's cleaned text and metadata, its sanitised
// HTML on request (in a sandboxed frame where no script runs), and similar articles.

import { api } from './api.js';
import { $, formatDate, h, messageOf } from './dom.js';

/** @typedef {import('@tidings/contracts').ArticleRecord} ArticleRecord */
/** @typedef {import('@tidings/contracts').SearchHit} SearchHit */
/** @typedef {import('./dom.js').Child} Child */

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

const backButton = () => h('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back');

/**
 * Shows the article `id` (or URL) in the article view.
 * @param {string} id
 */
export async function showArticle(id) {
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
      backButton(),
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
        row('Story', article.storyId && h('a', { href: `#/stories/${encodeURIComponent(article.storyId)}` }, 'every report of this story')),
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
    container.replaceChildren(backButton(), h('p', { class: 'status' }, messageOf(error)));
  }
}
