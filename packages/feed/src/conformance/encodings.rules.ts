import type { FeedItem, ParsedFeed } from '@tidings/contracts';
import { atom1, jsonFeed, rss2, type ConformanceRule } from './conformance-rule.js';

/**
 * Encodings, entities and languages: bytes decoded by their declared (or
 * detected) charset, with the Windows-1252 "smart" characters that feeds
 * declared ISO-8859-1 or US-ASCII carry mapped as browsers map them
 * (WHATWG Encoding: both labels mean windows-1252); character references
 * to C1 controls (&#147;) read the same way; entities decoded exactly as
 * often as the markup says; DOCTYPEs dropped; xml:lang normalised.
 */

/** A one-item RSS document as single-byte (latin1) bytes: `\x93` in the text is the byte 0x93. */
function singleByte(declaration: string, title: string): Uint8Array {
  const head = declaration === '' ? '' : `<?xml version="1.0" encoding="${declaration}"?>\n`;
  return Buffer.from(`${head}<rss version="2.0"><channel><title>Bytes</title><item><title>${title}</title></item></channel></rss>`, 'latin1');
}

type ByteRow = [rule: string, declaration: string, contentType: string | null, title: string, expected: string];

const BYTE_ROWS: ByteRow[] = [
  ['ISO-8859-1 declared: smart quotes (0x93 0x94) read as Windows-1252', 'ISO-8859-1', null, '\x93smart\x94', '\u201Csmart\u201D'],
  ['ISO-8859-1 declared: an apostrophe (0x92) read as Windows-1252', 'iso-8859-1', null, 'it\x92s', 'it\u2019s'],
  ['ISO-8859-1 declared: the euro sign (0x80) read as Windows-1252', 'ISO-8859-1', null, '\x805', '\u20AC5'],
  ['ISO-8859-1 declared: dashes and ellipsis (0x96 0x97 0x85)', 'ISO-8859-1', null, 'a\x96b\x97c\x85', 'a\u2013b\u2014c\u2026'],
  ['ISO-8859-1 declared: Latin-1 letters stay themselves', 'ISO-8859-1', null, 'caf\xE9 na\xEFve', 'café naïve'],
  ['US-ASCII declared: smart quotes read as Windows-1252', 'US-ASCII', null, '\x93q\x94', '\u201Cq\u201D'],
  ['US-ASCII declared: an apostrophe read as Windows-1252', 'us-ascii', null, 'don\x92t', 'don\u2019t'],
  ['windows-1252 declared: smart quotes', 'windows-1252', null, '\x91single\x92', '\u2018single\u2019'],
  ['ISO-8859-1 from the HTTP Content-Type, no declaration', '', 'application/rss+xml; charset=iso-8859-1', '\x93http\x94', '\u201Chttp\u201D'],
  ['ISO-8859-1 from Content-Type over a UTF-8 declaration', 'utf-8', 'text/xml; charset=ISO-8859-1', 'caf\xE9 \x93x\x94', 'café \u201Cx\u201D'],
];

type TextRow = [rule: string, document: string, expected: Partial<FeedItem>];

