import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { paragraphsOf } from '../text.js';
import { removeRepeatedLines, removeRepeatedPassages, repeatedPosts, threadBox } from './thread.js';

const said = (n: number): string => `Reply ${n}: the rattle stopped once I tightened the rear bracket, and it has stayed quiet for a month now.`;

describe('repeatedPosts', () => {
  it('finds posts built from one template, whatever their class names say, and not a menu of links', () => {
    const posts = [1, 2, 3, 4].map((n) => `<div class="entry-${n * 17}"><span>user${n}</span><p>${said(n)}</p></div>`).join('');
    const menu = [1, 2, 3, 4, 5].map((n) => `<li class="item"><a href="/forum/${n}">Board number ${n} with a long name</a></li>`).join('');
    const root = parseFragment(`<ul class="menu">${menu}</ul><div class="list">${posts}</div>`);
    const found = repeatedPosts(root);
    expect(found.size).toBe(4);
    expect([...found.keys()].every((post) => post.parentElement?.getAttribute('class') === 'list')).toBe(true);
  });

  it('finds nothing in a page of one text', () => {
    const root = parseFragment(`<article><p>${said(1)}</p><p>${said(2)}</p></article>`);
    expect(repeatedPosts(root).size).toBe(0);
  });
});

describe('threadBox', () => {
  const page = (): Element =>
    parseFragment(`<div class="list">${[1, 2, 3, 4, 5].map((n) => `<div${n === 5 ? ' id="last-post"' : ''}><span>user${n}</span><p>${said(n)}</p></div>`).join('')}</div>`);

  it('is not the one box a page names a post: the posts found by their shape win', () => {
    const root = page();
    const last = root.querySelector('#last-post');
    const named = new Map(last ? [[last, 120]] : []);
    expect(threadBox(root, named, true)?.getAttribute('class')).toBe('list');
    expect(threadBox(root, named, false)).toBeNull();
  });
});

describe('removeRepeatedLines', () => {
  const post = (n: number, extra = ''): string =>
    `<div class="post"><div class="who"><a href="/members/user${n}.${n}/">user${n}</a><div>Senior Member</div><dl><dt>Posts:</dt><dd>${n * 311}</dd></dl><p>Joined: ${n} Mar 2019</p></div><p>${said(n)}</p>${extra}<p>Reply with quote</p></div>`;

  it("removes the lines every post's template repeats and keeps the posters' names and words", () => {
    const root = parseFragment(`${post(1)}${post(2, '<p>Thanks!</p>')}${post(3)}`);
    removeRepeatedLines(root);
    expect(paragraphsOf(root)).toEqual(['user1', said(1), 'user2', said(2), 'Thanks!', 'user3', said(3)]);
  });

  it('keeps a line that comes back only twice', () => {
    const root = parseFragment(`${post(1)}${post(2)}`);
    removeRepeatedLines(root);
    expect(paragraphsOf(root)).toContain('Senior Member');
  });

  it("keeps a post's short line that the replies quote, and drops the quote's own template line", () => {
    const quote = '<blockquote><div>user1 said:</div><p>Hello all,</p><div>Click to expand...</div></blockquote>';
    const root = parseFragment(`<div><p>Hello all,</p><p>${said(1)}</p></div>${[2, 3, 4].map((n) => `<div>${quote}<p>${said(n)}</p></div>`).join('')}`);
    removeRepeatedLines(root);
    const lines = paragraphsOf(root);
    expect(lines.filter((line) => line === 'Hello all,')).toHaveLength(4);
    expect(lines).not.toContain('Click to expand...');
  });
});

describe('removeRepeatedPassages', () => {
  it("keeps a post and drops the copies of its passages that the replies quote, not a reply's short thanks", () => {
    const root = parseFragment(`<div><p>${said(1)}</p><p>Has anyone tried the front one?</p></div>
      <div><blockquote><p>${said(1)}</p></blockquote><p>Thanks, that worked for me.</p></div>
      <div><div class="quote">${said(1)}</div><p>${said(3)}</p><p>Thanks, that worked for me.</p></div>`);
    removeRepeatedPassages(root);
    expect(paragraphsOf(root)).toEqual([said(1), 'Has anyone tried the front one?', 'Thanks, that worked for me.', said(3), 'Thanks, that worked for me.']);
  });
});

describe('removeRepeatedLines: a template label\'s values', () => {
  const post = (n: number, place: string, long = ''): string =>
    `<div class="post"><dl><dt>Location</dt><dd>${place}</dd>${long}</dl><p>${said(n)}</p></div>`;

  it('removes the values a repeated <dt> labels with it, however different they are, but not a long one', () => {
    const long = '<dd>A long note the poster wrote under their location about the bus lines near their home.</dd>';
    const root = parseFragment(`${post(1, 'Miami, FL')}${post(2, 'Land of the Finns')}${post(3, 'Seattle', long)}`);
    removeRepeatedLines(root);
    const text = paragraphsOf(root).join('\n');
    expect(text).not.toMatch(/Location|Miami|Finns|Seattle/);
    expect(text).toContain('A long note the poster wrote');
    expect(text).toContain(said(3));
  });
});
