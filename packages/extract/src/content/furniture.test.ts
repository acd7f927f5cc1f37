import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { paragraphsOf } from '../text.js';
import { wrapLooseText } from './blocks.js';
import { removeFurniture } from './furniture.js';

const PROSE = [
  'The council voted on Tuesday to extend the night bus network to the eastern suburbs after years of campaigning.',
  'Officials said the first routes would open in March, with buses every twenty minutes through the night.',
  'Opposition members questioned the cost but agreed that shift workers had been left without a safe way home.',
];
const prose = PROSE.map((p) => `<p>${p}</p>`).join('\n');

function cleaned(html: string, titles: string[] = [], authors: string[] = []): string[] {
  const root = parseFragment(html);
  wrapLooseText(root);
  removeFurniture(root, { titles, authors });
  return paragraphsOf(root);
}

describe('removeFurniture at the end of the article', () => {
  it('removes a "Related news" heading and its list of links', () => {
    expect(cleaned(`${prose}<h3>Related news</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>`)).toEqual(PROSE);
  });

  it('removes a related list written as paragraphs, and the orphan heading before it', () => {
    expect(cleaned(`${prose}<p><strong>More on this</strong></p><p>- <a href="/a">Other story one</a></p><p>- <a href="/b">Other story two</a></p>`)).toEqual(PROSE);
  });

  it('removes share, subscribe and copyright lines and nested link boxes', () => {
    const tail = `<div><div><p>Share this article</p><p><a href="/f">Facebook</a> <a href="/t">Twitter</a></p></div></div>
      <p>Subscribe to our newsletter for the morning briefing.</p><p>© 2024 Example Media. All rights reserved.</p>`;
    expect(cleaned(`${prose}${tail}`)).toEqual(PROSE);
  });

  it('keeps a last paragraph that merely contains links, and a content list', () => {
    const linked = '<p>The <a href="/r">report</a> is published by <a href="/c">the council</a>.</p>';
    expect(cleaned(`${prose}${linked}`)).toEqual([...PROSE, 'The report is published by the council.']);
    expect(cleaned(`${prose}<ul><li>Route N1 to Eastfield</li><li>Route N2 to Marsh Lane</li></ul>`)).toEqual([...PROSE, 'Route N1 to Eastfield', 'Route N2 to Marsh Lane']);
  });

  it('keeps a last paragraph mostly of links that ends as a sentence in a script of its own, or with a closing guillemet', () => {
    const hindi = '<p><a href="/a">नगर परिषद</a> ने <a href="/b">रात्रि बस सेवा</a> बढ़ाई।</p>';
    expect(cleaned(`${prose}${hindi}`).at(-1)).toBe('नगर परिषद ने रात्रि बस सेवा बढ़ाई।');
    const chinese = '<p><a href="/a">市议会</a>决定<a href="/b">延长夜间公交线路</a>。</p>';
    expect(cleaned(`${prose}${chinese}`).at(-1)).toBe('市议会决定延长夜间公交线路。');
    const french = '<p><a href="/a">Le conseil</a> a dit « <a href="/b">les bus de nuit roulent</a>. »</p>';
    expect(cleaned(`${prose}${french}`).at(-1)).toBe('Le conseil a dit « les bus de nuit roulent. »');
    // Without a sentence's end it is a box of links, whatever the script.
    expect(cleaned(`${prose}<p><a href="/a">नगर परिषद</a> <a href="/b">रात्रि बस सेवा</a> बढ़ाई</p>`)).toEqual(PROSE);
  });

  it("removes the author's bio and name, given the authors", () => {
    const tail = '<p><em>Jane Doe is a reporter for Example News covering transport.</em></p><p>Jane Doe</p>';
    expect(cleaned(`${prose}${tail}`, [], ['Jane Doe'])).toEqual(PROSE);
    expect(cleaned(`${prose}${tail}`)).toHaveLength(5);
  });

  it("removes a longer bio at the end, and its sentences that name the author by first name", () => {
    const bio = `<p>Jane Doe is a reporter for Example News covering transport, cities and the people who keep them moving. ${PROSE[0]}</p><p>Jane holds a degree in urban planning and has written about buses for a decade, from the depot to the council chamber.</p>`;
    // The edges may take at most half of the text: an article three times the bio's length.
    const longer = [...PROSE, ...PROSE.map((p) => p.replace('.', ', said a spokesperson.')), ...PROSE.map((p) => `In short: ${p}`)];
    expect(cleaned(`${longer.map((p) => `<p>${p}</p>`).join('')}${bio}`, [], ['Jane Doe'])).toEqual(longer);
    // A sentence that begins with another Jane, or with the first name as part of a name, stays.
    expect(cleaned(`${prose}<p>Jane Austen wrote about long journeys by coach, and the council quoted her.</p>`, [], ['Jane Doe'])).toHaveLength(4);
  });

  it('keeps a closing list of instructions that happen to start like prompts', () => {
    const steps = '<ul><li>Sign up for a <a href="/h">Hulu account</a> first</li><li>Subscribe to the bundle with the same email</li></ul>';
    expect(cleaned(`${prose}${steps}`)).toEqual([...PROSE, 'Sign up for a Hulu account first', 'Subscribe to the bundle with the same email']);
  });

  it('puts everything back when the rules would eat most of the article', () => {
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/${i}">A long headline of another story number ${i}</a></li>`).join('');
    expect(cleaned(`<p>Short intro.</p><ul>${links}</ul>`)).toHaveLength(13);
  });
});

