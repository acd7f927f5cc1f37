import { describe, expect, it } from 'vitest';
import { sniffByteOrderMark, sniffUtf16, sniffUtf16XmlStart } from './byte-order.js';
import { hasControlCharacters } from './control-characters.js';
import { documentHead, metaDeclaration, SNIFF_BYTES, xmlDeclarationLabel } from './declarations.js';
import { analyseUtf8, decodeUtf8WithFallback } from './utf8.js';

describe('byte order', () => {
  it('reads the three byte order marks, and nothing else as one', () => {
    expect(sniffByteOrderMark(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toMatchObject({ encoding: { name: 'utf-8' }, length: 3 });
    expect(sniffByteOrderMark(Buffer.from([0xff, 0xfe, 0x41, 0]))).toMatchObject({ encoding: { name: 'utf-16le' }, length: 2 });
    expect(sniffByteOrderMark(Buffer.from([0xfe, 0xff, 0, 0x41]))).toMatchObject({ encoding: { name: 'utf-16be' }, length: 2 });
    expect(sniffByteOrderMark(Buffer.from('<rss>'))).toBeNull();
  });

  it('tells UTF-16 by its zero bytes, and by the first <? of an XML document', () => {
    expect(sniffUtf16(Buffer.from('<rss version="2.0">', 'utf16le'))?.name).toBe('utf-16le');
    expect(sniffUtf16(Buffer.from('<rss version="2.0">', 'utf16le').swap16())?.name).toBe('utf-16be');
    expect(sniffUtf16(Buffer.from('<rss version="2.0">'))).toBeNull();
    expect(sniffUtf16XmlStart(Buffer.from('<?xml', 'utf16le'))?.name).toBe('utf-16le');
    expect(sniffUtf16XmlStart(Buffer.from('<?xml'))).toBeNull();
  });
});

describe('declarations in the document', () => {
  it('reads the XML declaration at the start, and after junk only when lenient', () => {
    expect(xmlDeclarationLabel(`<?xml version="1.0" encoding='KOI8-R'?><rss/>`)).toBe('KOI8-R');
    const late = `Notice: undefined index\n<?xml version="1.0" encoding="windows-1251"?><rss/>`;
    expect(xmlDeclarationLabel(late)).toBeUndefined();
    expect(xmlDeclarationLabel(late, true)).toBe('windows-1251');
  });

  it('reads <meta charset> and http-equiv, skipping comments and unknown labels', () => {
    expect(metaDeclaration('<!-- <meta charset="koi8-r"> --><meta charset="bogus"><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')).toEqual({
      encoding: expect.objectContaining({ name: 'windows-1251' }),
      label: 'windows-1251',
    });
    expect(metaDeclaration('<meta charset="utf-16">')?.encoding.name).toBe('utf-8');
    expect(metaDeclaration('<meta charset="x-user-defined">')?.encoding.name).toBe('windows-1252');
    expect(metaDeclaration('<p>no meta</p>')).toBeNull();
  });

  it('looks only at the first bytes', () => {
    expect(documentHead(Buffer.alloc(SNIFF_BYTES * 2, 0x61))).toHaveLength(SNIFF_BYTES);
  });
});

describe('UTF-8', () => {
  it('counts bytes that are not UTF-8, forgiving a sequence cut off at the end', () => {
    expect(analyseUtf8(Buffer.from('naïve'))).toEqual({ multibyte: 1, invalid: 0 });
    expect(analyseUtf8(Buffer.concat([Buffer.from('café '), Buffer.from([0xe9, 0x20])]))).toEqual({ multibyte: 1, invalid: 1 });
    expect(analyseUtf8(Buffer.concat([Buffer.from('ab'), Buffer.from('é').subarray(0, 1)]))).toEqual({ multibyte: 0, invalid: 0 });
  });

  it('keeps the UTF-8 and reads each stray byte as windows-1252', () => {
    expect(decodeUtf8WithFallback(Buffer.concat([Buffer.from('café '), Buffer.from([0xe9, 0x80])]))).toBe('café é€');
  });
});

describe('control characters', () => {
  it('finds NUL, the C0 controls and DEL, but not tab, line feed or carriage return', () => {
    for (const text of ['a\u0000b', '\u0001', 'x\u000by', '\u001f', '\u007f']) expect(hasControlCharacters(text), JSON.stringify(text)).toBe(true);
    for (const text of ['tab\there', 'line\nfeed\r\n', 'plain — text ü']) expect(hasControlCharacters(text), JSON.stringify(text)).toBe(false);
  });
});
