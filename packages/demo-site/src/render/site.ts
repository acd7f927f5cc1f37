import { CP1251_ARTICLE_PATH, FAILURE_PATHS, FEED_PATHS, PRIVATE_ADDRESS_URL } from '../paths.js';
import { ENGLISH_FURNITURE, SECTIONS } from '../content/furniture.js';
import { BAIKAL_EXHIBITION_ARTICLE, RUSSIAN_FURNITURE } from '../content/russian.js';
import {
  APRICOT_DROUGHT_ARTICLE,
  CUP_FINAL_ARTICLE,
  LEXIWAVE_ARTICLE,
  PHOENIX_THEATRE_ARTICLE,
  RIONI_EXPRESS_ARTICLE,
  SARNAKAR_RUNOFF_ARTICLE,
  TEXTILE_MUSEUM_ARTICLE,
} from '../content/stories.js';
import type { Article } from '../content/types.js';
import { BLINKEN_ACCESS_ARTICLE, GERMAN_OBSERVERS_ARTICLE, SEED_ARTICLE } from '../content/world.js';
import { imagePath, renderArticlePage } from './article-page.js';
import { articleRssItem, BAD_GATEWAY_PAGE, jsonFeedItem, renderAtom, renderJsonFeed, renderRss, type RssItem } from './feeds.js';
import { LOGO_SVG, renderHomePage, renderImage, renderInfoPage, renderNotArticlePage, renderSectionPage, SITE_CSS } from './pages.js';
import { encodeWindows1251 } from './windows-1251.js';

/** The English stories listed on the front and section pages (the flaky page's story is reachable only through the failures feed). */
export const LISTED_ARTICLES: readonly Article[] = [
  SEED_ARTICLE,
  GERMAN_OBSERVERS_ARTICLE,
  BLINKEN_ACCESS_ARTICLE,
  SARNAKAR_RUNOFF_ARTICLE,
  APRICOT_DROUGHT_ARTICLE,
  RIONI_EXPRESS_ARTICLE,
  LEXIWAVE_ARTICLE,
  TEXTILE_MUSEUM_ARTICLE,
  CUP_FINAL_ARTICLE,
];

/** Every article page of the site, in every language. */
export const ALL_ARTICLES: readonly Article[] = [...LISTED_ARTICLES, PHOENIX_THEATRE_ARTICLE, BAIKAL_EXHIBITION_ARTICLE];

/** Yerevan and Tbilisi time, used by some feed dates so that parsers must honour offsets. */
const CAUCASUS_OFFSET = 240;

