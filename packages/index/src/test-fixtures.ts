import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleRecord } from '@tidings/contracts';
import { articleId } from '@tidings/url';
import { searchForm } from './text/folds.js';

/**
 * Helpers for this package's tests (not exported from the package): real
 * SQLite files in a fresh temporary directory, and article records.
 */

/** A fresh temporary directory; `remove()` deletes it and everything in it. */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-index-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A complete ArticleRecord for `url` (already canonical), id derived from it, with `fields` overriding. */
export function makeArticle(url: string, fields: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: articleId(url),
    url,
    title: 'Untitled',
    authors: [],
    publishedAt: '2025-01-01T00:00:00.000Z',
    modifiedAt: null,
    siteName: 'Example News',
    lang: 'en',
    excerpt: null,
    text: '',
    html: '',
    wordCount: 0,
    imageUrl: null,
    tags: [],
    feedUrls: [],
    fetchedAt: '2025-01-02T00:00:00.000Z',
    ...fields,
  };
}

/**
 * Articles whose words the tokenizer read otherwise before combining marks
 * joined words, points were folded away and text was read in NFKC (SQLite
 * migration 15, PostgreSQL 13), an English one beside them, and the
 * searches that must each find exactly one of them once the index is
 * migrated.
 */
export function retokenizedArticles() {
  const hindi = makeArticle('https://news.example.org/hindi', { title: 'किताब मेला', text: 'दिल्ली में किताब मेला शुरू हुआ।', lang: 'hi' });
  const scribe = makeArticle('https://news.example.org/scribe', { title: 'कातिब', text: 'पुराने कातिब की कहानी।', lang: 'hi' });
  const arabic = makeArticle('https://news.example.org/arabic', { title: 'الدرس', text: 'كَتَبَ الطالبُ الدرسَ.', lang: 'ar' });
  const japanese = makeArticle('https://news.example.org/japanese', { title: 'ダイヤ改正', text: 'ＪＲ東日本は２０２４年にダイヤを改正した。', lang: 'ja' });
  const english = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
  const searches: ReadonlyArray<readonly [string, ArticleRecord]> = [
    // Words differing only in their vowels (book, scribe) were one: both found both.
    ['किताब', hindi],
    ['कातिब', scribe],
    // Written with its vowel marks, found without them.
    ['كتب', arabic],
    // Written in full-width digits and letters, found in their usual form.
    ['2024', japanese],
    ['jr', japanese],
  ];
  return { hindi, scribe, arabic, japanese, english, searches };
}

/**
 * Articles whose words hold a zero-width joiner or non-joiner after an Indic
 * letter, which the tokenizer read as a separator before it folded them away
 * (SQLite migration 16, PostgreSQL 14), and a Persian one whose non-joiners
 * still separate; the searches that must each find exactly one of them once
 * the index is migrated (each Indic word typed without its joiner);
 * `leftAlone`, a word of the Persian text, which a migration test indexes
 * without it (found only if the migration indexed that article again); and
 * `cutAtJoiners`, a text as the tokenizer read it before.
 */
export function indicJoinerArticles() {
  // A Marathi eyelash ra (दर्‍या, valleys); Malayalam chillus inside a word (അവന്‍റെ, his) and at its end (കേരളത്തില്‍, in Kerala).
  const marathi = makeArticle('https://news.example.org/marathi', { title: 'कोकण', text: 'कोकणातील दर्\u200dया हिरव्या झाल्या.', lang: 'mr' });
  const malayalam = makeArticle('https://news.example.org/malayalam', { title: 'അവന്\u200dറെ വീട്', text: 'കേരളത്തില്\u200d മഴ തുടരുന്നു.', lang: 'ml' });
  const persian = makeArticle('https://news.example.org/persian', { title: 'خبر', text: 'من می\u200cخواهم بروم.', lang: 'fa' });
  const searches: ReadonlyArray<readonly [string, ArticleRecord]> = [
    ['दर्या', marathi],
    ['title:അവന്റെ', malayalam],
    ['خبر', persian],
  ];
  const cutAtJoiners = (text: string) => text.replaceAll(/[\u200c\u200d]/gu, ' ');
  return { marathi, malayalam, persian, searches, leftAlone: 'خواهم', cutAtJoiners };
}

/**
 * Articles holding letters the tokenizer folds to others since SQLite
 * migration 17 and PostgreSQL 15 (a Greek letter's accents and breathings,
 * `ß`, `ё`; one `ё` written as `е` and a combining diaeresis), an English
 * one beside them, and the searches that must each find exactly one of them
 * once the index is migrated (each word typed without its fold);
 * `leftAlone`, a word of the English text, which a migration test indexes
 * without it (found only if the migration indexed that article again); and
 * `unfolded`, a text as the tokenizer read it before: its tokens, spaced
 * (these texts hold no other accents).
 */
export function letterFoldArticles() {
  const greek = makeArticle('https://news.example.org/greek', { title: 'Ο λόγος του πρωθυπουργού', text: 'Ἐν ἀρχῇ ἦν ὁ λόγος.', lang: 'el' });
  const german = makeArticle('https://news.example.org/german', { title: 'Straßenbahn', text: 'Die neue Straßenbahn kommt in die HAUPTSTRAẞE.', lang: 'de' });
  const russian = makeArticle('https://news.example.org/russian', { title: 'Ёлка на площади', text: 'Новогодняя ёлка уже стоит.', lang: 'ru' });
  const hedgehog = makeArticle('https://news.example.org/hedgehog', { title: 'Е\u0308жик', text: 'Е\u0308жик в тумане.', lang: 'ru' });
  const english = makeArticle('https://news.example.org/trams', { title: 'Trams', text: 'The trams return.' });
  const searches: ReadonlyArray<readonly [string, ArticleRecord]> = [
    // Typed without the tonos, in capitals (written without accents), without the breathing and iota subscript.
    ['λογος', greek],
    ['ΛΟΓΟΣ', greek],
    ['αρχη', greek],
    ['strassenbahn', german],
    ['Strassenb*', german],
    ['hauptstrasse', german],
    ['елка', russian],
    ['ежик', hedgehog],
  ];
  const unfolded = (text: string) =>
    searchForm(text)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '')
      .map((word) => word.replaceAll('ς', 'σ'))
      .join(' ');
  return { greek, german, russian, hedgehog, english, searches, leftAlone: 'return', unfolded };
}
