import { FEED_PATHS } from '../paths.js';
import type { Article, Furniture, PageLink } from '../content/types.js';
import { describe } from './article-page.js';
import { escapeAttr, escapeText } from './escape.js';
import { absolute, link, renderHeader, renderPage, renderSidebar } from './layout.js';

function storyList(furniture: Furniture, articles: readonly Article[]): string {
  const cards = [...articles]
    .sort((a, b) => b.published.localeCompare(a.published))
    .map((article) => {
      const dek = article.dek ? `\n    <p class="dek">${escapeText(article.dek)}</p>` : '';
      return `  <li class="story-card">
    <h3>${link({ title: article.headline, path: article.path })}</h3>${dek}
    <p class="meta"><time datetime="${article.published}">${escapeText(furniture.formatDate(article.published))}</time></p>
  </li>`;
    });
  return `<ul class="story-list">\n${cards.join('\n')}\n</ul>`;
}

/**
 * The front page: feed autodiscovery links and every story. `otherEditions`
 * are linked by a label of their own (the Russian headline would put the
 * Russian page's keyword on this page too).
 */
export function renderHomePage(furniture: Furniture, articles: readonly Article[], otherEditions: readonly PageLink[]): string {
  const feedLink = (type: string, title: string, path: string) =>
    `<link rel="alternate" type="${type}" title="${escapeAttr(title)}" href="${absolute(furniture, path)}">`;
  const main = `<div class="content">
<h1 class="visually-hidden">${escapeText(furniture.siteName)}</h1>
<section class="top-stories">
<h2>Latest news</h2>
${storyList(furniture, articles)}
</section>
<section class="editions">
<h2>Other editions</h2>
<ul>
${otherEditions.map((item) => `  <li>${link(item)}</li>`).join('\n')}
</ul>
</section>
</div>
${renderSidebar(furniture, [])}`;
  return renderPage(furniture, {
    path: '/',
    title: `${furniture.siteName} \u2014 News from the South Caucasus`,
    description: 'Politics, business, culture and sport from Armenia, Azerbaijan and Georgia.',
    head: [
      feedLink('application/atom+xml', `${furniture.siteName} \u2014 World`, FEED_PATHS.atom),
      feedLink('application/feed+json', `${furniture.siteName} \u2014 Technology`, FEED_PATHS.json),
      '<meta property="og:type" content="website">',
      `<meta property="og:site_name" content="${escapeAttr(furniture.siteName)}">`,
    ],
    bodyClass: 'home-page',
    main,
  });
}

/** A section front: its label and the stories filed under it. */
export function renderSectionPage(furniture: Furniture, section: { id: string; label: string }, articles: readonly Article[]): string {
  const list = articles.length > 0 ? storyList(furniture, articles) : '<p class="empty">No stories in this section yet.</p>';
  return renderPage(furniture, {
    path: `/${section.id}/`,
    title: `${section.label} | ${furniture.siteName}`,
    description: `${section.label} news from ${furniture.siteName}.`,
    head: ['<meta property="og:type" content="website">'],
    bodyClass: `section-page section-${section.id}`,
    main: `<div class="content">\n<h1>${escapeText(section.label)}</h1>\n${list}\n</div>\n${renderSidebar(furniture, [])}`,
  });
}

/** A short static page (about, privacy): furniture around a few paragraphs that are not news. */
export function renderInfoPage(furniture: Furniture, path: string, heading: string, paragraphs: readonly string[]): string {
  return renderPage(furniture, {
    path,
    title: `${heading} | ${furniture.siteName}`,
    description: paragraphs[0] ?? heading,
    head: [],
    bodyClass: 'info-page',
    main: `<div class="content">\n<h1>${escapeText(heading)}</h1>\n${paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('\n')}\n</div>`,
  });
}

/** The page that fetches fine but is not an article: a menu and one short line, nothing else. */
export function renderNotArticlePage(furniture: Furniture, path: string): string {
  return `<!DOCTYPE html>
<html lang="${furniture.lang}">
<head>
<meta charset="${furniture.charset}">
<title>${escapeText(furniture.siteName)}</title>
<link rel="canonical" href="${absolute(furniture, path)}">
</head>
<body>
${renderHeader(furniture)}
<main>
<p>This page has moved. Use the menu above.</p>
</main>
</body>
</html>
`;
}

/** A placeholder lead image: a coloured panel with the caption, so image URLs resolve. */
export function renderImage(article: Article, hue: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <title>${escapeText(article.image.alt)}</title>
  <rect width="1200" height="675" fill="hsl(${hue}, 45%, 40%)"/>
  <rect y="560" width="1200" height="115" fill="rgba(0, 0, 0, 0.45)"/>
  <text x="40" y="630" font-family="Georgia, serif" font-size="34" fill="#fff">${escapeText(describe(article).slice(0, 60))}</text>
</svg>
`;
}

export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40" viewBox="0 0 240 40">
  <title>Caucasus Courier</title>
  <path d="M4 34 L16 10 L24 24 L30 16 L40 34 Z" fill="#1d4e89"/>
  <text x="48" y="28" font-family="Georgia, serif" font-size="20" font-weight="bold" fill="#1d1d1d">Caucasus Courier</text>
</svg>
`;

export const SITE_CSS = `/* Caucasus Courier: just enough style for the fixture pages to look like a news site. */
body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #1d1d1d; background: #fff; }
a { color: #1d4e89; }
.skip-link, .visually-hidden { position: absolute; left: -9999px; }
.site-header { border-bottom: 3px solid #1d4e89; padding: 12px 24px; }
.masthead { display: flex; align-items: center; gap: 16px; }
.tagline { color: #666; font-style: italic; }
.main-nav ul, .ticker-items, .share-buttons, .site-footer ul { display: flex; flex-wrap: wrap; gap: 16px; list-style: none; margin: 0; padding: 0; }
.main-nav a { font-family: Arial, sans-serif; font-weight: bold; text-decoration: none; text-transform: uppercase; font-size: 13px; }
.ticker { display: flex; gap: 12px; padding: 8px 24px; background: #b3261e; color: #fff; font-family: Arial, sans-serif; }
.ticker a { color: #fff; }
.ad { margin: 16px auto; padding: 12px; background: #f3f3f3; color: #777; font-family: Arial, sans-serif; font-size: 12px; text-align: center; }
.layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 32px; max-width: 1120px; margin: 0 auto; padding: 24px; }
.headline { font-size: 40px; line-height: 1.15; }
.standfirst { font-size: 20px; color: #444; }
.byline, .dateline, .kicker, .tags, .comment-meta { font-family: Arial, sans-serif; font-size: 14px; color: #555; }
.lead-image img { width: 100%; height: auto; }
.lead-image figcaption { font-size: 13px; color: #666; }
.story-body p { font-size: 19px; line-height: 1.6; }
.comments, .newsletter, .most-read, .related-news { border-top: 1px solid #ddd; margin-top: 24px; padding-top: 12px; }
.site-footer { background: #1d1d1d; color: #ccc; padding: 24px; }
.site-footer a { color: #fff; }
`;
