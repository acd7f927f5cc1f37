import { escapeHtml } from './text.js';
import { UNPARSED_SECTION } from './xml-repair.js';

/**
 * Elements whose value is text or HTML and that may hold markup as XML
 * children: Atom's type="xhtml" (and 0.3 mode="xml") constructs, and RSS
 * descriptions whose HTML was pasted in unescaped.
 */
const TEXT_ELEMENTS = ['title', 'subtitle', 'tagline', 'summary', 'content', 'description', 'content:encoded', 'media:description', 'itunes:summary'];

const ATTRIBUTES = String.raw`(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*`;
const TEXT_ELEMENT_OPEN = new RegExp(`${UNPARSED_SECTION.source}|<(${TEXT_ELEMENTS.join('|')})(${ATTRIBUTES})\\s*(/?)>`, 'g');
const RAW_ELEMENT = /<[A-Za-z]/;

/**
 * Carries markup held as child elements of a text construct through the XML
 * parser as one CDATA string. xml2js (which rss-parser uses) files child
 * elements by name and loses their order relative to the text between them:
 * `<p>Hi <b>there</b> friend</p>` would come out as "Hi  friend" plus a
 * separate "there". As CDATA the markup survives verbatim, to be sanitised
 * as HTML later. Elements without raw child elements are left alone.
 */
export function wrapInlineMarkup(xml: string): string {
  let out = '';
  let last = 0;
  TEXT_ELEMENT_OPEN.lastIndex = 0;
  for (let match = TEXT_ELEMENT_OPEN.exec(xml); match !== null; match = TEXT_ELEMENT_OPEN.exec(xml)) {
    const [openTag, name, , selfClosing] = match;
    if (name === undefined || selfClosing === '/') continue;
    const bodyStart = match.index + openTag.length;
    const bodyEnd = findClose(xml, name, bodyStart);
    if (bodyEnd === null) continue;
    const body = xml.slice(bodyStart, bodyEnd);
    if (!hasRawElement(body)) continue;
    out += xml.slice(last, bodyStart) + toCdata(body);
    last = bodyEnd;
    TEXT_ELEMENT_OPEN.lastIndex = bodyEnd;
  }
  return out + xml.slice(last);
}

/** Index of the `</name>` closing the element whose body starts at `from`, skipping CDATA, comments and nested same-name elements. */
function findClose(xml: string, name: string, from: number): number | null {
  const tag = new RegExp(`${UNPARSED_SECTION.source}|<(/?)${name.replace(':', '\\:')}(?=[\\s/>])${ATTRIBUTES}\\s*(/?)>`, 'g');
  tag.lastIndex = from;
  let depth = 0;
  for (let match = tag.exec(xml); match !== null; match = tag.exec(xml)) {
    const [, closing, selfClosing] = match;
    if (closing === undefined) continue; // an unparsed section
    if (closing === '/') {
      if (depth === 0) return match.index;
      depth -= 1;
    } else if (selfClosing !== '/') {
      depth += 1;
    }
  }
  return null;
}

/** True when the body holds an element outside its CDATA sections and comments. */
function hasRawElement(body: string): boolean {
  return RAW_ELEMENT.test(body.replace(UNPARSED_SECTION, ''));
}

/**
 * The body as one CDATA section holding its markup. CDATA sections inside it
 * were character data, so their text is escaped; comments are dropped; `]]>`
 * is split so it cannot end the section early.
 */
function toCdata(body: string): string {
  const markup = body.replace(UNPARSED_SECTION, (section) => {
    if (section.startsWith('<![CDATA[')) return escapeHtml(section.slice(9).replace(/\]\]>$/, ''));
    return section.startsWith('<!--') ? '' : section;
  });
  return `<![CDATA[${markup.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
