/** A link to a page of the fixture site by its root-relative path. */
export interface PageLink {
  title: string;
  path: string;
}

/** A reader comment shown under an article (page furniture, never article text). */
export interface ReaderComment {
  author: string;
  /** ISO 8601 instant. */
  posted: string;
  text: string;
}

/** One news story and everything its page shows about it. */
export interface Article {
  /** Short stable id: names the lead image and the feed entry ids. */
  id: string;
  path: string;
  /** Id of one of the furniture's sections; the kicker links to it. */
  section: string;
  headline: string;
  /** Standfirst under the headline; the seed has none, so that its text stays exactly the seed's. */
  dek?: string;
  author: string;
  /** ISO 8601 instants. */
  published: string;
  modified?: string;
  tags: readonly string[];
  image: { alt: string; caption: string; credit: string };
  paragraphs: readonly string[];
  related: readonly PageLink[];
  comments: readonly ReaderComment[];
  /**
   * A word or phrase found in this article's text and on no other page of the site,
   * so a search for it must return exactly this article (`site.test.ts` checks that).
   */
  keyword: string;
}

/** The words the page template prints around every story, in the page's language. */
export interface FurnitureLabels {
  skipToContent: string;
  breaking: string;
  /** Printed before the author's name: "By". */
  by: string;
  updated: string;
  share: string;
  shareOnFacebook: string;
  shareOnX: string;
  shareByEmail: string;
  print: string;
  photo: string;
  advertisement: string;
  inArticleAd: string;
  sidebarAd: string;
  mostRead: string;
  related: string;
  comments: string;
  commentPrompt: string;
  postComment: string;
  newsletter: string;
  newsletterBlurb: string;
  emailPlaceholder: string;
  subscribe: string;
  tags: string;
  copyright: string;
  tagline: string;
}

/** Everything around the story: header, nav, ticker, sidebar, footer. */
export interface Furniture {
  lang: string;
  charset: string;
  siteName: string;
  /**
   * Prefix of absolute links: '{{BASE}}', which the server replaces with its URL,
   * or '' for root-relative links on pages served byte for byte.
   */
  base: string;
  sections: readonly { id: string; label: string }[];
  ticker: readonly PageLink[];
  mostRead: readonly PageLink[];
  footerLinks: readonly PageLink[];
  labels: FurnitureLabels;
  formatDate(iso: string): string;
}
