import { ALL_ARTICLES } from './render/site.js';

/** What a test needs to know about one article page of the site. */
export interface SiteArticle {
  path: string;
  headline: string;
  /** Occurs in this article's text and on no other page: a search for it must find this article alone. */
  keyword: string;
  lang: 'en' | 'ru';
}

/** Every article page, including the flaky page's story and the windows-1251 page. */
export const SITE_ARTICLES: readonly SiteArticle[] = ALL_ARTICLES.map((article) => ({
  path: article.path,
  headline: article.headline,
  keyword: article.keyword,
  lang: article.path.startsWith('/ru/') ? 'ru' : 'en',
}));
