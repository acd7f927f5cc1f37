import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode.js';
import { parseContentType } from './content-type.js';

const RUSSIAN = 'Привет, мир — новости';

describe('decodeBody: where the charset comes from', () => {
  it('defaults to UTF-8', () => {
    expect(decodeBody(Buffer.from('naïve café'), null)).toEqual({ text: 'naïve café', charset: 'utf-8', warnings: [] });
  });

  it('lets a BOM override the HTTP header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]);
    expect(decodeBody(body, 'text/html; charset=windows-1251')).toEqual({ text: RUSSIAN, charset: 'utf-8', warnings: [] });
  });

  it('lets the HTTP header override the XML declaration', () => {
    const xml = '<?xml version="1.0" encoding="iso-8859-1"?><t>Привет, мир</t>'; // KOI8-R has no em dash
    const result = decodeBody(iconv.encode(xml, 'koi8-r'), 'application/xml; charset="KOI8-R"');
    expect(result).toEqual({ text: xml, charset: 'koi8-r', warnings: [] });
  });

  it('reads the XML declaration of a feed', () => {
    const xml = `<?xml version='1.0' encoding='WINDOWS-1251' standalone='yes'?>\n<rss><title>${RUSSIAN}</title></rss>`;
    expect(decodeBody(iconv.encode(xml, 'windows-1251'), 'text/xml', 'feed')).toEqual({ text: xml, charset: 'windows-1251', warnings: [] });
  });

  it('recognises UTF-16 XML without a BOM by its first bytes', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><t>${RUSSIAN}</t>`;
    expect(decodeBody(iconv.encode(xml, 'utf-16le'), null, 'feed')).toEqual({ text: xml, charset: 'utf-16le', warnings: [] });
    expect(decodeBody(iconv.encode(xml, 'utf-16be'), null, 'feed')).toEqual({ text: xml, charset: 'utf-16be', warnings: [] });
  });

  it('reads <meta http-equiv="Content-Type" content="...; charset=...">', () => {
    const html = `<html><head><META HTTP-EQUIV='content-type' CONTENT='text/html; charset=windows-1251'></head><body>${RUSSIAN}</body></html>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'text/html', 'page')).toEqual({ text: html, charset: 'windows-1251', warnings: [] });
  });

  it('ignores a commented-out <meta> and a meta without a charset', () => {
    const html = `<!-- <meta charset="koi8-r"> --><meta name="description" content="charset=koi8-r"><meta charset=windows-1251><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), null, 'page').charset).toBe('windows-1251');
  });

  it('looks for <meta> only in the first 4 KB', () => {
    // ASCII text: any charset fits it, so the one reported is the one declared, if the <meta> was read.
    expect(decodeBody(Buffer.from(`<meta charset="windows-1251"><p>plain</p>`), null, 'page').charset).toBe('windows-1251');
    expect(decodeBody(Buffer.from(`${' '.repeat(5000)}<meta charset="windows-1251"><p>plain</p>`), null, 'page').charset).toBe('utf-8');
  });

  it('does not take a <meta> inside a feed for the feed’s charset', () => {
    const xml = `<rss><description><![CDATA[<meta charset="windows-1251">]]></description><title>${RUSSIAN}</title></rss>`;
    expect(decodeBody(Buffer.from(xml), null, 'feed')).toEqual({ text: xml, charset: 'utf-8', warnings: [] });
    // Without a hint, the same body is taken for HTML, whose <meta> the bytes then prove wrong.
    expect(decodeBody(Buffer.from(xml), null).warnings).toEqual(["the page's <meta> says charset=windows-1251, but the document is UTF-8; decoded as utf-8"]);
  });

  it('treats a <meta> claiming UTF-16 as UTF-8 (it was just read as ASCII)', () => {
    const html = '<meta charset="utf-16"><p>ok ✓</p>';
    expect(decodeBody(Buffer.from(html), null, 'page')).toEqual({ text: html, charset: 'utf-8', warnings: [] });
  });

  it('skips unknown labels and falls back to the next source, then UTF-8', () => {
    const html = `<meta charset="windows-1251"><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'text/html; charset=x-klingon', 'page').charset).toBe('windows-1251');
    expect(decodeBody(Buffer.from('plain ✓'), 'text/plain; charset=x-klingon')).toEqual({
      text: 'plain ✓',
      charset: 'utf-8',
      warnings: ['ignored the unknown charset "x-klingon" in the HTTP Content-Type'],
    });
    // Labels that iconv-lite knows but that are not charsets must not be honoured.
    expect(decodeBody(Buffer.from('aGk='), 'text/plain; charset=base64').text).toBe('aGk=');
  });
});

