import { describe, expect, it } from 'vitest';
import { BODY_PARAGRAPHS, buildPage } from './fixtures/build-page.js';
import { extractArticle } from './index.js';

const URL_ = 'https://www.daily-example.com/news/night-buses';
const headline = '<h1>Night buses reach the suburbs</h1>';
const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const authorsOf = (head: string, byline: string): string[] => extractArticle(buildPage({ head, articleHeader: `${headline}${byline}` }), { url: URL_ }).authors;

describe('chooseAuthorField: a printed "By" line against a weak declaration', () => {
  it('beats a classic meta author it does not name when nothing more structured names anyone', () => {
    const head = '<meta name="author" content="Josh Katzowitz">';
    expect(authorsOf(head, '<p>By Charles Patterson, WCI Columnist</p>')).toEqual(['Charles Patterson']);
    // The same person spelled otherwise agrees: the declaration stands.
    expect(authorsOf('<meta name="author" content="Sarah">', '<p>By: Sarah Jones</p>')).toEqual(['Sarah']);
    // A sentence's end that starts with "by" is no byline.
    expect(authorsOf(head, '<p>by CNET, TrustPilot, and multiple national recruiting firms.</p>')).toEqual(['Josh Katzowitz']);
    // "By" in another language.
    expect(authorsOf(head, '<p>Von Jana Schmidt</p>')).toEqual(['Jana Schmidt']);
  });

  it('beats a declared login ("KatieS") but not a declared name', () => {
    const login = ld({ '@type': 'Article', headline: 'Night buses reach the suburbs', author: { '@type': 'Person', name: 'KatieS' } });
    expect(authorsOf(login, "<p>by Aoife O'Riordan</p>")).toEqual(["Aoife O'Riordan"]);
    const name = ld({ '@type': 'Article', headline: 'Night buses reach the suburbs', author: { '@type': 'Person', name: 'Luke Daigle' } });
    expect(authorsOf(name, '<p>By: Paul Fenaroli</p>')).toEqual(['Luke Daigle']);
  });
});

describe('chooseAuthorField: the last resort among printed lines', () => {
  it('takes a user name in lower case or a team, not the start of a sentence', () => {
    expect(authorsOf('', '<p>by whova | Apr 21, 2025</p>')).toEqual(['whova']);
    expect(authorsOf('', '<p>by the Lavazza Team</p>')).toEqual(['the Lavazza Team']);
    expect(authorsOf('', '<p>by placing more information where it</p>')).toEqual([]);
  });
});

describe('chooseAuthorField: credits other than the writer\'s, and lines far from the headline', () => {
  it('drops a declared author whom the page prints only as a researcher or editor', () => {
    const head = '<meta name="author" content="Emma Ryan"><meta name="author" content="Oliver Simpson">';
    expect(authorsOf(head, '<p class="byline">Written by Emma Ryan</p><p class="byline">Researched by Oliver Simpson</p>')).toEqual(['Emma Ryan']);
    // Printed as a writer too, the name stays.
    expect(authorsOf(head, '<p class="byline">Written by Emma Ryan, Oliver Simpson</p><p class="byline">Edited by Oliver Simpson</p>')).toEqual(['Emma Ryan', 'Oliver Simpson']);
  });

  it('takes a "Posted by" line under the article when the page names nobody else', () => {
    const paragraphs = [...BODY_PARAGRAPHS, 'Posted by Jane Rowe at 11:15 AM'];
    expect(extractArticle(buildPage({ articleHeader: headline, paragraphs }), { url: URL_ }).authors).toEqual(['Jane Rowe']);
    const declared = buildPage({ head: ld({ '@type': 'Article', headline: 'Night buses reach the suburbs', author: { '@type': 'Person', name: 'Ann Head' } }), articleHeader: headline, paragraphs });
    expect(extractArticle(declared, { url: URL_ }).authors).toEqual(['Ann Head']);
  });
});
