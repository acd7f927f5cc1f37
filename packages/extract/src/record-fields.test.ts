import { describe, expect, it } from 'vitest';
import { BODY_PARAGRAPHS, buildPage, EMPTY_ITEM } from './fixtures/build-page.js';
import { extractArticle } from './index.js';

const DATED_URL = 'https://www.daily-example.com/news/2024/11/05/night-buses';
const UNDATED_URL = 'https://www.daily-example.com/news/night-buses';

const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('each field records the source it came from', () => {
  it('JSON-LD first, for every field it has', () => {
    const result = extractArticle(
      buildPage({
        head: `<title>Night buses reach the suburbs | Daily Example</title>
          <meta property="og:title" content="OG title">
          ${ld({
            '@type': 'NewsArticle',
            headline: 'Night buses reach the suburbs',
            author: { '@type': 'Person', name: 'Jane Doe' },
            datePublished: '2024-11-05T09:30:00Z',
            dateModified: '2024-11-05T10:00:00Z',
            articleSection: 'Transport',
            keywords: ['buses'],
            inLanguage: 'en-GB',
            image: 'https://cdn.daily-example.com/bus.jpg',
            description: 'The council extends night buses.',
          })}`,
      }),
      { url: UNDATED_URL },
    );
    expect(result).toMatchObject({ title: 'Night buses reach the suburbs', authors: ['Jane Doe'], section: 'Transport', lang: 'en-gb' });
    expect(result.extraction.sources).toEqual({
      url: 'url',
      title: 'json-ld',
      authors: 'json-ld',
      publishedAt: 'json-ld',
      modifiedAt: 'json-ld',
      siteName: null,
      lang: 'json-ld',
      excerpt: 'json-ld',
      imageUrl: 'json-ld',
      tags: 'json-ld',
      section: 'json-ld',
    });
  });

  it('OpenGraph and article:* meta, with the section', () => {
    const result = extractArticle(
      buildPage({
        head: `<meta property="og:title" content="Night buses reach the suburbs"><meta property="og:site_name" content="Daily Example">
          <meta property="article:published_time" content="2024-11-05T09:30:00Z"><meta property="article:section" content="Local">
          <meta property="og:url" content="https://www.daily-example.com/news/night-buses"><meta property="og:image" content="/bus.jpg">`,
      }),
      { url: `${UNDATED_URL}?utm_source=rss` },
    );
    expect(result).toMatchObject({ siteName: 'Daily Example', section: 'Local', url: UNDATED_URL, imageUrl: 'https://www.daily-example.com/bus.jpg' });
    expect(result.extraction.sources).toMatchObject({
      title: 'opengraph',
      siteName: 'opengraph',
      publishedAt: 'opengraph',
      section: 'opengraph',
      url: 'opengraph',
      imageUrl: 'opengraph',
    });
  });

  it('microdata: headline, authors as names, dates, section', () => {
    const result = extractArticle(
      buildPage({
        articleHeader: `<div itemscope itemtype="https://schema.org/NewsArticle">
          <h1 itemprop="headline">Night buses reach the suburbs</h1>
          <span itemprop="author" itemscope itemtype="https://schema.org/Person">By <span itemprop="name">Jane Doe</span></span>
          <time itemprop="datePublished" datetime="2024-11-05T09:30:00+01:00">5 Nov</time>
          <meta itemprop="dateModified" content="2024-11-06T08:00:00Z"><meta itemprop="articleSection" content="Transport"></div>`,
      }),
      { url: UNDATED_URL },
    );
    expect(result).toMatchObject({
      title: 'Night buses reach the suburbs',
      authors: ['Jane Doe'],
      publishedAt: '2024-11-05T08:30:00.000Z',
      modifiedAt: '2024-11-06T08:00:00.000Z',
      section: 'Transport',
    });
    expect(result.extraction.sources).toMatchObject({ authors: 'microdata', publishedAt: 'microdata', modifiedAt: 'microdata', section: 'microdata' });
  });

  it("the site's name for a page whose every title is that name, from the first one that gives it", () => {
    const result = extractArticle(
      buildPage({ head: '<title>Daily Example</title><meta property="og:title" content="Daily Example"><meta property="og:site_name" content="Daily Example">' }),
      { url: 'https://www.daily-example.com/' },
    );
    expect(result.title).toBe('Daily Example');
    expect(result.extraction.sources.title).toBe('opengraph');
  });

  it("the site's name before an <h1> that reads as no headline", () => {
    const siteOnly = extractArticle(
      buildPage({
        head: '<title>Daily Example</title><meta property="og:title" content="Daily Example"><meta property="og:site_name" content="Daily Example">',
        articleHeader: '<h1>Posts</h1>',
      }),
      { url: 'https://www.daily-example.com/' },
    );
    expect(siteOnly.title).toBe('Daily Example');
  });

  it('the markup: <title> without its suffix, <time>, <html lang>, <link rel=canonical>', () => {
    const result = extractArticle(
      buildPage({
        htmlAttributes: ' lang="fr-FR"',
        head: `<title>Night buses reach the suburbs - Daily Example</title><meta name="application-name" content="Daily Example">
          <link rel="canonical" href="/news/night-buses">`,
        articleHeader: '<p>Published <time datetime="2024-11-05T09:30:00Z">5 November</time></p>',
      }),
      { url: `${UNDATED_URL}?ref=home` },
    );
    expect(result).toMatchObject({ title: 'Night buses reach the suburbs', publishedAt: '2024-11-05T09:30:00.000Z', lang: 'fr-fr', url: UNDATED_URL });
    expect(result.extraction.sources).toMatchObject({ title: 'markup', publishedAt: 'markup', lang: 'markup', url: 'markup', siteName: 'meta' });
  });

  it("the URL's date when the page states none, and the feed's timestamp when it falls on that day", () => {
    const fromUrl = extractArticle(buildPage(), { url: DATED_URL });
    expect(fromUrl.publishedAt).toBe('2024-11-05T00:00:00.000Z');
    expect(fromUrl.extraction.sources.publishedAt).toBe('url');
    const sameDay = extractArticle(buildPage(), { url: DATED_URL, item: { ...EMPTY_ITEM, publishedAt: 'Tue, 05 Nov 2024 09:30:00 GMT' } });
    expect(sameDay.publishedAt).toBe('2024-11-05T09:30:00.000Z');
    expect(sameDay.extraction.sources.publishedAt).toBe('feed-item');
    const otherDay = extractArticle(buildPage(), { url: DATED_URL, item: { ...EMPTY_ITEM, publishedAt: '2024-12-24T09:30:00Z' } });
    expect(otherDay.publishedAt).toBe('2024-11-05T00:00:00.000Z');
    const feedOnly = extractArticle(buildPage(), { url: UNDATED_URL, item: { ...EMPTY_ITEM, publishedAt: '2024-12-24T09:30:00Z' } });
    expect(feedOnly.extraction.sources.publishedAt).toBe('feed-item');
  });

  it('detects the language from the text when the page declares none', () => {
    const portuguese = [
      'A câmara municipal aprovou na terça-feira a extensão da rede de autocarros noturnos aos bairros do leste da cidade.',
      'Os responsáveis disseram que as primeiras linhas vão abrir em março, com autocarros de vinte em vinte minutos durante a noite.',
      'A oposição questionou o custo do projeto, mas admitiu que muitos trabalhadores por turnos ficavam sem forma segura de voltar a casa.',
    ];
    const result = extractArticle(buildPage({ paragraphs: portuguese }), { url: UNDATED_URL });
    expect(result.lang).toBe('pt');
    expect(result.extraction.sources.lang).toBe('detected');
    const declared = extractArticle(buildPage({ htmlAttributes: ' lang="en"' }), { url: UNDATED_URL });
    expect(declared.extraction.sources.lang).toBe('markup');
  });

  it('falls back to the body for excerpt, title and image, and counts words', () => {
    const result = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, '<img src="/photo.jpg" alt="Bus">'] }), { url: UNDATED_URL });
    expect(result.excerpt).toBe(BODY_PARAGRAPHS[0]);
    expect(result.imageUrl).toBe('https://www.daily-example.com/photo.jpg');
    expect(result.extraction.sources).toMatchObject({ excerpt: 'body', title: 'body', imageUrl: 'body', authors: null, tags: null });
    expect(result.wordCount).toBe(BODY_PARAGRAPHS.join(' ').split(/\s+/).length);
  });

  it('title: the <h1> when it is the declared title with a subtitle, the declared title when the <h1> adds a byline or a date', () => {
    const head = '<meta property="og:title" content="Night buses reach the suburbs">';
    const subtitled = extractArticle(buildPage({ head, articleHeader: '<h1>Night buses reach the suburbs: what changes in March</h1>' }), { url: UNDATED_URL });
    expect(subtitled.title).toBe('Night buses reach the suburbs: what changes in March');
    const dated = extractArticle(buildPage({ head, articleHeader: '<h1>Night buses reach the suburbs <small>November 5, 2024</small></h1>' }), { url: UNDATED_URL });
    expect(dated.title).toBe('Night buses reach the suburbs');
    const signed = extractArticle(buildPage({ head, articleHeader: '<h1>Night buses reach the suburbs <span>by Jane Doe</span></h1>' }), { url: UNDATED_URL });
    expect(signed.title).toBe('Night buses reach the suburbs');
  });

  it("authors: the first printed byline that names anyone, then a link to an author's page", () => {
    const bylines = extractArticle(
      buildPage({ articleHeader: '<h1>Night buses reach the suburbs</h1><p>By Jane Doe</p><p class="reviewer">Reviewed by: Sam Lee</p>' }),
      { url: UNDATED_URL },
    );
    expect(bylines.authors).toEqual(['Jane Doe']);
    expect(bylines.extraction.sources.authors).toBe('markup');
    const linked = extractArticle(
      buildPage({ articleHeader: '<h1>Night buses reach the suburbs</h1><p><a href="/authors/jane-doe">Jane Doe</a> and <a href="/authors/sam-lee/">Sam Lee</a></p>' }),
      { url: UNDATED_URL },
    );
    expect(linked.authors).toEqual(['Jane Doe', 'Sam Lee']);
    const relAuthor = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, '<footer><a rel="author" href="/u/42">Ana Gomez</a></footer>'] }), { url: UNDATED_URL });
    expect(relAuthor.authors).toEqual(['Ana Gomez']);
    const none = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, '<a href="/authors/">All our authors</a>'] }), { url: UNDATED_URL });
    expect(none.authors).toEqual([]);
  });

  it('authors: the site itself when the page names it as the author and nobody else', () => {
    const result = extractArticle(
      buildPage({ head: '<meta property="og:site_name" content="Daily Example"><meta name="author" content="Daily Example">' }),
      { url: UNDATED_URL },
    );
    expect(result.authors).toEqual(['Daily Example']);
    expect(result.extraction.sources.authors).toBe('meta');
  });

  it('authors: the author box after the article when nothing else names anyone', () => {
    const box = (inner: string): string => `<div class="author-box">${inner}</div>`;
    const bio = '<p>Jane Doe is a transport writer. She has covered the city for ten years.</p>';
    const pictured = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, box(`<img src="/jane.jpg" alt="Jane Doe"><div>Jane Doe</div>${bio}`)] }), { url: UNDATED_URL });
    expect(pictured.authors).toEqual(['Jane Doe']);
    expect(pictured.extraction.sources.authors).toBe('markup');
    const headed = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, box(`<p>About the author:</p>${bio}`)] }), { url: UNDATED_URL });
    expect(headed.authors).toEqual(['Jane Doe']);
    // A bio no line names on its own could be about anyone the article quotes.
    const unnamed = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, bio] }), { url: UNDATED_URL });
    expect(unnamed.authors).toEqual([]);
  });

  it('authors: no author box in pictured entries that are things or in a list of several people', () => {
    const entry = (name: string, rest: string): string => `<div><img src="/x.jpg" alt="${name}"><h3>${name}</h3><p>${name} is a ${rest}</p></div>`;
    const product = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, entry('Mesh Router', 'home WiFi system. It removes dead zones.')] }), { url: UNDATED_URL });
    expect(product.authors).toEqual([]);
    const people = [entry('Jane Doe', 'coach. She trains runners.'), entry('Sam Lee', 'coach. He trains cyclists.')];
    const listed = extractArticle(buildPage({ paragraphs: [...BODY_PARAGRAPHS, ...people] }), { url: UNDATED_URL });
    expect(listed.authors).toEqual([]);
    // The site signing the page outranks a bio box.
    const signed = extractArticle(
      buildPage({ head: '<meta property="og:site_name" content="Daily Example"><meta name="author" content="Daily Example">', paragraphs: [...BODY_PARAGRAPHS, people[0] ?? ''] }),
      { url: UNDATED_URL },
    );
    expect(signed.authors).toEqual(['Daily Example']);
  });

  it('takes the feed item last: title, authors, tags, summary', () => {
    const result = extractArticle(buildPage(), {
      url: UNDATED_URL,
      item: { ...EMPTY_ITEM, title: 'Night buses', authors: ['By Sam Lee'], categories: ['Transport'], summary: '<p>Buses at night.</p>' },
    });
    expect(result).toMatchObject({ title: 'Night buses', authors: ['Sam Lee'], tags: ['Transport'], excerpt: 'Buses at night.' });
    expect(result.extraction.sources).toMatchObject({ title: 'feed-item', authors: 'feed-item', tags: 'feed-item', excerpt: 'feed-item' });
  });
});

