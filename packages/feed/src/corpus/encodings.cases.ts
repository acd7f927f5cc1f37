import type { CorpusCase } from './corpus-case.js';

const FR_TITLE = 'Élection présidentielle : « le débat » à 20 h';
const FR_SUMMARY = 'Le président a annoncé jeudi une réforme. L’opposition dénonce un « coût » de 5 € par foyer – trop élevé.';
const DE_TITLE = 'Größere Zuschüsse für Bürger';
const RU_TITLE = 'Новости дня';
const RU_SUMMARY = 'Правительство в четверг объявило о новых мерах поддержки экономики. Президент заявил, что реформа будет продолжена.';
const JA_SUMMARY = '政府は木曜日、経済を支援するための新たな措置を発表した。首相は改革を続けると述べた。';
const ZH_SUMMARY = '政府星期四宣布了支持经济的新措施。总理表示，改革将继续进行。';

/** A feed in `charset` whose title and first item read as given, with no warnings. */
const readsAs = (file: string, checks: string, title: string, itemTitle: string, summary?: string, contentType?: string): CorpusCase => ({
  file: `encodings/${file}`,
  checks,
  contentType,
  feed: { title },
  items: [summary === undefined ? { title: itemTitle } : { title: itemTitle, summary }],
  warnings: 'none',
});

