import { CATALOG } from './catalog.js';
import type { Furniture } from './types.js';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** "21 September 2023, 10:30 UTC": how the site prints a time next to its machine-readable `datetime`. */
export function formatEnglishDate(iso: string): string {
  const date = new Date(iso);
  const time = date.toISOString().slice(11, 16);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

/** The English site's sections; each has an index page at `/<id>/`. */
export const SECTIONS = [
  { id: 'world', label: 'World' },
  { id: 'politics', label: 'Politics' },
  { id: 'business', label: 'Business' },
  { id: 'technology', label: 'Technology' },
  { id: 'transport', label: 'Transport' },
  { id: 'environment', label: 'Environment' },
  { id: 'culture', label: 'Culture' },
  { id: 'sport', label: 'Sport' },
  { id: 'opinion', label: 'Opinion' },
  { id: 'weather', label: 'Weather' },
] as const;

/** The furniture of every English page. None of it may contain an article's keyword. */
export const ENGLISH_FURNITURE: Furniture = {
  lang: 'en',
  charset: 'utf-8',
  siteName: 'Caucasus Courier',
  base: '{{BASE}}',
  sections: SECTIONS,
  ticker: [
    { title: 'Rioni Express: first passenger train reaches the coast on time', path: CATALOG.rioniExpress.path },
    { title: 'Sevan Rovers win the cup on penalties', path: CATALOG.cupFinal.path },
    { title: 'Electoral commission confirms Sarnakar second round for October 8', path: CATALOG.sarnakarRunoff.path },
  ],
  mostRead: [CATALOG.apricotDrought, CATALOG.sarnakarRunoff, CATALOG.textileMuseum, CATALOG.rioniExpress, CATALOG.lexiwave],
  footerLinks: [
    { title: 'About us', path: '/about.html' },
    { title: 'Privacy policy', path: '/privacy.html' },
    { title: 'RSS feeds', path: '/feeds/news.rss' },
    { title: 'Русская версия', path: CATALOG.baikalExhibition.path },
  ],
  labels: {
    skipToContent: 'Skip to content',
    breaking: 'Breaking',
    by: 'By',
    updated: 'Updated',
    share: 'Share this story',
    shareOnFacebook: 'Facebook',
    shareOnX: 'X',
    shareByEmail: 'Email',
    print: 'Print',
    photo: 'Photo:',
    advertisement: 'Advertisement',
    inArticleAd: 'Fly Yerevan\u2013Tbilisi from \u20ac39. Book by Sunday.',
    sidebarAd: 'Open a savings account in five minutes. Terms apply.',
    mostRead: 'Most read',
    related: 'Related news',
    comments: 'Comments',
    commentPrompt: 'Join the conversation. Comments are moderated.',
    postComment: 'Post comment',
    newsletter: 'The Courier Morning Brief',
    newsletterBlurb: 'The day\u2019s top stories from the South Caucasus, in your inbox at 7am.',
    emailPlaceholder: 'Your email address',
    subscribe: 'Sign up',
    tags: 'Topics',
    copyright: '\u00a9 2023 Caucasus Courier. All rights reserved.',
    tagline: 'Independent news from the South Caucasus since 2009',
  },
  formatDate: formatEnglishDate,
};