describe('printed dates and bylines against the declared ones', () => {
  const headline = '<h1>Night buses reach the suburbs</h1>';

  it('a printed date beats a declared one written for people, not one written for machines', () => {
    const human = extractArticle(
      buildPage({ head: ld({ '@type': 'BlogPosting', headline: 'Night buses reach the suburbs', datePublished: 'Jun 24, 2025' }), articleHeader: `${headline}<p>August 25, 2025</p>` }),
      { url: UNDATED_URL },
    );
    expect(human.publishedAt?.slice(0, 10)).toBe('2025-08-25');
    const machine = extractArticle(
      buildPage({ head: ld({ '@type': 'BlogPosting', headline: 'Night buses reach the suburbs', datePublished: '2025-06-24T10:00:00Z' }), articleHeader: `${headline}<p>August 25, 2025</p>` }),
      { url: UNDATED_URL },
    );
    expect(machine.publishedAt?.slice(0, 10)).toBe('2025-06-24');
    const unprinted = extractArticle(buildPage({ head: ld({ '@type': 'BlogPosting', headline: 'Night buses reach the suburbs', datePublished: 'Jun 24, 2025' }) }), {
      url: UNDATED_URL,
    });
    expect(unprinted.publishedAt?.slice(0, 10)).toBe('2025-06-24');
  });

  it('the printed co-authors of a declared first author, when the byline lists them', () => {
    const author = (name: string) => ld({ '@type': 'Article', headline: 'Night buses reach the suburbs', author: { '@type': 'Person', name } });
    const listed = extractArticle(buildPage({ head: author('Jane Doe'), articleHeader: `${headline}<p>Written by Dr Jane Doe, John Roe, Ann Poe</p>` }), { url: UNDATED_URL });
    expect(listed.authors).toEqual(['Dr Jane Doe', 'John Roe', 'Ann Poe']);
    expect(listed.extraction.sources.authors).toBe('markup');
    const joined = extractArticle(buildPage({ head: author('Jane Doe'), articleHeader: `${headline}<p>By Jane Doe and John Roe</p>` }), { url: UNDATED_URL });
    expect(joined.authors).toEqual(['Jane Doe', 'John Roe']);
    // One name after a comma is as often the writer's employer.
    const employer = extractArticle(buildPage({ head: author('Jane Doe'), articleHeader: `${headline}<p>By Jane Doe, Example Farms</p>` }), { url: UNDATED_URL });
    expect(employer.authors).toEqual(['Jane Doe']);
  });

  it("a name with a title glued to it, cut where the author's link spells the name alone", () => {
    const result = extractArticle(
      buildPage({ articleHeader: `${headline}<p>Written By: Jane Doe Gardener &amp; Astrologer</p><p><a href="/authors/jane-doe">Jane Doe</a></p>` }),
      { url: UNDATED_URL },
    );
    expect(result.authors).toEqual(['Jane Doe']);
  });

  it("skips a printed line naming only the site's company unless it credits it", () => {
    const head = `<meta property="og:site_name" content="Corti">${ld({ '@type': 'Article', headline: 'Night buses reach the suburbs', author: { '@type': 'Organization', name: 'Corti' } })}`;
    const logo = extractArticle(buildPage({ head, articleHeader: `${headline}<div class="author"><span>Corti</span></div><div class="author"><span>Jane Doe</span></div>` }), {
      url: UNDATED_URL,
    });
    expect(logo.authors).toEqual(['Jane Doe']);
    expect(logo.extraction.sources.authors).toBe('markup');
    const credited = extractArticle(buildPage({ head, articleHeader: `${headline}<p>By Corti</p>` }), { url: UNDATED_URL });
    expect(credited.authors).toEqual(['Corti']);
  });
});

describe('the extraction record', () => {
  it('names the method, the DOM engine and a confidence, and mirrors them in the old fields', () => {
    const result = extractArticle(buildPage({ head: ld({ '@type': 'NewsArticle', headline: 'Night buses', datePublished: '2024-11-05T09:30:00Z' }) }), {
      url: UNDATED_URL,
    });
    expect(result.extraction).toMatchObject({ method: 'readability', engine: 'linkedom' });
    expect(result.extraction.confidence).toBeGreaterThan(0.5);
    expect(result.extractor).toBe(result.extraction.method);
    expect(result.confidence).toBe(result.extraction.confidence);
  });
});