const TEXT_ROWS: TextRow[] = [
  ['a character reference to a C1 control (&#147;) reads as Windows-1252', rss2('<title>&#147;Quoted&#148;</title>'), { title: '\u201CQuoted\u201D' }],
  ['a hex reference to a C1 control (&#x96;) reads as Windows-1252', rss2('<title>a &#x96; b</title>'), { title: 'a \u2013 b' }],
  ['C1 references in HTML content read as Windows-1252', rss2('<title>t</title><description>&lt;p&gt;&amp;#147;x&amp;#148;&lt;/p&gt;</description>'), { summary: '<p>\u201Cx\u201D</p>' }],
  ['an HTML entity escaped for XML (&amp;eacute;) is decoded once', rss2('<title>caf&amp;eacute;</title>'), { title: 'café' }],
  ['an HTML entity escaped twice (&amp;amp;eacute;) is decoded once, as text', rss2('<title>caf&amp;amp;eacute;</title>'), { title: 'caf&eacute;' }],
  ['an HTML named entity XML lacks (&eacute;) is read as HTML would', rss2('<title>caf&eacute; cr&egrave;me</title>'), { title: 'café crème' }],
  ['&nbsp; in a title is a space', rss2('<title>no&amp;nbsp;break</title>'), { title: 'no break' }],
  ['numeric references beyond the BMP', rss2('<title>smile &#x1F600;</title>'), { title: 'smile \u{1F600}' }],
  ['a DOCTYPE with an internal subset is dropped, the feed read', `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY custom "x">]>\n${rss2('<title>After doctype</title>').replace(/^<\?xml[^>]*>\n/, '')}`, { title: 'After doctype' }],
  ['the Netscape RSS 0.91 DOCTYPE is dropped, its entities still read', `<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>N</title><link>https://n.example/</link><description>d</description><item><title>&copy; 2024</title><link>https://n.example/1</link></item></channel></rss>`, { title: '\u00A9 2024' }],
  ['an Atom text title with C1 references reads as Windows-1252', atom1('<title type="text">&#145;q&#146;</title>'), { title: '\u2018q\u2019' }],
];

type LanguageRow = [rule: string, document: string, expected: string | null];

const LANGUAGE_ROWS: LanguageRow[] = [
  ['Atom xml:lang is the language', atom1('<title>t</title>', '', ' xml:lang="en-GB"'), 'en-GB'],
  ['Atom xml:lang "en_US" becomes "en-US"', atom1('<title>t</title>', '', ' xml:lang="en_US"'), 'en-US'],
  ['Atom xml:lang is trimmed', atom1('<title>t</title>', '', ' xml:lang=" fr "'), 'fr'],
  ['Atom: dc:language when there is no xml:lang', atom1('<title>t</title>', '<dc:language>de</dc:language>'), 'de'],
  ['Atom: no language given is null', atom1('<title>t</title>'), null],
  ['RSS xml:lang on the root when there is no language element', rss2('<title>t</title>', '', ' xml:lang="pt_BR"'), 'pt-BR'],
  ['RSS language "de_AT" becomes "de-AT"', rss2('<title>t</title>', '<language>de_AT</language>'), 'de-AT'],
  ['RSS language element wins over xml:lang', rss2('<title>t</title>', '<language>es</language>', ' xml:lang="en"'), 'es'],
  ['JSON Feed language "pt_BR" becomes "pt-BR"', jsonFeed({ title: 't' }, { language: 'pt_BR' }), 'pt-BR'],
];

export const ENCODING_RULES: ConformanceRule[] = [
  ...BYTE_ROWS.map(([rule, declaration, contentType, title, expected]): ConformanceRule => ({
    rule,
    document: singleByte(declaration, title),
    contentType,
    item: { title: expected },
  })),
  ...TEXT_ROWS.map(([rule, document, expected]): ConformanceRule => ({ rule, document, item: expected })),
  ...LANGUAGE_ROWS.map(([rule, document, expected]): ConformanceRule => ({ rule, document, feed: { language: expected } as Partial<ParsedFeed['feed']> })),
  {
    rule: 'UTF-8 with a byte order mark',
    document: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss2('<title>BOM caf\u00E9</title>'), 'utf8')]),
    item: { title: 'BOM café' },
  },
  {
    rule: 'UTF-16LE with a byte order mark',
    document: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss2('<title>UTF-16 \u2603</title>').replace('utf-8', 'utf-16'), 'utf16le')]),
    item: { title: 'UTF-16 \u2603' },
  },
  {
    rule: 'UTF-8 without any declaration',
    document: Buffer.from(rss2('<title>plain \u00FC\u00F1\u00EE</title>').replace(' encoding="utf-8"', ''), 'utf8'),
    item: { title: 'plain üñî' },
  },
];
