import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './charset.js';
import { parseContentType } from './content-type.js';

const RUSSIAN = 'Привет, мир — новости';

describe('decodeBody: where the charset comes from', () => {
  it('defaults to UTF-8', () => {
    expect(decodeBody(Buffer.from('naïve café'), null)).toEqual({ text: 'naïve café', charset: 'utf-8' });
  });

  it('lets a BOM override the HTTP header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]);
    expect(decodeBody(body, 'text/html; charset=windows-1251')).toEqual({ text: RUSSIAN, charset: 'utf-8' });
  });

  it('lets the HTTP header override the XML declaration', () => {
    const xml = '<?xml version="1.0" encoding="iso-8859-1"?><t>Привет, мир</t>'; // KOI8-R has no em dash
    const result = decodeBody(iconv.encode(xml, 'koi8-r'), 'application/xml; charset="KOI8-R"');
    expect(result).toEqual({ text: xml, charset: 'koi8-r' });
  });

  it('reads the XML declaration of a feed', () => {
    const xml = `<?xml version='1.0' encoding='WINDOWS-1251' standalone='yes'?>\n<rss><title>${RUSSIAN}</title></rss>`;
    expect(decodeBody(iconv.encode(xml, 'windows-1251'), 'text/xml', 'feed')).toEqual({ text: xml, charset: 'windows-1251' });
  });

  it('recognises UTF-16 XML without a BOM by its first bytes', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><t>${RUSSIAN}</t>`;
    expect(decodeBody(iconv.encode(xml, 'utf-16le'), null, 'feed')).toEqual({ text: xml, charset: 'utf-16le' });
    expect(decodeBody(iconv.encode(xml, 'utf-16be'), null, 'feed')).toEqual({ text: xml, charset: 'utf-16be' });
  });

  it('reads <meta http-equiv="Content-Type" content="...; charset=...">', () => {
    const html = `<html><head><META HTTP-EQUIV='content-type' CONTENT='text/html; charset=windows-1251'></head><body>${RUSSIAN}</body></html>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'text/html', 'page')).toEqual({ text: html, charset: 'windows-1251' });
  });

  it('ignores a commented-out <meta> and a meta without a charset', () => {
    const html = `<!-- <meta charset="koi8-r"> --><meta name="description" content="charset=koi8-r"><meta charset=windows-1251><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), null, 'page').charset).toBe('windows-1251');
  });

  it('looks for <meta> only in the first 4 KB', () => {
    const html = `${' '.repeat(5000)}<meta charset="windows-1251">${RUSSIAN}`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), null, 'page').charset).toBe('utf-8');
  });

  it('does not take a <meta> inside a feed for the feed’s charset', () => {
    const xml = `<rss><description><![CDATA[<meta charset="windows-1251">]]></description><title>${RUSSIAN}</title></rss>`;
    expect(decodeBody(Buffer.from(xml), null, 'feed')).toEqual({ text: xml, charset: 'utf-8' });
    // Without a hint, the same body would be taken for HTML.
    expect(decodeBody(Buffer.from(xml), null).charset).toBe('windows-1251');
  });

  it('treats a <meta> claiming UTF-16 as UTF-8 (it was just read as ASCII)', () => {
    const html = '<meta charset="utf-16"><p>ok ✓</p>';
    expect(decodeBody(Buffer.from(html), null, 'page')).toEqual({ text: html, charset: 'utf-8' });
  });

  it('skips unknown labels and falls back to the next source, then UTF-8', () => {
    const html = `<meta charset="windows-1251"><p>${RUSSIAN}</p>`;
    expect(decodeBody(iconv.encode(html, 'windows-1251'), 'text/html; charset=x-klingon', 'page').charset).toBe('windows-1251');
    expect(decodeBody(Buffer.from('plain ✓'), 'text/plain; charset=x-klingon')).toEqual({ text: 'plain ✓', charset: 'utf-8' });
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