describe('decodeBody: label normalisation (WHATWG)', () => {
  it.each([
    ['latin1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
    ['iso_8859-1:1987', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    ['iso-8859-9', 'windows-1254'],
    ['cp1251', 'windows-1251'],
    ['x-cp1250', 'windows-1250'],
    ['iso8859-5', 'iso-8859-5'],
    ['ISO-8859-15', 'iso-8859-15'],
    ['gb2312', 'gbk'],
    ['Shift_JIS', 'shift_jis'],
    ['EUC-KR', 'euc-kr'],
    ['utf8', 'utf-8'],
    ['"UTF-8"', 'utf-8'],
  ])('%s -> %s', (label, charset) => {
    expect(decodeBody(Buffer.from('abc'), `text/html; charset=${label}`).charset).toBe(charset);
  });

  it('decodes East Asian charsets', () => {
    expect(decodeBody(iconv.encode('日本のニュース', 'shift_jis'), 'text/html; charset=sjis').text).toBe('日本のニュース');
    expect(decodeBody(iconv.encode('中文新闻', 'gbk'), 'text/html; charset=gb2312').text).toBe('中文新闻');
    expect(decodeBody(iconv.encode('한국 뉴스', 'euc-kr'), 'text/html; charset=euc-kr').text).toBe('한국 뉴스');
  });

  it('decodes ISO-2022-JP, which iconv-lite lacks, with the platform decoder', () => {
    // 日本語 in ISO-2022-JP: ESC $ B switches to JIS X 0208, ESC ( B back to ASCII.
    const title = Buffer.from('\x1b$BF|K\\8l\x1b(B', 'latin1');
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-2022-JP"?><rss><title>'), title, Buffer.from('</title></rss>')]);
    expect(decodeBody(xml, null, 'feed')).toEqual({ text: '<?xml version="1.0" encoding="ISO-2022-JP"?><rss><title>日本語</title></rss>', charset: 'iso-2022-jp', warnings: [] });
    expect(decodeBody(title, 'text/html; charset=csISO2022JP').text).toBe('日本語');
  });
});

describe('parseContentType', () => {
  it.each([
    [null, { mimeType: null, charset: null }],
    ['TEXT/HTML', { mimeType: 'text/html', charset: null }],
    ['text/html;charset=UTF-8', { mimeType: 'text/html', charset: 'UTF-8' }],
    ['application/rss+xml; foo=bar; Charset="windows-1251"', { mimeType: 'application/rss+xml', charset: 'windows-1251' }],
    ['text/html; charset=; charset=koi8-r', { mimeType: 'text/html', charset: 'koi8-r' }],
  ])('%j', (header, expected) => {
    expect(parseContentType(header)).toEqual(expected);
  });
});

describe('decodeBody for feeds: a declared charset checked against the bytes', () => {
  const feed = (text: string, declaration = '<?xml version="1.0"?>') =>
    `${declaration}<rss version="2.0"><channel><title>${text.slice(0, 24)}</title><item><description>${text}</description></item></channel></rss>`;

  /** News sentences in languages whose feeds still come in legacy charsets. */
  const SAMPLES: [string, string, string][] = [
    ['French', 'windows-1252', 'Le président a annoncé jeudi une réforme. « Nous irons jusqu’au bout », a-t-il déclaré à la presse.'],
    ['German', 'windows-1252', 'Die Regierung hat am Donnerstag neue Maßnahmen beschlossen. Für Bürger ändert sich ab März einiges.'],
    ['Spanish', 'windows-1252', 'El Gobierno aprobó el jueves la reforma. «Es un día histórico», afirmó la ministra. Año nuevo en España.'],
    ['Italian', 'windows-1252', 'Il governo ha annunciato giovedì nuove misure. Il presidente ha detto che la riforma continuerà. Più fondi per le città.'],
    ['Russian', 'windows-1251', 'Правительство в четверг объявило о новых мерах поддержки экономики. Президент заявил, что реформа будет продолжена.'],
    ['Russian', 'koi8-r', 'Правительство в четверг объявило о новых мерах поддержки экономики. Президент заявил, что реформа будет продолжена.'],
    ['Polish', 'windows-1250', 'Rząd ogłosił w czwartek nowe działania wspierające gospodarkę. Premier powiedział, że reforma będzie kontynuowana.'],
    ['Czech', 'windows-1250', 'Vláda ve čtvrtek oznámila nová opatření na podporu ekonomiky. Premiér řekl, že reforma bude pokračovat i příští rok.'],
    ['Greek', 'windows-1253', 'Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα στήριξης της οικονομίας. Ο πρωθυπουργός δήλωσε ότι η μεταρρύθμιση θα συνεχιστεί.'],
    ['Japanese', 'shift_jis', '政府は木曜日、経済を支援するための新たな措置を発表した。首相は改革を続けると述べた。'],
    ['Japanese', 'euc-jp', '政府は木曜日、経済を支援するための新たな措置を発表した。首相は改革を続けると述べた。'],
    ['simplified Chinese', 'gbk', '政府星期四宣布了支持经济的新措施。总理表示，改革将继续进行。北京今天天气晴朗。'],
    ['traditional Chinese', 'big5', '政府星期四宣布了支持經濟的新措施。總理表示，改革將繼續進行。台北今天天氣晴朗。'],
  ];

  it.each(SAMPLES)('finds %s text in %s that declares nothing (so would be UTF-8), with a warning', (_language, charset, text) => {
    const xml = feed(text);
    const decoded = decodeBody(iconv.encode(xml, charset), null, 'feed');
    expect(decoded.text).toBe(xml);
    expect(decoded.charset).toBe(charset);
    expect(decoded.warnings).toEqual([
      `no charset is declared (so UTF-8), but the bytes are not utf-8; decoded as ${charset}, which fits them best`,
    ]);
  });

  it.each(SAMPLES)('finds %s text in %s whose HTTP header wrongly says UTF-8', (_language, charset, text) => {
    const xml = feed(text, '<?xml version="1.0" encoding="utf-8"?>');
    const decoded = decodeBody(iconv.encode(xml, charset), 'application/rss+xml; charset=UTF-8', 'feed');
    expect(decoded).toMatchObject({ text: xml, charset });
    expect(decoded.warnings).toEqual([`the HTTP Content-Type says charset=UTF-8, but the bytes are not utf-8; decoded as ${charset}, which fits them best`]);
  });

  it('decodes UTF-8 declared as ISO-8859-1 by the server as UTF-8, since the bytes are valid UTF-8', () => {
    const xml = feed('Crème brûlée — “quoted” ✓', '<?xml version="1.0" encoding="UTF-8"?>');
    const decoded = decodeBody(Buffer.from(xml), 'text/xml; charset=ISO-8859-1', 'feed');
    expect(decoded).toEqual({
      text: xml,
      charset: 'utf-8',
      warnings: ['the HTTP Content-Type says charset=ISO-8859-1, but the bytes are valid UTF-8, which text in windows-1252 almost never is; decoded as utf-8, as the XML declaration says'],
    });
  });

  it('decodes UTF-8 that only a wrong XML declaration calls windows-1252 as UTF-8', () => {
    const xml = feed('Crème brûlée', '<?xml version="1.0" encoding="windows-1252"?>');
    const decoded = decodeBody(Buffer.from(xml), null, 'feed');
    expect(decoded).toEqual({
      text: xml,
      charset: 'utf-8',
      warnings: ['the XML declaration says encoding="windows-1252", but the document is UTF-8; decoded as utf-8'],
    });
  });

  it('prefers the XML declaration to a server default that reads the bytes as accented-letter soup', () => {
    const xml = feed(RUSSIAN.repeat(3), '<?xml version="1.0" encoding="windows-1251"?>');
    const decoded = decodeBody(iconv.encode(xml, 'windows-1251'), 'text/xml; charset=windows-1252', 'feed');
    expect(decoded.text).toBe(xml);
    expect(decoded.charset).toBe('windows-1251');
    expect(decoded.warnings).toEqual([
      'the HTTP Content-Type says charset=windows-1252, but the bytes are not windows-1252; decoded as windows-1251, as the XML declaration says',
    ]);
  });

  it('second-guesses a lone declaration whose charset turns the text into soup', () => {
    const xml = feed(RUSSIAN.repeat(3), '<?xml version="1.0" encoding="iso-8859-1"?>');
    const decoded = decodeBody(iconv.encode(xml, 'windows-1251'), null, 'feed');
    expect(decoded).toMatchObject({ text: xml, charset: 'windows-1251' });
    expect(decoded.warnings).toEqual([
      'the XML declaration says encoding="iso-8859-1", but the text does not read as windows-1252; decoded as windows-1251, which fits it best',
    ]);
  });

  it('keeps a declared legacy charset that reads well, and one with too little text to judge', () => {
    const russian = feed(RUSSIAN, '<?xml version="1.0" encoding="windows-1251"?>');
    expect(decodeBody(iconv.encode(russian, 'windows-1251'), 'text/xml; charset=windows-1251', 'feed')).toEqual({ text: russian, charset: 'windows-1251', warnings: [] });
    const sign = feed('5 × 3', '<?xml version="1.0" encoding="windows-1252"?>');
    expect(decodeBody(iconv.encode(sign, 'windows-1252'), null, 'feed')).toEqual({ text: sign, charset: 'windows-1252', warnings: [] });
  });

  it('decodes a feed declaring UTF-16 that is really ASCII-compatible as UTF-8', () => {
    const xml = feed('naïve', '<?xml version="1.0" encoding="UTF-16"?>');
    const decoded = decodeBody(Buffer.from(xml), null, 'feed');
    expect(decoded).toEqual({
      text: xml,
      charset: 'utf-8',
      warnings: ['the XML declaration says encoding="UTF-16", but the document is UTF-8; decoded as utf-8'],
    });
  });

  it.each([
    ['UTF-16LE', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
  ])('recognises %s without a BOM or a declaration by its byte pattern', (_label, charset) => {
    const xml = `\n  <rss version="2.0"><channel><title>${RUSSIAN}</title></channel></rss>`;
    expect(decodeBody(iconv.encode(xml, charset), null, 'feed')).toEqual({ text: xml, charset, warnings: [] });
  });

  it('decodes UTF-16 without a BOM even when the HTTP header says UTF-8, with a warning', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>${RUSSIAN}</title></channel></rss>`;
    expect(decodeBody(iconv.encode(xml, 'utf-16le'), 'application/xml; charset=utf-8', 'feed')).toEqual({
      text: xml,
      charset: 'utf-16le',
      warnings: ['the HTTP Content-Type says charset=utf-8, but the document is utf-16le; decoded as utf-16le'],
    });
  });

  it('keeps UTF-8 with a few stray windows-1252 bytes, reading those bytes as windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from(feed('Déjà vu — “UTF-8” then ')), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(' end')]);
    const decoded = decodeBody(bytes, null, 'feed');
    expect(decoded.text).toContain('Déjà vu — “UTF-8” then ');
    expect(decoded.text.endsWith('Café end')).toBe(true);
    expect(decoded.warnings).toEqual(['1 byte is not valid UTF-8 (the rest is); decoded it as windows-1252']);
  });

  it('forgives a multi-byte character cut off by a truncated download', () => {
    const bytes = Buffer.from(feed('Café ✓')).subarray(0, -('</description></item></channel></rss>'.length + 2));
    const decoded = decodeBody(bytes, null, 'feed');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.warnings).toEqual([]);
  });

  it('does not trust a UTF-8 byte order mark over bytes that are not UTF-8', () => {
    const xml = feed(RUSSIAN.repeat(2));
    const decoded = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(xml, 'windows-1251')]), null, 'feed');
    expect(decoded).toMatchObject({ text: xml, charset: 'windows-1251' });
    expect(decoded.warnings).toEqual(['the byte order mark says UTF-8, but the bytes are not utf-8; decoded as windows-1251, which fits them best']);
  });

  it('reports a charset label it does not know and goes on to the next source', () => {
    const xml = feed(RUSSIAN, '<?xml version="1.0" encoding="x-klingon"?>');
    const decoded = decodeBody(Buffer.from(xml), 'text/xml; charset=x-vulcan', 'feed');
    expect(decoded).toEqual({
      text: xml,
      charset: 'utf-8',
      warnings: ['ignored the unknown charset "x-vulcan" in the HTTP Content-Type', 'ignored the unknown encoding "x-klingon" in the XML declaration'],
    });
  });
});

describe('decodeBody for pages: the declared charset checked against the bytes too', () => {
  it('decodes windows-1251 under a <meta> that says UTF-8 as windows-1251', () => {
    const html = `<meta charset="utf-8"><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), null, 'page')).toEqual({
      text: html,
      charset: 'windows-1251',
      warnings: ["the page's <meta> says charset=utf-8, but the bytes are not utf-8; decoded as windows-1251, which fits them best"],
    });
  });

  it('decodes a page saved as UTF-8 that kept its legacy <meta> as UTF-8', () => {
    const html = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><h1>新闻标题</h1><p>这是一篇新闻文章，内容涉及经济和社会。</p>';
    expect(decodeBody(Buffer.from(html), null, 'page')).toEqual({
      text: html,
      charset: 'utf-8',
      warnings: ["the page's <meta> says charset=gb2312, but the document is UTF-8; decoded as utf-8"],
    });
  });

  it('guesses the charset of a page that declares none and is not UTF-8', () => {
    const html = "<p>Le café était très chaud et la société débattait de l'été, des élèves et des élections.</p>";
    expect(decodeBody(iconv.encode(html, 'windows-1252'), null, 'page')).toEqual({
      text: html,
      charset: 'windows-1252',
      warnings: ['no charset is declared (so UTF-8), but the bytes are not utf-8; decoded as windows-1252, which fits them best'],
    });
  });

  it('keeps a declared EUC-KR page as EUC-KR: its Hangul reads as text, not as the Hanzi GBK would make of its bytes', () => {
    const html = '<meta charset="euc-kr"><title>서울시, 시내버스 전 노선에 저상버스 도입</title><p>서울시는 내년부터 시내버스 전 노선에 저상버스를 도입한다고 밝혔다. 시는 이를 위해 예산을 확보했다.</p>';
    expect(decodeBody(iconv.encode(html, 'euc-kr'), null, 'page')).toEqual({ text: html, charset: 'euc-kr', warnings: [] });
    expect(decodeBody(iconv.encode(html, 'euc-kr'), 'text/html; charset=ks_c_5601-1987', 'page')).toEqual({ text: html, charset: 'euc-kr', warnings: [] });
  });

  it('keeps a declared legacy charset that fits, and prefers the HTTP header to the <meta>', () => {
    const html = `<meta charset="koi8-r"><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'text/html; charset=windows-1251', 'page')).toEqual({ text: html, charset: 'windows-1251', warnings: [] });
  });
});
