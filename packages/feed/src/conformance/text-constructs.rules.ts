import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { atom03, atom1, base64, type ConformanceRule } from './conformance-rule.js';

/**
 * Atom text constructs (RFC 4287 section 3.1; Atom 0.3 section 3.1 "Content
 * constructs") in every form, in every element that is one, at feed and
 * entry level. Each form is one row below, and one rule per element it can
 * appear in: titles and subtitles come out as plain text, summaries and
 * content as sanitised HTML, from the same reading of the construct.
 */

/** One form of a text construct: its attributes, its XML content, and what it means as plain text and as HTML. */
interface Form {
  name: string;
  attributes: string;
  xml: string;
  text: string | null;
  html: string | null;
}

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

const ATOM1_FORMS: Form[] = [
  { name: 'no type: text, escaped brackets are characters', attributes: '', xml: 'Use &lt;div&gt; &amp; more', text: 'Use <div> & more', html: 'Use &lt;div&gt; &amp; more' },
  { name: 'type="text": literal, no tags', attributes: ' type="text"', xml: 'Use &lt;div&gt; &amp; more', text: 'Use <div> & more', html: 'Use &lt;div&gt; &amp; more' },
  { name: 'type="text": an escaped entity is text, not decoded again', attributes: ' type="text"', xml: 'AT&amp;amp;T', text: 'AT&amp;T', html: 'AT&amp;amp;T' },
  { name: 'type="text" in CDATA', attributes: ' type="text"', xml: '<![CDATA[1 < 2 & <b>]]>', text: '1 < 2 & <b>', html: '1 &lt; 2 &amp; &lt;b&gt;' },
  { name: 'type="html": escaped markup is markup', attributes: ' type="html"', xml: '&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co', text: 'Bold & co', html: '<b>Bold</b> &amp; co' },
  { name: 'type="html" in CDATA', attributes: ' type="html"', xml: '<![CDATA[<i>It</i> &amp; that]]>', text: 'It & that', html: '<i>It</i> &amp; that' },
  { name: 'type="html": doubly escaped markup stays escaped text', attributes: ' type="html"', xml: '&amp;lt;blink&amp;gt;kept', text: '<blink>kept', html: '&lt;blink&gt;kept' },
  { name: 'type="html": a doubly escaped entity is decoded once', attributes: ' type="html"', xml: 'Tom &amp;amp;amp; Jerry', text: 'Tom &amp; Jerry', html: 'Tom &amp;amp; Jerry' },
  { name: 'type="html": numeric references', attributes: ' type="html"', xml: 'caf&amp;#233; &amp;#x2014; bar', text: 'café — bar', html: 'café — bar' },
  { name: 'type="html": script dropped with its content', attributes: ' type="html"', xml: 'safe&lt;script&gt;alert(1)&lt;/script&gt;', text: 'safe', html: 'safe' },
  { name: 'type="HTML" (type read case-insensitively)', attributes: ' type="HTML"', xml: '&lt;em&gt;E&lt;/em&gt;', text: 'E', html: '<em>E</em>' },
  { name: 'type="xhtml": the wrapping div is dropped, inner markup kept', attributes: ' type="xhtml"', xml: `<div ${XHTML}><b>Bold</b> &amp; co</div>`, text: 'Bold & co', html: '<b>Bold</b> &amp; co' },
  { name: 'type="xhtml": escaped markup inside is text', attributes: ' type="xhtml"', xml: `<div ${XHTML}>&lt;blink&gt; kept</div>`, text: '<blink> kept', html: '&lt;blink&gt; kept' },
  { name: 'type="xhtml" with a namespace prefix', attributes: ' type="xhtml"', xml: '<h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:i>Lean</h:i> text</h:div>', text: 'Lean text', html: '<i>Lean</i> text' },
  { name: 'type="xhtml": nested divs keep all but the wrapper', attributes: ' type="xhtml"', xml: `<div ${XHTML}><div>inner</div></div>`, text: 'inner', html: '<div>inner</div>' },
  { name: 'type="xhtml": handlers inside are sanitised away', attributes: ' type="xhtml"', xml: `<div ${XHTML}><p onclick="x()">Click</p></div>`, text: 'Click', html: '<p>Click</p>' },
  // RFC 4287 section 3.1.1.3: the content is a single XHTML div, which is not part of it. Anything else is content, div and all.
  { name: 'type="xhtml": whitespace, a comment and a processing instruction beside the div leave it the wrapper', attributes: ' type="xhtml"', xml: `\n  <!-- c --> <div ${XHTML}><b>Bold</b></div> <?pi x?>\n`, text: 'Bold', html: '<b>Bold</b>' },
  { name: 'type="xhtml": text beside the div makes the div content', attributes: ' type="xhtml"', xml: `Lead <div ${XHTML}><b>Bold</b></div>`, text: 'Lead Bold', html: 'Lead <div><b>Bold</b></div>' },
  { name: 'type="xhtml": a no-break space beside the div is text, not XML whitespace', attributes: ' type="xhtml"', xml: `&#160;<div ${XHTML}><b>Bold</b></div>`, text: 'Bold', html: '<div><b>Bold</b></div>' },
  { name: 'type="xhtml": two divs are content, neither a wrapper', attributes: ' type="xhtml"', xml: `<div ${XHTML}>One</div><div ${XHTML}>Two</div>`, text: 'One Two', html: '<div>One</div><div>Two</div>' },
  { name: 'type="xhtml": a div in no XHTML namespace is content', attributes: ' type="xhtml"', xml: '<div><b>Bold</b></div>', text: 'Bold', html: '<div><b>Bold</b></div>' },
  { name: 'type="xhtml": a div in another namespace is content, its prefix kept', attributes: ' type="xhtml"', xml: '<o:div xmlns:o="urn:example:other"><o:b>Bold</o:b></o:div>', text: 'Bold', html: 'Bold' },
  { name: 'type="xhtml": markup in CDATA is text, with no div element to drop', attributes: ' type="xhtml"', xml: '<![CDATA[<div><b>Bold</b></div>]]>', text: 'Bold', html: '<div><b>Bold</b></div>' },
  { name: 'type="xhtml": the wrapper named in capitals, as any name is read', attributes: ' type="xhtml"', xml: `<DIV ${XHTML}><b>Bold</b></DIV>`, text: 'Bold', html: '<b>Bold</b>' },
  { name: 'type="xhtml": a wrapper whose end tag is missing', attributes: ' type="xhtml"', xml: `<div ${XHTML}><b>Bold</b>`, text: 'Bold', html: '<b>Bold</b>' },
  { name: 'type="xhtml": an empty wrapper: absent', attributes: ' type="xhtml"', xml: `<div ${XHTML}/>`, text: null, html: null },
  { name: 'whitespace: trimmed and collapsed in text, trimmed in HTML', attributes: ' type="text"', xml: '\n   spaced\n   out  ', text: 'spaced out', html: 'spaced\n   out' },
  { name: 'empty construct: absent', attributes: ' type="html"', xml: '  ', text: null, html: null },
];