describe('removeFurniture at the start of the article', () => {
  it('removes the repeated headline, byline, dateline and a breadcrumb trail', () => {
    const head = `<p><a href="/">Home</a> › <a href="/news">News</a> › Night buses</p><h2>Night buses reach the suburbs</h2>
      <p>By <a href="/jane">Jane Doe</a></p><p>Published <time datetime="2024-11-05">5 November 2024</time></p><p>Updated: 10:48, Tue, Nov 19, 2019</p>`;
    expect(cleaned(`${head}${prose}`, ['Night buses reach the suburbs'])).toEqual(PROSE);
  });

  it('steps over a lead picture without removing it', () => {
    const root = parseFragment(`<figure><img src="https://e.org/a.jpg"></figure><p>By Jane Doe</p>${prose}`);
    removeFurniture(root);
    expect(root.querySelector('img')).not.toBeNull();
    expect(paragraphsOf(root)).toEqual(PROSE);
  });

  it('removes a leading byline opened by "by" in another language, and keeps a sentence that opens with the same word', () => {
    expect(cleaned(`<p>Par Jean Dupont</p>${prose}`)).toEqual(PROSE);
    expect(cleaned(`<p>Von Jana Schmidt</p>${prose}`)).toEqual(PROSE);
    expect(cleaned(`<p>Par ailleurs, le conseil a voté.</p>${prose}`)[0]).toBe('Par ailleurs, le conseil a voté.');
    expect(cleaned(`<p>Von Anfang März bis Ende April gilt die neue Regel.</p>${prose}`)[0]).toBe('Von Anfang März bis Ende April gilt die neue Regel.');
  });

  it("removes the header's small print: an editor's or reviewer's credit, a reading time, a bullet between credits", () => {
    const head = '<p>Edited by </p><p> • </p><p>Reviewed by <a href="/r">Sam Roe</a></p><p>Fact checked by Lee Poe</p><p>5 min read</p><p>Reading Time: 8 minutes</p>';
    expect(cleaned(`${head}${prose}`)).toEqual(PROSE);
    expect(cleaned(`<p>Jane Doe | 3 MIN. READ</p>${prose}`)).toEqual(PROSE);
  });

  it('keeps a lead that merely mentions minutes or a review', () => {
    const lead = ['The review took 5 min.', 'Reviewed by the council in March, the plan was approved unanimously on a second reading of the whole bill.'];
    expect(cleaned(`<p>${lead[0]}</p>${prose}`)[0]).toBe(lead[0]);
    expect(cleaned(`<p>${lead[1]}</p>${prose}`)[0]).toBe(lead[1]);
  });

  it('keeps a lead paragraph made mostly of links', () => {
    const lead = '<p><a href="/j">James Van Der Beek</a> has been eliminated from <a href="/d">Dancing with the Stars</a>.</p>';
    expect(cleaned(`${lead}${prose}`)[0]).toBe('James Van Der Beek has been eliminated from Dancing with the Stars.');
  });
});

