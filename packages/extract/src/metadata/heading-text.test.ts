import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { headingText } from './heading-text.js';

function h1Of(inner: string): Element {
  const { document } = parsePage(`<html><body><h1>${inner}</h1></body></html>`, 'https://example.org/page');
  return document.querySelector('h1')!;
}

describe('headingText', () => {
  it('reads a line break or a block as a space, an inline element as glue', () => {
    expect(headingText(h1Of('News Product<br>Management Certification'))).toBe('News Product Management Certification');
    expect(headingText(h1Of('The Best Notion Alternatives<div>Top Tools</div>'))).toBe('The Best Notion Alternatives Top Tools');
    expect(headingText(h1Of('Cr<span>ate</span> tokio'))).toBe('Crate tokio');
  });

  it('leaves out what is hidden, controls and permalink marks', () => {
    expect(headingText(h1Of('Crate <span>tokio</span>&nbsp;<button>Copy item path</button>'))).toBe('Crate tokio');
    expect(headingText(h1Of('IAM overview<span hidden>Stay organized</span>'))).toBe('IAM overview');
    expect(headingText(h1Of('Fitness Equipment<span aria-hidden="true">(102+)</span>'))).toBe('Fitness Equipment');
    expect(headingText(h1Of('Middleware<a class="headerlink" href="#module">¶</a>'))).toBe('Middleware');
  });

  it('knows a permalink mark garbled by a page encoded twice ("Â¶"), and keeps a link that spells a word', () => {
    expect(headingText(h1Of('itertools — Functions<a class="headerlink" href="#module-itertools">Â¶</a>'))).toBe('itertools — Functions');
    expect(headingText(h1Of('Café <a href="#menu">Ã‰té</a>'))).toBe('Café Ã‰té');
  });

  it('reads what aria-hidden hides when nothing else is left', () => {
    expect(headingText(h1Of('<span aria-hidden="true">Fitness Equipment</span>'))).toBe('Fitness Equipment');
  });

  it('is null for a heading without text', () => {
    expect(headingText(h1Of('<button>Menu</button>'))).toBeNull();
  });
});
