// @ts-check
/* global document */
// The pipeline view (/pipeline): follows /api/pipeline/stream (one sample every few seconds, read once
// on the server for every watcher) and redraws the stages, the lag, the failing feeds and the live workers.

import { followStream } from './api.js';
import { $, h, messageOf, plural } from './dom.js';

/** @typedef {import('@tidings/metrics').PipelineView} PipelineView */
/** @typedef {import('@tidings/metrics').StageView} StageView */
/** @typedef {import('@tidings/metrics').Quantiles} Quantiles */

const SVG = 'http://www.w3.org/2000/svg';
/** Which worker role runs each queue. */
/** @type {Record<string, string>} */
const ROLES = { 'feed-fetch': 'fetcher', 'feed-parse': 'parser', 'article-fetch': 'fetcher', 'article-extract': 'extractor', 'article-index': 'indexer' };
const STATES = /** @type {const} */ (['waiting', 'active', 'delayed', 'failed']);
/** Pause before following the stream again after it broke. */
const RECONNECT_MS = 3000;

/**
 * 0.012 -> "12ms", 95 -> "1.6min", 7200 -> "2.0h" (as `tidings status` prints them).
 * @param {number | null | undefined} value
 */
function seconds(value) {
  if (value === null || value === undefined) return '–';
  if (value < 1) return `${Math.round(value * 1000)}ms`;
  if (value < 60) return `${value.toFixed(1)}s`;
  if (value < 3600) return `${(value / 60).toFixed(1)}min`;
  if (value < 86400) return `${(value / 3600).toFixed(1)}h`;
  return `${(value / 86400).toFixed(1)}d`;
}

/**
 * p50 or p95: `>30d` beyond the last bucket.
 * @param {Quantiles} q
 * @param {'p50' | 'p95'} which
 */
function quantile(q, which) {
  const text = seconds(which === 'p50' ? q.p50Seconds : q.p95Seconds);
  const atLeast = which === 'p50' ? q.p50AtLeast : q.p95AtLeast;
  return atLeast ? `>${text.replace(/\.0(?=[a-z])/, '')}` : text;
}

/** @param {string | null} iso */
function ago(iso) {
  if (!iso) return 'never';
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return s < 90 ? `${Math.round(s)}s ago` : `${seconds(s)} ago`;
}

/**
 * Completed per minute over the last hour, as bars in an inline SVG.
 * @param {number[]} series
 * @param {string} queue
 */
function chart(series, queue) {
  const max = Math.max(1, ...series);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', `0 0 ${series.length} 20`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('data-queue', queue);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${queue}: jobs completed per minute over the last hour (most ${Math.max(...series, 0)})`;
  svg.append(title);
  series.forEach((value, i) => {
    if (!value) return;
    const height = Math.max(0.6, (value / max) * 20);
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', String(i + 0.1));
    bar.setAttribute('width', '0.8');
    bar.setAttribute('y', String(20 - height));
    bar.setAttribute('height', String(height));
    bar.setAttribute('fill', 'currentColor');
    svg.append(bar);
  });
  return svg;
}

/** @param {StageView} stage */
function stageCard(stage) {
  const total = stage.completedPerMinute.reduce((sum, value) => sum + value, 0);
  const lastFive = stage.completedPerMinute.slice(-5).reduce((sum, value) => sum + value, 0);
  const counts = h(
    'dl',
    { class: 'counts' },
    STATES.map((state) => {
      const value = stage.counts[state] ?? 0;
      return h('div', { class: state }, h('dt', {}, state), h('dd', { class: `count${value ? ' nonzero' : ''}`, 'data-state': state }, String(value)));
    }),
  );
  const failedList = `/admin/queues/queue/${encodeURIComponent(stage.queue)}?status=failed`;
  const codes = h(
    'ul',
    { class: 'codes', 'aria-label': 'top failure codes' },
    stage.failureCodes.length
      ? stage.failureCodes.map(({ code, count }) => h('li', {}, h('a', { href: failedList, 'data-code': code, title: `failed ${stage.queue} jobs in the queue dashboard` }, `${code} × ${count}`)))
      : h('li', { class: 'none' }, 'no failed jobs'),
  );
  return h(
    'li',
    { class: 'stage', 'data-queue': stage.queue },
    h('h3', {}, stage.queue, h('span', { class: 'role' }, ROLES[stage.queue] ?? '')),
    counts,
    chart(stage.completedPerMinute, stage.queue),
    h('p', { class: 'chart-caption' }, `${total} done in the last hour · ${(lastFive / 5).toFixed(1)}/min lately`),
    h('p', { class: 'durations' }, `job p50 ${quantile(stage.duration, 'p50')} · p95 ${quantile(stage.duration, 'p95')}`),
    codes,
  );
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} key
 */
