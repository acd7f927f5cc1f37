import { FEED_PATHS } from '../paths.js';
import type { Furniture, PageLink } from '../content/types.js';
import { escapeAttr, escapeText } from './escape.js';

/** One page to wrap in the site's furniture. */
export interface PageShell {
  /** Root-relative path; the canonical link is built from it. */
  path: string;
  /** The whole `<title>`. */
  title: string;
  description: string;
  /** Extra `<head>` elements: OpenGraph, JSON-LD, feed links. */
  head: readonly string[];
  bodyClass: string;
  /** Inside `<main>`. */
  main: string;
}

/** An absolute link on pages that carry `{{BASE}}`, a root-relative one on pages served byte for byte. */
export function absolute(furniture: Furniture, path: string): string {
  return `${furniture.base}${path}`;
}

export function link(item: PageLink, attributes = ''): string {
  return `<a href="${escapeAttr(item.path)}"${attributes}>${escapeText(item.title)}</a>`;
}

/** Logo and the section menu: the one piece of furniture every page has, even the non-article one. */
export function renderHeader(furniture: Furniture): string {
  const items = furniture.sections.map((section) => `      <li><a href="/${section.id}/">${escapeText(section.label)}</a></li>`);
  return `<header class="site-header">
  <div class="masthead">
    <a class="logo" href="/"><img src="/images/logo.svg" alt="${escapeAttr(furniture.siteName)}" width="240" height="40"></a>
    <p class="tagline">${escapeText(furniture.labels.tagline)}</p>
  </div>
  <nav class="main-nav" aria-label="Sections">
    <ul>
${items.join('\n')}
    </ul>
  </nav>
</header>`;
}

export function renderAd(furniture: Furniture, slot: string, text: string): string {
  return `<div class="ad" data-ad-slot="${slot}">${escapeText(furniture.labels.advertisement)} <a href="https://ads.example/click?slot=${slot}" rel="sponsored nofollow">${escapeText(text)}</a></div>`;
}

/** Most read, optionally related stories, an ad and the newsletter form. */
export function renderSidebar(furniture: Furniture, related: readonly PageLink[]): string {
  const { labels } = furniture;
  const relatedBox =
    related.length === 0
      ? ''
      : `
  <section class="related-news">
    <h2>${escapeText(labels.related)}</h2>
    <ul>
${related.map((item) => `      <li>${link({ ...item, path: absolute(furniture, item.path) })}</li>`).join('\n')}
    </ul>
  </section>`;
  return `<aside class="sidebar">
  <section class="most-read">
    <h2>${escapeText(labels.mostRead)}</h2>
    <ol>
${furniture.mostRead.map((item) => `      <li>${link(item)}</li>`).join('\n')}
    </ol>
  </section>${relatedBox}
  ${renderAd(furniture, 'sidebar', labels.sidebarAd)}
  <form class="newsletter" action="/newsletter" method="post">
    <h2>${escapeText(labels.newsletter)}</h2>
    <p>${escapeText(labels.newsletterBlurb)}</p>
    <label class="visually-hidden" for="newsletter-email">${escapeText(labels.emailPlaceholder)}</label>
    <input type="email" id="newsletter-email" name="email" placeholder="${escapeAttr(labels.emailPlaceholder)}" required>
    <button type="submit">${escapeText(labels.subscribe)}</button>
  </form>
</aside>`;
}

function renderTicker(furniture: Furniture): string {
  return `<div class="ticker" role="region" aria-label="${escapeAttr(furniture.labels.breaking)}">
  <strong class="ticker-label">${escapeText(furniture.labels.breaking)}</strong>
  <ul class="ticker-items">
${furniture.ticker.map((item) => `    <li>${link(item)}</li>`).join('\n')}
  </ul>
</div>`;
}

function renderFooter(furniture: Furniture): string {
  return `<footer class="site-footer">
  <nav aria-label="Footer">
    <ul>
${furniture.footerLinks.map((item) => `      <li>${link(item)}</li>`).join('\n')}
    </ul>
  </nav>
  <p class="copyright">${escapeText(furniture.labels.copyright)}</p>
</footer>`;
}

/** A whole page: head, header, ticker, leaderboard ad, `main`, footer. */
export function renderPage(furniture: Furniture, page: PageShell): string {
  return `<!DOCTYPE html>
<html lang="${furniture.lang}">
<head>
<meta charset="${furniture.charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(page.title)}</title>
<meta name="description" content="${escapeAttr(page.description)}">
<link rel="canonical" href="${escapeAttr(absolute(furniture, page.path))}">
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/images/logo.svg" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="${escapeAttr(furniture.siteName)}" href="${absolute(furniture, FEED_PATHS.rss)}">
${page.head.join('\n')}
<script>
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'page_view', page: location.pathname });
</script>
<script async src="https://analytics.example/tag.js"></script>
</head>
<body class="${page.bodyClass}">
<a class="skip-link" href="#main">${escapeText(furniture.labels.skipToContent)}</a>
${renderHeader(furniture)}
${renderTicker(furniture)}
${renderAd(furniture, 'leaderboard', furniture.labels.inArticleAd)}
<main id="main" class="layout">
${page.main}
</main>
${renderFooter(furniture)}
</body>
</html>
`;
}
