import { fileURLToPath } from 'node:url';

/** Where the generated site lives on disk; `generate.ts` writes it, the server reads it. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** The project's origin story: it must reach the index intact, and is the only page that says "Lachin corridor". */
export const SEED_ARTICLE_PATH = '/world/2023/09/21/us-azerbaijan-observers-nagorno-karabakh.html';

/** The Russian page stored in windows-1251 and served as bare `text/html`, so only its meta tag names the charset. */
export const CP1251_ARTICLE_PATH = '/ru/2023/09/25/baikal-photo-exhibition.html';

/** Root-relative feed paths; `SiteServer.feeds` holds the absolute URLs. */
export const FEED_PATHS = {
  rss: '/feeds/news.rss',
  atom: '/feeds/world.atom',
  json: '/feeds/tech.json',
  failures: '/feeds/failures.rss',
  broken: '/feeds/broken.xml',
} as const;

/** The failure cases listed in the failures feed; each has one way it must end in the pipeline. */
export const FAILURE_PATHS = {
  /** Never exists: 404. */
  missing: '/articles/missing.html',
  /** 500 on the first two requests after start or `reset()`, then a real article mentioning "phoenix". */
  flaky: '/articles/flaky.html',
  /** About 3 MB of valid HTML, chunked, without Content-Length. */
  huge: '/articles/huge.html',
  /** 302 to `loopBack`, which 302s back here. */
  loop: '/articles/loop',
  loopBack: '/articles/loop2',
  /** A page with a nav menu and one short line: fetches fine, is not an article. */
  notArticle: '/articles/not-article.html',
} as const;

/** A link the failures feed carries to a private address; a client must refuse to fetch it. */
export const PRIVATE_ADDRESS_URL = 'http://10.0.0.1/internal/secret.html';
