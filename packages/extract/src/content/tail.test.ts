import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { BODY_PARAGRAPHS } from '../fixtures/build-page.js';
import { paragraphsOf } from '../text.js';
import { removeAuthorBox, removeTailSection } from './tail.js';

const prose = BODY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');
const bio = '<p>Sam Lee is a transport writer who has covered city buses, trams and night services for twelve years, and rides them daily.</p>';

function cleaned(html: string): string[] {
  const root = parseFragment(html);
  removeTailSection(root);
  return paragraphsOf(root);
}

describe('removeTailSection', () => {
  it('removes an "About the author" heading and the bio under it, written as plain paragraphs', () => {
    expect(cleaned(`${prose}<h3>About the author</h3>${bio}`)).toEqual(BODY_PARAGRAPHS);
    expect(cleaned(`${prose}<p><strong>Sources:</strong></p><p>City transport report, 2024.</p><p>Council minutes, 3 March.</p>`)).toEqual(BODY_PARAGRAPHS);
  });

  it('removes a closing "Written by <name>" or "Reviewed by," heading and the bio under it', () => {
    expect(cleaned(`${prose}<h3>Written by Sam Lee</h3>${bio}`)).toEqual(BODY_PARAGRAPHS);
    expect(cleaned(`${prose}<p><strong>Reviewed by,</strong></p><p>Dana Cole, CFP</p>${bio}`)).toEqual(BODY_PARAGRAPHS);
    // A sentence is no heading: "Written by hand, the letters..." goes on with the story's own words.
    const sentence = '<p>Written by hand, the letters took weeks to cross the city.</p>';
    expect(cleaned(`${prose}${sentence}${bio}`)).toHaveLength(BODY_PARAGRAPHS.length + 2);
  });

  it('keeps a section that a later heading of its rank follows: the story goes on after it', () => {
    const html = `${prose}<h2>About the author</h2>${bio}<h2>What comes next</h2><p>${BODY_PARAGRAPHS[0] ?? ''}</p>`;
    expect(cleaned(html)).toHaveLength(BODY_PARAGRAPHS.length + 4);
  });

  it('keeps a closing section that is a large part of the text', () => {
    const long = BODY_PARAGRAPHS.map((p) => `<p>${p} ${p}</p>`).join('');
    expect(cleaned(`<p>${BODY_PARAGRAPHS[0] ?? ''}</p><h3>Sources</h3>${long}`)).toHaveLength(BODY_PARAGRAPHS.length + 2);
  });

  it('removes a "Related" section only when it is mostly links', () => {
    const links = '<ul><li><a href="/a">Trams return to the high street next spring</a></li><li><a href="/b">Night buses in numbers</a></li></ul>';
    expect(cleaned(`${prose}<h3>Related</h3>${links}`)).toEqual(BODY_PARAGRAPHS);
    const text = '<p>A 2010 study of night services in four cities found that riders mostly work shifts in hospitals and warehouses.</p>';
    expect(cleaned(`${prose}<h3>Related</h3>${text}`)).toHaveLength(BODY_PARAGRAPHS.length + 2);
  });

  it('does not take an item of a list for a heading', () => {
    const list = '<ul><li>Sources</li><li>Routes N1 and N2 run every twenty minutes through the night, all week.</li></ul>';
    expect(cleaned(`${prose}${list}`)).toHaveLength(BODY_PARAGRAPHS.length + 2);
  });
});

describe('removeAuthorBox', () => {
  const box = [
    '<p>Jane Doe</p>',
    '<p>Jane Doe is a transport reporter who has covered city buses and trams for twelve years.</p>',
    '<p>Jane holds a degree in urban planning from a university by the sea.</p>',
    "<p>When she is not riding night buses, she grows tomatoes on her balcony.</p>",
  ].join('');

  // The box may be at most a quarter of the text: a story four times its length.
  const story = [...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS, ...BODY_PARAGRAPHS].map((p, i) => `${p} (${i})`);
  const long = story.map((p) => `<p>${p}</p>`).join('');

  function boxCleaned(html: string, authors: string[]): string[] {
    const root = parseFragment(html);
    removeAuthorBox(root, new Set(authors.map((name) => name.toLowerCase())));
    return paragraphsOf(root);
  }

  it("removes the author's box from the line that opens with the name to the end, though its last line does not name her", () => {
    expect(boxCleaned(`${long}${box}`, ['Jane Doe'])).toEqual(story);
  });

  it("keeps the lines when nobody is known as the author, or only a company is", () => {
    expect(boxCleaned(`${long}${box}`, [])).toHaveLength(story.length + 4);
    const call = '<p>Acme makes the perfect partner for riders everywhere.</p><p>Try it today for free.</p>';
    expect(boxCleaned(`${long}${call}`, ['Acme'])).toHaveLength(story.length + 2);
  });

  it('keeps the lines when the "name" is a byline misread as one, not capitalised as a name is', () => {
    const lines = '<p>This review is based on a month of daily use.</p><p>Night buses run every twenty minutes.</p>';
    expect(boxCleaned(`${long}${lines}`, ['This review is'])).toHaveLength(story.length + 2);
  });

  it('keeps a heading in title case that opens with the name, and a run longer than a box', () => {
    const heading = '<h3>Jane Doe Can Help</h3><p>Call us today for a free review of your case.</p>';
    expect(boxCleaned(`${long}${heading}`, ['Jane Doe'])).toHaveLength(story.length + 2);
    const more = '<p>The council meets again in March.</p>'.repeat(4);
    expect(boxCleaned(`${long}${box}${more}`, ['Jane Doe'])).toHaveLength(story.length + 8);
  });
});
