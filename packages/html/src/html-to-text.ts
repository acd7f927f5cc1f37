import { Parser } from 'htmlparser2';
import { withoutStrayEndTags } from './stray-end-tags.js';

/** Elements whose content a reader never sees as text: code, styling, form values, the document's head. */
const NON_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head']);

/**
 * The text a reader sees in a piece of HTML: tags dropped, entities decoded
 * once, script/style (and other non-text elements) dropped with their
 * content. Whitespace is left as it is. The same tokeniser as the
 * sanitiser, so both read markup alike.
 */
export function htmlToText(html: string): string {
  let text = '';
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0 || NON_TEXT_TAGS.has(name)) skipDepth += 1;
      },
      ontext(chunk) {
        if (skipDepth === 0) text += chunk;
      },
      onclosetag() {
        if (skipDepth > 0) skipDepth -= 1;
      },
    },
    { decodeEntities: true },
  );
  parser.write(withoutStrayEndTags(html));
  parser.end();
  return text;
}