describe('removeFurniture anywhere', () => {
  it('removes advert labels and "READ MORE:" links between paragraphs', () => {
    const html = `<p>${PROSE[0]}</p><div><span>Advertisement</span></div><p>READ MORE: <a href="/x">Another story about buses</a></p><p>${PROSE[1]}</p><p>${PROSE[2]}</p>`;
    expect(cleaned(html)).toEqual(PROSE);
  });

  it("removes the labels of the page's controls standing as lines of their own, not the same words in a sentence", () => {
    const html = `<p>${PROSE[0]}</p><p>Show Caption</p><div><a href="/x">Read more ›</a></div><p>${PROSE[1]}</p><p>Back to top</p><p>${PROSE[2]}</p>`;
    expect(cleaned(html)).toEqual(PROSE);
    const sentence = '<p>Learn more about the routes on <span>Read more</span> and the council site.</p>';
    expect(cleaned(`${prose}${sentence}`).at(-1)).toBe('Learn more about the routes on Read more and the council site.');
    expect(cleaned(`${prose}<h3>Learn more</h3><p>${PROSE[0]}</p>`)).toContain('Learn more');
  });

  it("removes an empty list's placeholder and the call to fill it, not a sentence that says the same", () => {
    expect(cleaned(`${prose}<p>No comments yet</p><div>Be the first to comment!</div><p>Rate this article:</p>`)).toEqual(PROSE);
    const sentence = '<p>No comments yet from the council, which has promised a reply.</p>';
    expect(cleaned(`${prose}${sentence}`).at(-1)).toBe('No comments yet from the council, which has promised a reply.');
  });

  it("removes a table of contents (a list of links to the page's own sections) and its heading", () => {
    const contents = '<h2>In this article</h2><ul><li><a href="#routes">Routes</a></li><li><a href="#costs">Costs</a></li><li><a href="#next">What comes next</a></li></ul>';
    expect(cleaned(`${contents}${prose}`)).toEqual(PROSE);
    expect(cleaned(`<p>${PROSE[0]}</p><ol><li><a href="#a">Routes</a></li><li><a href="#b">Costs</a></li><li><a href="#c">Next</a></li></ol><p>${PROSE[1]}</p>`)).toEqual([PROSE[0], PROSE[1]]);
  });

  it('removes a table of contents without links (scripts do the jumping): every item says a heading that comes after it', () => {
    const sections = ['Routes', 'Costs', 'What comes next'].map((heading, i) => `<h2>${heading}</h2><p>${PROSE[i]}</p>`).join('');
    const contents = '<ul><li>Routes</li><li>costs</li><li>What  comes next</li></ul>';
    expect(cleaned(`${contents}${sections}`)).toEqual(['Routes', PROSE[0], 'Costs', PROSE[1], 'What comes next', PROSE[2]]);
    // An item that heads nothing, or headings before the list (a summary at the end), and the list stays.
    expect(cleaned(`<ul><li>Routes</li><li>Costs</li><li>Timetables</li></ul>${sections}`)).toContain('Timetables');
    expect(cleaned(`${sections}<ul><li>Routes</li><li>Costs</li><li>What comes next</li></ul>`).filter((line) => line === 'Costs')).toHaveLength(2);
  });

  it("removes a table of contents' heading left without its list, wherever it stands", () => {
    expect(cleaned(`<h3>Table of contents</h3>${prose}`)).toEqual(PROSE);
    expect(cleaned(`<p>${PROSE[0]}</p><p><strong>In this article:</strong></p><p>${PROSE[1]}</p><p>${PROSE[2]}</p>`)).toEqual(PROSE);
  });

  it('removes links drawn as buttons (calls to action), not the sentence around an ordinary link', () => {
    const html = `<p>${PROSE[0]}</p><p><a class="btn btn-primary" href="/quote">Get a quote</a></p><p>${PROSE[1]}</p><div class="wp-block-button"><a class="wp-block-button__link" href="/p">Create free profile</a></div><p>${PROSE[2]}</p>`;
    expect(cleaned(html)).toEqual(PROSE);
    const linked = '<p>Read the <a class="inline-link" href="/r">full report</a> for details.</p>';
    expect(cleaned(`${prose}${linked}`)).toEqual([...PROSE, 'Read the full report for details.']);
  });

  it('keeps a list linking elsewhere, or with words beside its anchors', () => {
    const elsewhere = '<ul><li><a href="#a">Routes</a></li><li><a href="/costs">Costs</a></li><li><a href="#c">Next</a></li></ul>';
    expect(cleaned(`<p>${PROSE[0]}</p>${elsewhere}<p>${PROSE[1]}</p>`)).toHaveLength(5);
    const steps = [1, 2, 3].map((n) => `<li>Step ${n}: check the timetable for your stop and the last bus, as shown in <a href="#t${n}">table ${n}</a></li>`).join('');
    expect(cleaned(`<p>${PROSE[0]}</p><ol>${steps}</ol><p>${PROSE[1]}</p>`)).toHaveLength(5);
  });

  it('removes a sign-up form but not a page that is one big form', () => {
    expect(cleaned(`${prose}<form><p>Get our newsletter</p><input type="email"></form><p>Final words of the article, which matter.</p>`)).toEqual([
      ...PROSE,
      'Final words of the article, which matter.',
    ]);
    expect(cleaned(`<form>${prose}</form>`)).toEqual(PROSE);
  });
});

