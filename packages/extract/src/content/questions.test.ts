import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { paragraphsOf } from '../text.js';
import { keepQuestionButtons } from './questions.js';

describe('keepQuestionButtons', () => {
  it("turns an accordion's question buttons into headings, and leaves other buttons alone", () => {
    const root = parseFragment(
      '<div class="faq"><button class="accordion-header" aria-expanded="false"><span>How long does the course take?</span></button>' +
        '<div class="panel"><p>Most students finish in eight weeks.</p></div>' +
        '<h3><button>Can I pay in instalments?</button></h3><div class="panel"><p>Yes, in three.</p></div>' +
        '<button>Show more</button><button>Why?</button></div>',
    );
    keepQuestionButtons(root);
    expect([...root.querySelectorAll('h3')].map((heading) => heading.textContent)).toEqual(['How long does the course take?', 'Can I pay in instalments?']);
    expect(root.querySelectorAll('button')).toHaveLength(2);
    expect(paragraphsOf(root)).toContain('How long does the course take?');
  });
});

describe('keepQuestionButtons, ARIA buttons', () => {
  it('keeps a question titled by an element with role="button" (an accordion trigger around a heading)', () => {
    const root = parseFragment(
      '<div class="faq"><div role="button" tabindex="0" aria-expanded="false"><span class="icon"></span><h3>Is the course accredited?</h3></div>' +
        '<div class="panel"><p>Yes, by the national board.</p></div><div role="button">Next</div></div>',
    );
    keepQuestionButtons(root);
    expect(root.querySelectorAll('[role="button"]')).toHaveLength(1);
    expect(paragraphsOf(root)).toEqual(['Is the course accredited?', 'Yes, by the national board.', 'Next']);
  });

  it('reads the role without regard to case, as ARIA roles are written in the wild (role="Button")', () => {
    const root = parseFragment('<div class="faq"><div role="Button" tabindex="0"><h3>Is the course accredited?</h3></div><div class="panel"><p>Yes.</p></div></div>');
    keepQuestionButtons(root);
    expect(root.querySelectorAll('[role]')).toHaveLength(0);
    expect(paragraphsOf(root)).toEqual(['Is the course accredited?', 'Yes.']);
  });
});
