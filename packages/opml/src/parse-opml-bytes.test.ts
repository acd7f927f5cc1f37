import { describe, expect, it } from 'vitest';
import { parseOpmlBytes } from './parse-opml-bytes.js';

/** One folder and one feed, both named with letters outside ASCII, behind `declaration`. */
function opml(declaration: string, folder: string, title: string): string {
  return `${declaration}<opml version="2.0"><head><title>${folder}</title></head><body>
  <outline text="${folder}"><outline type="rss" text="${title}" xmlUrl="https://presse.example/flux.xml"/></outline>
</body></opml>`;
}

const FOLDER = 'Actualités à Zürich';
const TITLE = 'Le Café du Commerce, España';

describe('parseOpmlBytes', () => {
  it('reads the charset the XML declaration names (ISO-8859-1), not UTF-8', () => {
    const bytes = Buffer.from(opml('<?xml version="1.0" encoding="ISO-8859-1"?>\n', FOLDER, TITLE), 'latin1');
    const document = parseOpmlBytes(bytes);
    expect(document.feeds).toEqual([{ url: 'https://presse.example/flux.xml', title: TITLE, siteUrl: null, tags: [FOLDER] }]);
    expect([document.title, document.charset, document.warnings]).toEqual([FOLDER, 'windows-1252', []]);
  });

  it('reads windows-1252, whose 0x80-0x9F are letters and punctuation (€, curly quotes) that ISO-8859-1 lacks', () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><opml version="2.0"><body><outline type="rss" text="', 'latin1');
    // “Prix en €” and Zürich, as windows-1252 bytes.
    const name = Buffer.from([0x93, ...Buffer.from('Prix en ', 'latin1'), 0x80, 0x94, 0x20, ...Buffer.from('Zürich', 'latin1')]);
    const tail = Buffer.from('" xmlUrl="https://prix.example/rss"/></body></opml>', 'latin1');
    const document = parseOpmlBytes(Buffer.concat([head, name, tail]));
    expect(document.feeds.map((feed) => feed.title)).toEqual(['“Prix en €” Zürich']);
    expect(document.charset).toBe('windows-1252');
  });

  it('lets a byte order mark decide (UTF-16, UTF-8), whatever the declaration says', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(opml('<?xml version="1.0" encoding="UTF-16"?>', FOLDER, TITLE), 'utf16le')]);
    expect(parseOpmlBytes(utf16).feeds[0]).toMatchObject({ title: TITLE, tags: [FOLDER] });
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(opml('<?xml version="1.0" encoding="ISO-8859-1"?>', FOLDER, TITLE), 'utf8')]);
    const document = parseOpmlBytes(utf8);
    expect([document.feeds[0]?.title, document.charset]).toEqual([TITLE, 'utf-8']);
  });

  it('falls back to UTF-8 without a declaration, and takes an upload\'s Content-Type charset', () => {
    expect(parseOpmlBytes(Buffer.from(opml('', FOLDER, TITLE), 'utf8')).feeds[0]?.title).toBe(TITLE);
    const latin1 = Buffer.from(opml('', FOLDER, TITLE), 'latin1');
    expect(parseOpmlBytes(latin1, { contentType: 'text/x-opml; charset=iso-8859-1' }).feeds[0]?.title).toBe(TITLE);
  });

  it('reads a declared UTF-8 that the bytes are not as what they are, and says so', () => {
    const document = parseOpmlBytes(Buffer.from(opml('<?xml version="1.0" encoding="UTF-8"?>', FOLDER, TITLE), 'latin1'));
    expect(document.feeds[0]?.title).toBe(TITLE);
    expect(document.warnings).toHaveLength(1);
  });
});