/** Forms only content takes (RFC 4287 section 4.1.3: a MIME type). */
const ATOM1_CONTENT_FORMS: Form[] = [
  { name: 'type="text/html": HTML', attributes: ' type="text/html"', xml: '&lt;p&gt;Para&lt;/p&gt;', text: 'Para', html: '<p>Para</p>' },
  { name: 'type="text/plain": text', attributes: ' type="text/plain"', xml: '&lt;p&gt; is a tag', text: '<p> is a tag', html: '&lt;p&gt; is a tag' },
  { name: 'type="application/xhtml+xml": XHTML', attributes: ' type="application/xhtml+xml"', xml: `<div ${XHTML}><p>X</p></div>`, text: 'X', html: '<p>X</p>' },
  { name: 'type="text/html; charset=UTF-8": HTML, the parameter ignored', attributes: ' type="text/html; charset=UTF-8"', xml: '&lt;p&gt;Para&lt;/p&gt;', text: 'Para', html: '<p>Para</p>' },
  { name: 'type="application/xhtml+xml; charset=utf-8": XHTML, the parameter ignored', attributes: ' type="application/xhtml+xml; charset=utf-8"', xml: `<div ${XHTML}><p>X</p></div>`, text: 'X', html: '<p>X</p>' },
  { name: 'type="text/plain; charset=utf-8": text, the parameter ignored', attributes: ' type="text/plain; charset=utf-8"', xml: '&lt;p&gt; is a tag', text: '<p> is a tag', html: '&lt;p&gt; is a tag' },
];

