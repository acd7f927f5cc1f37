// @ts-check
/* global CSS */
// The live strip: newly indexed articles as /api/stream announces them.

import { followStream } from './api.js';
import { $, h } from './dom.js';

/** @typedef {import('@tidings/contracts').SearchHit} SearchHit */

/** Articles the strip keeps. */
const LIVE_MAX = 8;
/** Pause before following the stream again after it broke. */
const RECONNECT_MS = 5000;

/** @param {Pick<SearchHit, 'id' | 'title' | 'siteName'>} article a newly indexed article, as /api/stream announces it */
function addLive(article) {
  const list = $('#live-list');
  if (list.querySelector(`[data-id="${CSS.escape(article.id)}"]`)) return;
  list.prepend(
    h(
      'li',
      { 'data-id': article.id },
      h('a', { href: `/#/article/${encodeURIComponent(article.id)}` }, article.title),
      article.siteName ? h('span', { class: 'site' }, ` · ${article.siteName}`) : null,
    ),
  );
  while (list.children.length > LIVE_MAX) list.lastElementChild?.remove();
  $('#live').hidden = false;
}

/** Follows /api/stream, reconnecting after a pause. Runs for the page's life. */
export function followLive() {
  return followStream(
    '/api/stream',
    (event, data) => {
      if (event === 'article') addLive(JSON.parse(data));
    },
    { retryMs: RECONNECT_MS },
  );
}