/** Charsets from the BOM, the HTTP header and the XML declaration in RFC 7303 order, and declared charsets that are wrong. */
export const ENCODING_CASES: CorpusCase[] = [
  readsAs('utf8-bom.xml', 'UTF-8 with a byte order mark', 'UTF-8 with BOM', FR_TITLE, FR_SUMMARY),
  readsAs(
    'utf8-bom-header-disagrees.xml',
    'a UTF-8 byte order mark beats an HTTP charset that says windows-1251',
    'BOM beats header',
    DE_TITLE,
    undefined,
    'application/rss+xml; charset=windows-1251',
  ),
  readsAs('utf16le-bom.xml', 'UTF-16LE with a byte order mark', 'UTF-16LE with BOM', RU_TITLE, RU_SUMMARY),
  readsAs('utf16be-bom.xml', 'UTF-16BE with a byte order mark', 'UTF-16BE with BOM', '日本のニュース', JA_SUMMARY),
  readsAs('utf16le-no-bom.xml', 'UTF-16LE without a byte order mark, recognised by its byte pattern', 'UTF-16LE without BOM', RU_TITLE, RU_SUMMARY),
  readsAs('utf16be-no-bom-no-declaration.xml', 'UTF-16BE with neither a BOM nor an XML declaration', 'UTF-16BE without BOM', '中文新闻', ZH_SUMMARY),
  readsAs(
    'windows-1250.xml',
    'windows-1250 (Polish) declared in the XML declaration',
    'Wiadomości',
    'Wiadomości',
    'Rząd ogłosił w czwartek nowe działania wspierające gospodarkę. Premier powiedział, że reforma będzie kontynuowana.',
  ),
  readsAs('windows-1251.xml', 'windows-1251 (Russian) declared in the XML declaration', RU_TITLE, RU_TITLE, RU_SUMMARY),
  readsAs('windows-1252.xml', 'windows-1252 declared, with its curly quote, euro sign and en dash in 0x80-0x9F', FR_TITLE, FR_TITLE, FR_SUMMARY),
  readsAs('iso-8859-1-is-windows-1252.xml', 'ISO-8859-1 is read as windows-1252 (WHATWG), so 0x80-0x9F are punctuation, not controls', FR_TITLE, FR_TITLE, FR_SUMMARY),
  readsAs(
    'iso-8859-2.xml',
    'ISO-8859-2 (Czech)',
    'Zprávy',
    'Zprávy',
    'Vláda ve čtvrtek oznámila nová opatření na podporu ekonomiky. Premiér řekl, že reforma bude pokračovat i příští rok.',
  ),
  readsAs('iso-8859-5.xml', 'ISO-8859-5 (Cyrillic)', RU_TITLE, RU_TITLE, RU_SUMMARY),
  readsAs('iso-8859-7.xml', 'ISO-8859-7 (Greek)', 'Ειδήσεις', 'Ειδήσεις', 'Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα στήριξης της οικονομίας.'),
  readsAs('iso-8859-15.xml', 'ISO-8859-15, whose 0xA4 is the euro sign and 0xBC the Œ ligature', 'Prix en €', 'Œuvre à 5 €', 'Le prix : 5 € seulement.'),
  readsAs('koi8-r.xml', 'KOI8-R', RU_TITLE, RU_TITLE, RU_SUMMARY),
  readsAs('shift_jis.xml', 'Shift_JIS', '日本のニュース', '日本のニュース', JA_SUMMARY),
  readsAs('euc-jp.xml', 'EUC-JP', '日本のニュース', '日本のニュース', JA_SUMMARY),
  readsAs('gb2312.xml', 'GB2312 (read as GBK, as browsers do)', '中文新闻', '中文新闻', ZH_SUMMARY),
  readsAs('gbk.xml', 'GBK', '中文新闻', '中文新闻', ZH_SUMMARY),
  readsAs('big5.xml', 'Big5', '中文新聞', '中文新聞', '政府星期四宣布了支持經濟的新措施。總理表示，改革將繼續進行。'),
  readsAs('header-charset-only.xml', 'a charset given only by the HTTP Content-Type', RU_TITLE, RU_TITLE, RU_SUMMARY, 'text/xml; charset=windows-1251'),
  readsAs(
    'header-beats-declaration.xml',
    'the HTTP charset (KOI8-R) beats the XML declaration (windows-1251) when it reads the bytes well (RFC 7303)',
    RU_TITLE,
    RU_TITLE,
    RU_SUMMARY,
    'application/xml; charset=KOI8-R',
  ),
  {
    file: 'encodings/misdeclared-utf8-is-windows-1252.xml',
    checks: 'a feed declaring UTF-8 whose bytes are windows-1252 is decoded as windows-1252, with a warning',
    feed: { title: FR_TITLE },
    items: [{ title: FR_TITLE, summary: FR_SUMMARY }],
    warnings: ['the XML declaration says encoding="UTF-8", but the bytes are not utf-8; decoded as windows-1252, which fits them best'],
  },
  {
    file: 'encodings/misdeclared-utf8-is-windows-1251.xml',
    checks: 'a feed declaring UTF-8 whose bytes are windows-1251 is decoded as windows-1251, with a warning',
    items: [{ title: RU_TITLE, summary: RU_SUMMARY }],
    warnings: ['the XML declaration says encoding="utf-8", but the bytes are not utf-8; decoded as windows-1251, which fits them best'],
  },
  {
    file: 'encodings/undeclared-windows-1251.xml',
    checks: 'a feed declaring nothing whose bytes are not UTF-8 is decoded by the best-fitting charset (windows-1251)',
    items: [{ title: RU_TITLE }],
    warnings: ['no charset is declared (so UTF-8), but the bytes are not utf-8; decoded as windows-1251, which fits them best'],
  },
  {
    file: 'encodings/undeclared-shift_jis.xml',
    checks: 'a feed declaring nothing whose bytes are Shift_JIS is decoded as Shift_JIS',
    items: [{ title: '日本のニュース', summary: JA_SUMMARY }],
    warnings: ['no charset is declared (so UTF-8), but the bytes are not utf-8; decoded as shift_jis, which fits them best'],
  },
  {
    file: 'encodings/misdeclared-latin1-is-utf8.xml',
    checks: 'a feed declaring ISO-8859-1 whose bytes are valid UTF-8 is decoded as UTF-8, with a warning',
    items: [{ title: DE_TITLE }],
    warnings: ['the XML declaration says encoding="ISO-8859-1", but the document is UTF-8; decoded as utf-8'],
  },
  {
    file: 'encodings/header-latin1-is-utf8.xml',
    checks: "a server's default charset=ISO-8859-1 over UTF-8 bytes loses to the XML declaration (UTF-8), with a warning",
    contentType: 'text/xml; charset=ISO-8859-1',
    items: [{ title: FR_TITLE, summary: FR_SUMMARY }],
    warnings: ['the HTTP Content-Type says charset=ISO-8859-1, but the bytes are valid UTF-8, which text in windows-1252 almost never is; decoded as utf-8, as the XML declaration says'],
  },
  {
    file: 'encodings/utf8-with-stray-latin1.xml',
    checks: 'UTF-8 with one stray Latin-1 byte keeps its UTF-8 and reads the stray byte as windows-1252',
    feed: { title: 'Mostly UTF-8 — with “quotes”' },
    items: [{ title: 'Café au lait' }],
    warnings: ['1 byte is not valid UTF-8 (the rest is); decoded it as windows-1252'],
  },
  {
    file: 'encodings/declared-utf16-is-utf8.xml',
    checks: 'a declaration of UTF-16 on bytes that are not UTF-16 is overruled: UTF-8, with a warning',
    items: [{ title: DE_TITLE }],
    warnings: ['the XML declaration says encoding="UTF-16", but the document is UTF-8; decoded as utf-8'],
  },
  {
    file: 'encodings/unknown-encoding-label.xml',
    checks: 'an encoding label nobody knows is ignored with a warning and UTF-8 used',
    items: [{ title: DE_TITLE }],
    warnings: ['ignored the unknown encoding "x-made-up" in the XML declaration'],
  },
  {
    file: 'encodings/jsonfeed-utf16le-bom.json',
    checks: 'a JSON Feed in UTF-16LE with a byte order mark',
    format: 'jsonfeed',
    feed: { title: RU_TITLE },
    items: [{ title: 'Правительство в четв' }],
    warnings: 'none',
  },
  {
    file: 'encodings/jsonfeed-windows-1252.json',
    checks: 'a JSON Feed in windows-1252 (JSON must be UTF-8) is decoded as windows-1252 with a warning',
    format: 'jsonfeed',
    feed: { title: 'Élection présidentielle : le débat à 20 h' },
    items: [{ title: DE_TITLE }],
    warnings: ['no charset is declared (so UTF-8), but the bytes are not utf-8; decoded as windows-1252, which fits them best'],
  },
];