describe('wrapLooseText', () => {
  it('wraps loose text in containers into paragraphs, splitting at double <br>', () => {
    const root = parseFragment('<div>First para<br><br>Second <b>para</b><br>same para<div><p>Block</p>tail text</div></div>');
    wrapLooseText(root);
    expect(paragraphsOf(root)).toEqual(['First para', 'Second para same para', 'Block', 'tail text']);
    expect(root.querySelectorAll('p')).toHaveLength(4);
  });
});

describe('removeFurniture on a detached body (as Readability returns it)', () => {
  it('applies every rule although the body is in no document', () => {
    const root = parseFragment('').ownerDocument.createElement('div');
    root.innerHTML = `<nav><a href="/">Home</a></nav><p>${PROSE[0]}</p><div><span>Advertisement</span></div><p>READ MORE: <a href="/x">Another story about buses</a></p><p>${PROSE[1]}</p><p>${PROSE[2]}</p>`;
    expect(root.isConnected).toBe(false);
    removeFurniture(root);
    expect(paragraphsOf(root)).toEqual(PROSE);
  });
});

describe('removeFurniture: copies and comment sections', () => {
  it('keeps one copy of content a page lays out twice, but every repeated line of an article', () => {
    const section = `<h2>Costs</h2>${prose}<p>${PROSE[1]} ${PROSE[2]}</p>`;
    expect(cleaned(`<div class="desktop">${section}</div><div class="mobile">${section}</div>`)).toEqual(['Costs', ...PROSE, `${PROSE[1]} ${PROSE[2]}`]);
    // A card laid out twice: its heading and one paragraph, some 150 characters, are a copy all the same.
    const card = `<h3>Universal appeal</h3><p>Raising attendance at a space museum in a small town, with a campaign of posters, radio and school visits that ran all summer long and well into the autumn.</p>`;
    expect(cleaned(`${prose}<div class="wide">${card}</div><div class="narrow">${card}</div>`)).toEqual([...PROSE, 'Universal appeal', 'Raising attendance at a space museum in a small town, with a campaign of posters, radio and school visits that ran all summer long and well into the autumn.']);
    const interview = [1, 2].map((n) => `<h3>Guest ${n}</h3><p>What inspired you to start cooking for other people?</p><p>Guest ${n} answers at length about family dinners.</p>`).join('');
    expect(cleaned(`${prose}${interview}`).filter((line) => line.startsWith('What inspired'))).toHaveLength(2);
  });

  it('removes a comment section however much prose its comments hold, but not an article merely named with comments', () => {
    const comment = (n: number): string =>
      `<li class="comment"><div class="comment-author">Reader ${n}</div><div class="comment-content"><p>Reader ${n} thinks the night buses should have come years ago and says so at great length, with examples from other cities.</p></div></li>`;
    const thread = `<div id="comments" class="comments-wrapper"><ol class="commentlist">${[1, 2, 3, 4, 5].map(comment).join('')}</ol></div>`;
    expect(cleaned(`${prose}${thread}`)).toEqual(PROSE);
    const wrapper = `<div class="post has-comments">${prose}${prose.replace(/council/g, 'mayor')}${[1, 2].map(comment).join('')}</div>`;
    expect(cleaned(wrapper).slice(0, 3)).toEqual(PROSE);
  });
});

describe('removeFurniture: the page chrome', () => {
  const masthead = '<header><h1>Night buses reach the suburbs</h1><p>By Jane Doe</p></header>';
  const item = (n: number): string => `<section><header><h3>Route N${n}</h3></header><p>${PROSE[n % 3]}</p></section>`;

  it('removes the masthead, but keeps the <header>s that head each part of the story', () => {
    expect(cleaned(`${masthead}${[1, 2, 3].map(item).join('')}`)).toEqual(['Route N1', PROSE[1], 'Route N2', PROSE[2], 'Route N3', PROSE[0]]);
  });

  it('removes a <header> that heads a part or two, and every <header> of a thread (the posts\' template)', () => {
    expect(cleaned(`${masthead}${[1, 2].map(item).join('')}`)).toEqual([PROSE[1], PROSE[2]]);
    const root = parseFragment(`${[1, 2, 3].map(item).join('')}`);
    removeFurniture(root, { thread: true });
    expect(paragraphsOf(root)).toEqual([PROSE[1], PROSE[2], PROSE[0]]);
  });
});