const ATOM03_FORMS: Form[] = [
  { name: 'default (text/plain, mode xml): text', attributes: '', xml: 'Use &lt;div&gt;', text: 'Use <div>', html: 'Use &lt;div&gt;' },
  { name: 'type="text/plain" mode="escaped": text', attributes: ' type="text/plain" mode="escaped"', xml: 'a &amp;lt; b', text: 'a &lt; b', html: 'a &amp;lt; b' },
  { name: 'type="text/html" mode="escaped": markup', attributes: ' type="text/html" mode="escaped"', xml: '&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co', text: 'Bold & co', html: '<b>Bold</b> &amp; co' },
  { name: 'type="text/html" mode="escaped" in CDATA', attributes: ' type="text/html" mode="escaped"', xml: '<![CDATA[<i>It</i>]]>', text: 'It', html: '<i>It</i>' },
  { name: 'type="text/html" mode="base64": decoded, then markup', attributes: ' type="text/html" mode="base64"', xml: base64('<b>Bold</b> &amp; co'), text: 'Bold & co', html: '<b>Bold</b> &amp; co' },
  { name: 'type="text/plain" mode="base64": decoded text', attributes: ' type="text/plain" mode="base64"', xml: base64('1 < 2 & 3 — ok'), text: '1 < 2 & 3 — ok', html: '1 &lt; 2 &amp; 3 — ok' },
  { name: 'mode="base64" with line breaks in the base64', attributes: ' type="text/html" mode="base64"', xml: base64('<p>Wrapped text here</p>').replace(/(.{8})/g, '$1\n'), text: 'Wrapped text here', html: '<p>Wrapped text here</p>' },
  { name: 'type="application/xhtml+xml" mode="xml": the div is dropped', attributes: ' type="application/xhtml+xml" mode="xml"', xml: `<div ${XHTML}><b>Bold</b></div>`, text: 'Bold', html: '<b>Bold</b>' },
  { name: 'type="text/html" mode="xml": inline markup', attributes: ' type="text/html" mode="xml"', xml: `<b ${XHTML}>Bold</b> tail`, text: 'Bold tail', html: '<b>Bold</b> tail' },
  { name: 'mode="ESCAPED" (read case-insensitively)', attributes: ' type="text/html" mode="ESCAPED"', xml: '&lt;em&gt;E&lt;/em&gt;', text: 'E', html: '<em>E</em>' },
];

type Level = 'feed' | 'entry';
/** Where each construct sits in a document, and which output field it fills (plain text or HTML). */
interface Slot {
  element: string;
  level: Level;
  field: 'title' | 'description' | 'summary' | 'contentHtml';
}

const ATOM1_SLOTS: Slot[] = [
  { element: 'title', level: 'feed', field: 'title' },
  { element: 'subtitle', level: 'feed', field: 'description' },
  { element: 'title', level: 'entry', field: 'title' },
  { element: 'summary', level: 'entry', field: 'summary' },
  { element: 'content', level: 'entry', field: 'contentHtml' },
];
// Atom 0.3 called the subtitle "tagline".
const ATOM03_SLOTS: Slot[] = ATOM1_SLOTS.map((slot) => (slot.element === 'subtitle' ? { ...slot, element: 'tagline' } : slot));

function ruleFor(version: 'atom1' | 'atom03', slot: Slot, form: Form): ConformanceRule {
  const element = `<${slot.element}${form.attributes}>${form.xml}</${slot.element}>`;
  const build = version === 'atom1' ? atom1 : atom03;
  // An entry title is given whenever the construct is not it, so that the entry is never empty.
  const entryTitle = slot.level === 'entry' && slot.element === 'title' ? '' : '<title>t</title>';
  const document = slot.level === 'feed' ? build(entryTitle, element) : build(`${entryTitle}${element}`);
  const plain = slot.field === 'title' || slot.field === 'description';
  const expected = plain ? form.text : form.html;
  const rule = `${version === 'atom1' ? 'Atom 1.0' : 'Atom 0.3'} ${slot.level} ${slot.element}, ${form.name}`;
  if (slot.level === 'feed') return { rule, document, format: version, feed: { [slot.field]: expected } as Partial<ParsedFeed['feed']> };
  return { rule, document, format: version, item: { [slot.field]: expected } as Partial<FeedItem> };
}

export const TEXT_CONSTRUCT_RULES: ConformanceRule[] = [
  ...ATOM1_SLOTS.flatMap((slot) => ATOM1_FORMS.map((form) => ruleFor('atom1', slot, form))),
  ...ATOM1_CONTENT_FORMS.map((form) => ruleFor('atom1', ATOM1_SLOTS[4] as Slot, form)),
  ...ATOM03_SLOTS.flatMap((slot) => ATOM03_FORMS.map((form) => ruleFor('atom03', slot, form))),
  // Rights is a text construct too; it has no field of its own, and must never leak into another.
  ruleFor('atom1', { element: 'rights', level: 'feed', field: 'description' }, { name: 'rights is not the subtitle', attributes: ' type="html"', xml: '&lt;b&gt;(c)&lt;/b&gt;', text: null, html: null }),
  ruleFor('atom03', { element: 'copyright', level: 'feed', field: 'description' }, { name: 'copyright is not the tagline', attributes: '', xml: '(c) 2004', text: null, html: null }),
];
