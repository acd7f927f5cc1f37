import { proseLength } from '../prose-length.js';
import { isQuestion } from './questions.js';
import type { ArticleBody } from '../text.js';
import { linkDensity, nextElementInOrder, SECTION_HEADING_TAGS, SECTION_HEADINGS, tagOf, textOf } from './dom-measure.js';

/**
 * Headings of a page's questions-and-answers section, in the languages the
 * phrase lists cover: "Frequently Asked Questions", "FAQs about electric
 * cars", "Häufig gestellte Fragen", "Preguntas frecuentes", "よくある質問".
 * The whole heading must be one, a topic after "about", "on" or a colon
 * aside, or a topic and "FAQs" ("Event Planning FAQs").
 */
const FAQ_HEADINGS = [
  '(?:frequently asked questions|faqs?|common questions|questions (?:and|&) answers|q ?& ?a)',
  '(?:häufig gestellte fragen|häufige fragen|fragen und antworten)',
  '(?:foire aux questions|questions fréquentes|questions les plus fréquentes)',
  '(?:preguntas frecuentes|perguntas frequentes|domande frequenti)',
  '(?:veelgestelde vragen|vaak gestelde vragen|często zadawane pytania|vanliga frågor|ofte stillede spørgsmål|ofte stilte spørsmål)',
  '(?:часто задаваемые вопросы|вопросы и ответы|sıkça sorulan sorular|pertanyaan yang sering diajukan|câu hỏi thường gặp)',
  '(?:常见问题(?:解答)?|常見問題|よくある(?:ご)?質問|자주\\s?묻는\\s?질문)',
];
const FAQ_HEADING = new RegExp(
  `^(?:${FAQ_HEADINGS.join('|')})(?:\\s*(?:[:：(–—-]|\\b(?:about|on|for|zu|sur|sobre|su|over)\\b).{0,100})?$|^[^?.!]{1,60}\\s(?:faqs?|frequently asked questions)$`,
  'iu',
);

/** Elements that title one question of a section. */
const QUESTION_TAGS = `${SECTION_HEADINGS}, summary, dt, button, strong, b, p`;
/** A section asks at least this many questions... */
const MIN_QUESTIONS = 2;
/** ...and answers them in at least this much prose (Latin-equivalent characters, prose-length.ts) beside the questions... */
const MIN_ANSWER_CHARS = 150;
/** ...with no more of its text in links than this (a menu of help pages asks questions and answers none). */
const MAX_LINK_DENSITY = 0.4;
/** Levels climbed from the heading looking for its questions: a section, its wrapper, its wrapper's. */
const MAX_CLIMB = 4;

/**
 * The page's questions-and-answers section that comes after its article
 * and outside it: a block headed "Frequently Asked Questions" (or the like)
 * that asks at least two questions and answers them in prose, as a guide,
 * a review or an explainer closes. Sites put it in a box of its own after
 * the article's container, where Readability, taking one container, leaves
 * it; its answers are the article's text as much as its sections are.
 * `article` is the page's prose block (content/prose-block.ts); null when
 * there is none, no FAQ after it, or the heading sits in a menu, a box of
 * links or the article itself (then Readability's pick decides).
 */
export function faqSectionAfter(body: Element, article: Element): Element | null {
  // After the block in document order, and each box looked at once: a page of many such headings costs one walk.
  const examined = new Set<Element>();
  for (let element = nextElementInOrder(article, body, true); element; element = nextElementInOrder(element, body, false)) {
    if (!SECTION_HEADING_TAGS.has(tagOf(element)) || !FAQ_HEADING.test(textOf(element))) continue;
    const section = sectionOf(element, article, examined);
    if (section) return section;
  }
  return null;
}

/**
 * The smallest box around `heading` that holds its questions, when it answers them and holds nothing of the article;
 * null at a box another heading's search has looked at already (it found nothing there).
 */
function sectionOf(heading: Element, article: Element, examined: Set<Element>): Element | null {
  let box = heading.parentElement;
  for (let level = 0; box && level < MAX_CLIMB; level++, box = box.parentElement) {
    if (examined.has(box)) return null;
    examined.add(box);
    if (tagOf(box) === 'body' || box.contains(article) || box.querySelector('h1')) return null;
    const questions = questionsIn(box);
    if (questions.length < MIN_QUESTIONS) continue;
    const text = textOf(box);
    const asked = questions.reduce((sum, question) => sum + proseLength(question), 0) + proseLength(textOf(heading));
    return proseLength(text) - asked >= MIN_ANSWER_CHARS && linkDensity(box, text.length) <= MAX_LINK_DENSITY ? box : null;
  }
  return null;
}

/** The questions a box titles: short elements whose whole text ends with a question mark, none inside another. */
function questionsIn(box: Element): string[] {
  const questions: string[] = [];
  let last: Element | null = null;
  for (const element of box.querySelectorAll(QUESTION_TAGS)) {
    if (last?.contains(element)) continue;
    const text = textOf(element);
    if (!isQuestion(text)) continue;
    questions.push(text);
    last = element;
  }
  return questions;
}

/**
 * The body with the FAQ section's cleaned text after it, unless the body
 * already asks one of the section's questions (Readability's pick or the
 * prose block reached it after all) or cleaning left the section no
 * question and answer.
 */
export function withFaqSection(body: ArticleBody, faq: ArticleBody): ArticleBody {
  const asked = faq.paragraphs.filter(isQuestion);
  if (asked.length === 0 || faq.paragraphs.length <= asked.length) return body;
  const held = new Set(body.paragraphs);
  if (asked.some((question) => held.has(question))) return body;
  return { html: `${body.html}\n${faq.html}`, paragraphs: [...body.paragraphs, ...faq.paragraphs] };
}
