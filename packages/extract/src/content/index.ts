/**
 * From a body element (Readability's pick, or a feed item's content) to the
 * record's sanitised HTML and text paragraphs.
 */
import { sanitiseArticleHtml } from '../sanitise.js';
import { finishArticleBody, type ArticleBody } from '../text.js';
import { wrapLooseText } from './blocks.js';
import { markCaptions } from './captions.js';
import { removeFurniture, type ArticleHints } from './furniture.js';
import { removeRepeatedLines, removeRepeatedPassages } from './thread.js';

export type { ArticleHints } from './furniture.js';

/**
 * Cleans `root` in place (loose text wrapped into paragraphs, furniture
 * removed), then sanitises it with links resolved against `baseUrl`.
 * `hints` (the headline's and authors' known spellings) let a repeated
 * headline at the top and an author's bio at the end go too; for a thread
 * (`hints.thread`) the lines its post template repeats and the passages its
 * replies quote go, and its comments stay.
 */
export function buildArticleBody(root: Element, baseUrl: string, hints: ArticleHints): ArticleBody {
  markCaptions(root);
  wrapLooseText(root);
  // A thread's posts repeat their template's lines (ranks, counters, buttons); measured before anything else goes.
  if (hints.thread) removeRepeatedLines(root);
  removeFurniture(root, hints);
  // ...and replies quote the posts they answer: a passage met again is said once.
  if (hints.thread) removeRepeatedPassages(root);
  return finishArticleBody(sanitiseArticleHtml(root.innerHTML, baseUrl));
}
