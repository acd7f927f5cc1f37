import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.js';

const reply = (n: number): string =>
  `Reply ${n}: I had the same rattle on mine, and tightening the rear bracket by a quarter turn fixed it for good, no parts needed at all.`;

/** A thread whose first post sits apart from the box of replies, as forum software lays it out. */
function thread(replies: number): string {
  const posts = Array.from({ length: replies }, (_, i) => `<div class="message"><div class="author">user${i}</div><div class="message-body"><p>${reply(i + 1)}</p></div></div>`).join('');
  return `<html><head><title>Rattle from the tailgate</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Rattle from the tailgate"}</script></head>
<body><header><nav><a href="/">Forums</a></nav></header><div class="thread"><h1>Rattle from the tailgate</h1>
<div class="first"><div class="message"><div class="message-body"><p>Since last week my tailgate rattles over every bump. Has anyone found the cause?</p></div></div></div>
<div class="replies">${posts}</div></div><footer>Forum rules</footer></body></html>`;
}

describe('a forum thread', () => {
  it('is read whole: the first post and every reply', () => {
    const result = extractArticle(thread(8), { url: 'https://forum.example.net/threads/rattle-from-the-tailgate.123/' });
    expect(result.pageType).toBe('forum');
    expect(result.text).toContain('Has anyone found the cause?');
    for (let n = 1; n <= 8; n += 1) expect(result.text).toContain(reply(n));
    expect(result.text).not.toContain('Forum rules');
  });

  it('finds the posts by their shape when no class names them, even when one box alone is named a post', () => {
    const posts = Array.from({ length: 6 }, (_, i) => `<div${i === 5 ? ' id="last-post"' : ''}><div><span>user${i}</span></div><div><p>${reply(i + 1)}</p>${i === 5 ? `<p>${reply(7)}</p><p>${reply(8)}</p>` : ''}</div></div>`).join('');
    const html = `<html><head><title>Rattle from the tailgate</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Rattle from the tailgate"}</script></head>
<body><div class="thread"><h1>Rattle from the tailgate</h1><div class="list">${posts}</div></div><footer>Forum rules</footer></body></html>`;
    const result = extractArticle(html, { url: 'https://forum.example.net/threads/rattle-from-the-tailgate.123/' });
    expect(result.pageType).toBe('forum');
    for (let n = 1; n <= 6; n += 1) expect(result.text).toContain(reply(n));
  });

  it("keeps replies laid out as comments, each wrapped in a form for its buttons, and drops each post's template lines", () => {
    const comments = Array.from({ length: 5 }, (_, i) =>
      `<div class="comment"><p class="tagline">user${i} ${i * 7 + 3} points</p><form class="usertext"><input type="hidden" name="id" value="${i}"><div class="md"><p>${reply(i + 1)}</p></div></form><ul class="buttons"><li>permalink</li><li>save</li><li>report</li></ul></div>`,
    ).join('');
    const html = `<html><head><title>Rattle from the tailgate</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Rattle from the tailgate"}</script></head>
<body><div class="content"><div class="link"><h1>Rattle from the tailgate</h1><p>Since last week my tailgate rattles over every bump. Has anyone found the cause?</p></div>
<div class="commentarea"><div class="comments">${comments}</div></div></div></body></html>`;
    const result = extractArticle(html, { url: 'https://forum.example.net/r/cars/comments/abc123/rattle_from_the_tailgate/' });
    expect(result.pageType).toBe('forum');
    for (let n = 1; n <= 5; n += 1) expect(result.text).toContain(reply(n));
    expect(result.text).not.toContain('permalink');
  });
});
