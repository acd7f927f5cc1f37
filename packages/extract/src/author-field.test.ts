import { describe, expect, it } from 'vitest';
import { buildPage } from './fixtures/build-page.js';
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