function renderFeeds(): Array<[string, string]> {
  const news = renderRss(
    { title: 'Caucasus Courier \u2014 Top stories', path: FEED_PATHS.rss, description: 'The latest news from the South Caucasus.' },
    [
      articleRssItem(SEED_ARTICLE),
      articleRssItem(SARNAKAR_RUNOFF_ARTICLE, CAUCASUS_OFFSET),
      articleRssItem(TEXTILE_MUSEUM_ARTICLE, CAUCASUS_OFFSET),
      articleRssItem(APRICOT_DROUGHT_ARTICLE),
    ],
  );
  const world = renderAtom({ title: 'Caucasus Courier \u2014 World', path: FEED_PATHS.atom, sectionPath: '/world/' }, [
    // The seed again, spelled with tracking parameters and a fragment: the pipeline must store it once.
    { article: SEED_ARTICLE, href: `{{BASE}}${SEED_ARTICLE.path}?utm_source=atom&utm_medium=feed#comments` },
    // Relative to the entry's xml:base, which overrides the feed's.
    {
      article: GERMAN_OBSERVERS_ARTICLE,
      href: GERMAN_OBSERVERS_ARTICLE.path.replace('/world/2023/09/', ''),
      entryBase: '{{BASE}}/world/2023/09/',
    },
    // Relative to the feed-level xml:base.
    { article: BLINKEN_ACCESS_ARTICLE, href: BLINKEN_ACCESS_ARTICLE.path.slice(1) },
  ]);
  const tech = renderJsonFeed(
    { title: 'Caucasus Courier \u2014 Technology', path: FEED_PATHS.json, description: 'Technology and infrastructure.' },
    [
      jsonFeedItem(LEXIWAVE_ARTICLE, { offsetMinutes: CAUCASUS_OFFSET, language: 'en', fullText: true }),
      jsonFeedItem(RIONI_EXPRESS_ARTICLE, { offsetMinutes: CAUCASUS_OFFSET, language: 'en', fullText: true }),
      jsonFeedItem(BAIKAL_EXHIBITION_ARTICLE, { offsetMinutes: 0, language: 'ru', fullText: false }),
    ],
  );
  const at = (path: string) => `{{BASE}}${path}`;
  // Links only, no content:encoded: the pipeline has to fetch each page, which is where things go wrong.
  const linkOnly = (item: RssItem): RssItem => ({ ...item, content: undefined });
  const failures = renderRss(
    { title: 'Caucasus Courier \u2014 Newsroom test desk', path: FEED_PATHS.failures, description: 'Links that go wrong in every way a feed link can.' },
    [
      { title: 'Archived story that has since been removed', link: at(FAILURE_PATHS.missing), description: 'The page is gone: 404.', published: '2023-09-24T08:00:00Z' },
      linkOnly(articleRssItem(PHOENIX_THEATRE_ARTICLE)),
      { title: 'Weather bulletins: the complete archive', link: at(FAILURE_PATHS.huge), description: 'A page far larger than any article.', published: '2023-09-24T09:00:00Z' },
      { title: 'Story that redirects in a circle', link: at(FAILURE_PATHS.loop), description: 'Redirects forever.', published: '2023-09-24T10:00:00Z' },
      { title: 'Internal staff notice', link: PRIVATE_ADDRESS_URL, description: 'Points into a private network.', published: '2023-09-24T11:00:00Z' },
      { title: 'Sections', link: at(FAILURE_PATHS.notArticle), description: 'A menu, not a story.', published: '2023-09-24T12:00:00Z' },
      linkOnly(articleRssItem(CUP_FINAL_ARTICLE, CAUCASUS_OFFSET)),
    ],
  );
  return [
    [FEED_PATHS.rss, news],
    [FEED_PATHS.atom, world],
    [FEED_PATHS.json, tech],
    [FEED_PATHS.failures, failures],
    [FEED_PATHS.broken, BAD_GATEWAY_PAGE],
  ];
}

function renderPages(): Array<[string, string | Uint8Array]> {
  const f = ENGLISH_FURNITURE;
  const pages: Array<[string, string | Uint8Array]> = [
    ['/index.html', renderHomePage(f, LISTED_ARTICLES, [{ title: 'Русская версия: фотовыставка «Лёд и свет»', path: CP1251_ARTICLE_PATH }])],
    [
      '/about.html',
      renderInfoPage(f, '/about.html', 'About us', [
        'The Caucasus Courier is an independent newsroom with reporters in Yerevan, Tbilisi and Baku.',
        'We are funded by our readers and by advertising, and we publish corrections at the foot of the story concerned.',
      ]),
    ],
    [
      '/privacy.html',
      renderInfoPage(f, '/privacy.html', 'Privacy policy', [
        'We keep the email address you give us for the newsletter and nothing else.',
        'Our pages use one analytics script, which does not record your address or identify you.',
      ]),
    ],
    [FAILURE_PATHS.notArticle, renderNotArticlePage(f, FAILURE_PATHS.notArticle)],
    ...SECTIONS.map((section): [string, string] => [
      `/${section.id}/index.html`,
      renderSectionPage(f, section, LISTED_ARTICLES.filter((article) => article.section === section.id)),
    ]),
    ...[...LISTED_ARTICLES, PHOENIX_THEATRE_ARTICLE].map((article): [string, string] => [article.path, renderArticlePage(f, article)]),
    [CP1251_ARTICLE_PATH, encodeWindows1251(renderArticlePage(RUSSIAN_FURNITURE, BAIKAL_EXHIBITION_ARTICLE))],
  ];
  return pages;
}

/**
 * Every file of the fixture site, keyed by root-relative path. `generate.ts`
 * writes them to public/; a test checks that public/ matches.
 */
export function renderSite(): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>([...renderPages(), ...renderFeeds()]);
  ALL_ARTICLES.forEach((article, index) => files.set(imagePath(article), renderImage(article, (index * 37) % 360)));
  files.set('/images/logo.svg', LOGO_SVG);
  files.set('/assets/site.css', SITE_CSS);
  return files;
}
