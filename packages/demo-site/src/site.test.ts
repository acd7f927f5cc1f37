import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_TEXT } from './content/seed-text.js';
import { CP1251_ARTICLE_PATH, PUBLIC_DIR, SEED_ARTICLE_PATH } from './paths.js';
import { ALL_ARTICLES, renderSite } from './render/site.js';
import { encodeWindows1251 } from './render/windows-1251.js';

const rendered = renderSite();

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name))
      : [`/${path.relative(PUBLIC_DIR, path.join(dir, entry.name)).split(path.sep).join('/')}`],
  );
}

/** Page text as a browser would decode it. */
function pageText(urlPath: string): string {
  const bytes = readFileSync(path.join(PUBLIC_DIR, urlPath));
  return new TextDecoder(urlPath === CP1251_ARTICLE_PATH ? 'windows-1251' : 'utf-8').decode(bytes);
}

describe('the fixture site content', () => {
  it('is what generate.ts renders (run `pnpm --filter @tidings/demo-site generate` after editing the content)', () => {
    expect(listFiles(PUBLIC_DIR).sort()).toEqual([...rendered.keys()].sort());
    for (const [urlPath, body] of rendered) {
      const onDisk = readFileSync(path.join(PUBLIC_DIR, urlPath));
      expect(onDisk.equals(Buffer.from(body)), `public${urlPath} is stale`).toBe(true);
    }
  });

  it('puts each article keyword on its own page and no other, so a search finds that article alone', () => {
    const pages = [...rendered.keys()].filter((urlPath) => urlPath.endsWith('.html'));
    for (const article of ALL_ARTICLES) {
      const pattern = new RegExp(article.keyword, 'i');
      const holders = pages.filter((urlPath) => pattern.test(pageText(urlPath)));
      expect(holders, article.keyword).toEqual([article.path]);
    }
    expect(ALL_ARTICLES.find((article) => article.path === SEED_ARTICLE_PATH)?.keyword).toBe('Lachin corridor');
  });

  it('gives the seed page the seed text and the seed\u2019s two related headlines as links to real pages', () => {
    const html = pageText(SEED_ARTICLE_PATH);
    const related = /<section class="related-news">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    for (const headline of SEED_TEXT.related) expect(related).toContain(`>${headline}</a>`);
    const targets = [...related.matchAll(/href="\{\{BASE\}\}([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(targets).toHaveLength(2);
    for (const target of targets) expect(rendered.has(target), target).toBe(true);
  });

  it('wraps every story in the same furniture and metadata', () => {
    for (const article of ALL_ARTICLES) {
      const html = pageText(article.path);
      const where = article.path;
      expect(html, where).toMatch(/<html lang="(en|ru)">/);
      expect(html, where).toContain(`<title>${article.headline} | `);
      expect(html, where).toMatch(/<link rel="canonical" href="[^"]*\.html">/);
      for (const property of ['og:title', 'og:site_name', 'og:image', 'article:published_time', 'article:author', 'article:tag']) {
        expect(html, `${where} ${property}`).toContain(`<meta property="${property}"`);
      }
      expect(html, where).toContain('<meta property="og:type" content="article">');
      expect(html, where).toContain(`<time datetime="${article.published}">`);
      expect(html, where).toContain(`<span class="author">${article.author}</span>`);
      expect(html.match(/<div class="ad"/g)?.length, where).toBe(3);
      expect(html.match(/<li class="comment"/g)?.length, where).toBe(2);
      expect(html.match(/<nav class="main-nav"[\s\S]*?<\/nav>/)?.[0].match(/<li>/g)?.length, where).toBe(10);
      for (const part of ['class="ticker"', 'class="share-facebook"', 'class="share-x"', 'class="share-email"', 'class="most-read"', 'class="related-news"', 'class="newsletter"', 'class="site-footer"']) {
        expect(html, `${where} ${part}`).toContain(part);
      }
      const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}';
      expect(JSON.parse(jsonLd), where).toMatchObject({
        '@type': 'NewsArticle',
        headline: article.headline,
        datePublished: article.published,
        author: { name: article.author },
        publisher: { name: expect.any(String) },
      });
    }
  });

  it('encodes windows-1251 as Node decodes it, and refuses characters it cannot encode', () => {
    const sample = 'Ёлка, «Байкал» — 20 октября, №5… ©';
    expect(new TextDecoder('windows-1251').decode(encodeWindows1251(sample))).toBe(sample);
    expect(encodeWindows1251('Б')).toEqual(Uint8Array.from([0xc1]));
    expect(() => encodeWindows1251('Ωmega')).toThrow(RangeError);
  });
});
