import type { Article, Furniture } from '../content/types.js';
import { escapeAttr, escapeText, jsonForScript, summarise } from './escape.js';
import { absolute, renderAd, renderPage, renderSidebar } from './layout.js';

export function imagePath(article: Article): string {
  return `/images/${article.id}.svg`;
}

/** What feeds and meta tags say about a story: its standfirst, else the start of its first paragraph. */
export function describe(article: Article): string {
  return article.dek ?? summarise(article.paragraphs[0] ?? '');
}

function renderHead(furniture: Furniture, article: Article): string[] {
  const url = absolute(furniture, article.path);
  const image = absolute(furniture, imagePath(article));
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.headline,
    description: describe(article),
    image: [image],
    datePublished: article.published,
    dateModified: article.modified ?? article.published,
    author: { '@type': 'Person', name: article.author },
    publisher: {
      '@type': 'Organization',
      name: furniture.siteName,
      logo: { '@type': 'ImageObject', url: absolute(furniture, '/images/logo.svg') },
    },
    articleSection: furniture.sections.find((section) => section.id === article.section)?.label,
    keywords: article.tags,
    inLanguage: furniture.lang,
  };
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeAttr(content)}">`;
  return [
    `<meta name="author" content="${escapeAttr(article.author)}">`,
    meta('og:title', article.headline),
    meta('og:site_name', furniture.siteName),
    meta('og:type', 'article'),
    meta('og:url', url),
    meta('og:image', image),
    meta('og:description', describe(article)),
    meta('og:locale', furniture.lang === 'ru' ? 'ru_RU' : 'en_GB'),
    meta('article:published_time', article.published),
    ...(article.modified ? [meta('article:modified_time', article.modified)] : []),
    meta('article:author', article.author),
    meta('article:section', jsonLd.articleSection ?? article.section),
    ...article.tags.map((tag) => meta('article:tag', tag)),
    '<meta name="twitter:card" content="summary_large_image">',
    '<meta name="twitter:site" content="@caucasuscourier">',
    `<script type="application/ld+json">\n${jsonForScript(jsonLd)}\n</script>`,
  ];
}

function renderShareButtons(furniture: Furniture, article: Article): string {
  const { labels } = furniture;
  // The base is left unencoded so that the server's {{BASE}} substitution reaches it;
  // ':' and '/' are legal in a query string.
  const url = absolute(furniture, article.path);
  const text = encodeURIComponent(article.headline);
  return `<ul class="share-buttons" aria-label="${escapeAttr(labels.share)}">
      <li><a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${escapeAttr(url)}" target="_blank" rel="noopener">${escapeText(labels.shareOnFacebook)}</a></li>
      <li><a class="share-x" href="https://twitter.com/intent/tweet?url=${escapeAttr(url)}&amp;text=${text}" target="_blank" rel="noopener">${escapeText(labels.shareOnX)}</a></li>
      <li><a class="share-email" href="mailto:?subject=${text}&amp;body=${escapeAttr(url)}">${escapeText(labels.shareByEmail)}</a></li>
      <li><a class="share-print" href="javascript:window.print()">${escapeText(labels.print)}</a></li>
    </ul>`;
}

/** The story's paragraphs with an ad slot in the middle, as real pages have. */
function renderBody(furniture: Furniture, article: Article): string {
  const adAfter = Math.ceil(article.paragraphs.length / 2);
  const blocks = article.paragraphs.map((paragraph) => `    <p>${escapeText(paragraph)}</p>`);
  blocks.splice(adAfter, 0, `    ${renderAd(furniture, 'in-article', furniture.labels.inArticleAd)}`);
  return blocks.join('\n');
}

function renderComments(furniture: Furniture, article: Article): string {
  const { labels } = furniture;
  const comments = article.comments.map(
    (comment, index) => `    <li class="comment" id="comment-${index + 1}">
      <p class="comment-meta"><span class="comment-author">${escapeText(comment.author)}</span> <time datetime="${comment.posted}">${escapeText(furniture.formatDate(comment.posted))}</time></p>
      <p class="comment-text">${escapeText(comment.text)}</p>
    </li>`,
  );
  return `<section id="comments" class="comments">
  <h2>${escapeText(labels.comments)} (${article.comments.length})</h2>
  <ol class="comment-list">
${comments.join('\n')}
  </ol>
  <form class="comment-form" action="/comments" method="post">
    <label for="comment-body">${escapeText(labels.commentPrompt)}</label>
    <textarea id="comment-body" name="body" rows="4"></textarea>
    <button type="submit">${escapeText(labels.postComment)}</button>
  </form>
</section>`;
}

/** A story page with all the furniture a real news site puts around it. */
export function renderArticlePage(furniture: Furniture, article: Article): string {
  const { labels } = furniture;
  const section = furniture.sections.find((candidate) => candidate.id === article.section);
  if (!section) throw new Error(`${article.id}: unknown section ${article.section}`);
  const updated = article.modified
    ? `<span class="updated"> \u00b7 ${escapeText(labels.updated)} <time datetime="${article.modified}">${escapeText(furniture.formatDate(article.modified))}</time></span>`
    : '';
  const dek = article.dek ? `\n    <p class="standfirst">${escapeText(article.dek)}</p>` : '';
  const tags = article.tags.map((tag) => `<a href="/?tag=${encodeURIComponent(tag)}" rel="tag">${escapeText(tag)}</a>`);
  const main = `<div class="content">
<article class="story">
  <header class="story-header">
    <p class="kicker"><a href="/${section.id}/">${escapeText(section.label)}</a></p>
    <h1 class="headline">${escapeText(article.headline)}</h1>${dek}
    <div class="story-meta">
      <p class="byline">${escapeText(labels.by)} <span class="author">${escapeText(article.author)}</span></p>
      <p class="dateline"><time datetime="${article.published}">${escapeText(furniture.formatDate(article.published))}</time>${updated}</p>
    </div>
    ${renderShareButtons(furniture, article)}
  </header>
  <figure class="lead-image">
    <img src="${imagePath(article)}" alt="${escapeAttr(article.image.alt)}" width="1200" height="675" onerror="this.parentNode.classList.add('image-missing')">
    <figcaption>${escapeText(article.image.caption)} <span class="credit">${escapeText(labels.photo)} ${escapeText(article.image.credit)}</span></figcaption>
  </figure>
  <div class="story-body">
${renderBody(furniture, article)}
  </div>
  <footer class="story-footer">
    <p class="tags">${escapeText(labels.tags)}: ${tags.join(', ')}</p>
  </footer>
</article>
${renderComments(furniture, article)}
</div>
${renderSidebar(furniture, article.related)}`;
  return renderPage(furniture, {
    path: article.path,
    title: `${article.headline} | ${furniture.siteName}`,
    description: describe(article),
    head: renderHead(furniture, article),
    bodyClass: `article-page section-${article.section}`,
    main,
  });
}
