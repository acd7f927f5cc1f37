import { collapseWhitespace } from '../strings.js';
import { HEADING_TAGS } from './dom-measure.js';

/** A question's length: a few words to a long sentence, not a paragraph. */
const MIN_QUESTION_CHARS = 10;
const MAX_QUESTION_CHARS = 200;
/** Its last character: a question mark, Latin, full-width, Arabic or Greek. */
const QUESTION_END = /[?？؟\u037e]$/u;

/** Whether a line (whitespace collapsed) is one question: a few words to a long sentence, ending with a question mark. */
export function isQuestion(text: string): boolean {
  return text.length >= MIN_QUESTION_CHARS && text.length <= MAX_QUESTION_CHARS && QUESTION_END.test(text);
}

const HEADINGS = [...HEADING_TAGS].join(', ');

/**
 * An FAQ's accordion titles each question with a <button> that opens its
 * answer; Readability drops every <button> (a control), so the answers
 * stay and lose their questions. A button whose whole text is one question
 * is that heading: its text is put in its place, as an <h3> of its own
 * (or as plain text when the button already sits in a heading). Buttons
 * that say anything else ("Subscribe", "Show more") stay controls.
 */
export function keepQuestionButtons(root: Element): void {
  for (const button of [...root.querySelectorAll('button, [role="button" i]')]) {
    if (!root.contains(button)) continue;
    const text = collapseWhitespace(button.textContent ?? '');
    if (!isQuestion(text)) continue;
    const document = button.ownerDocument;
    if (button.parentElement?.closest(HEADINGS)) {
      button.replaceWith(document.createTextNode(text));
    } else {
      const heading = document.createElement('h3');
      heading.textContent = text;
      button.replaceWith(heading);
    }
  }
}