function figure(label, value, key) {
  return h('div', { 'data-figure': key }, h('dt', {}, label), h('dd', {}, value));
}

/**
 * Whether Redis keeps acknowledged jobs; what is wrong, when something is, on hover and for screen readers.
 * @param {PipelineView['redis']} redis
 */
function redisFigure(redis) {
  const value = redis.durable === true ? 'durable' : redis.durable === false ? 'NOT durable' : 'unknown';
  const item = figure('Redis keeps acknowledged jobs', value, 'redis');
  item.dataset.durable = String(redis.durable);
  if (redis.problems.length > 0) item.title = redis.problems.join('\n');
  return item;
}

/** @param {PipelineView} view */
function render(view) {
  $('#stages').replaceChildren(...view.stages.map(stageCard));
  $('#summary').replaceChildren(
    figure('lag p50 (published → indexed)', quantile(view.lag, 'p50'), 'lag-p50'),
    figure('lag p95', quantile(view.lag, 'p95'), 'lag-p95'),
    figure('indexed by the workers', String(view.articlesIndexed), 'indexed'),
    figure('articles in the index', String(view.index.articles), 'articles'),
    figure('feeds', String(view.index.feeds), 'feeds'),
    figure('feeds failing · paused', `${view.index.feedsFailing} · ${view.index.feedsPaused}`, 'failing'),
    redisFigure(view.redis),
  );
  $('#failing-feeds').replaceChildren(
    ...(view.feedsFailing.length
      ? view.feedsFailing.map((feed) =>
          h(
            'li',
            { 'data-feed': feed.id },
            h('span', { class: 'code' }, feed.code),
            ' ',
            h('span', { class: 'main' }, feed.title ?? feed.url),
            h('div', { class: 'detail' }, `${plural(feed.consecutiveFailures, 'failed poll')} in a row · ${feed.state} · ${feed.errorCode ? `[${feed.errorCode}] ` : ''}${feed.error ?? ''}`),
          ),
        )
      : [h('li', { class: 'empty' }, 'none')]),
  );
  $('#workers').replaceChildren(
    ...(view.workers.length
      ? view.workers.map((worker) =>
          h(
            'li',
            { class: 'worker', 'data-role': worker.role },
            h('span', { class: 'main' }, worker.role),
            ` ${worker.host} pid ${worker.pid} · v${worker.version}`,
            h('div', { class: 'detail' }, `up since ${new Date(worker.startedAt).toLocaleTimeString()} · ${worker.jobsDone} jobs · last ${ago(worker.lastJobAt)}`),
          ),
        )
      : [h('li', { class: 'empty' }, 'no live worker')]),
  );
  setStatus('live', `live · updated ${new Date(view.at).toLocaleTimeString()}`);
}

/**
 * @param {'connecting' | 'live' | 'down'} state
 * @param {string} text
 */
function setStatus(state, text) {
  const status = $('#live-status');
  status.dataset.state = state;
  status.textContent = text;
}

/** Follows the stream (asking for the token when the API wants it), reconnecting after a pause. Runs for the page's life. */
export function followPipeline() {
  return followStream(
    '/api/pipeline/stream',
    (event, data) => {
      if (event === 'view') render(JSON.parse(data));
    },
    { retryMs: RECONNECT_MS, onBroken: (error) => setStatus('down', `reconnecting (${messageOf(error)})`) },
  );
}
