import type { ArticleRecord } from '@tidings/contracts';
import type { ParsedQuery, QueryTerm } from '../query.js';
import type { ArticleFacts } from '../search/article-facts.js';
import { truncateUtf8, utf8Length, wellFormed } from '../text/encoding.js';
import { forEachToken, tokenize } from '../text/tokens.js';
import { TSVECTOR_OID, binaryArray } from './binary-params.js';

/**
 * Lexemes for PostgreSQL full-text search, made in TypeScript rather than by
 * `to_tsvector`: PostgreSQL's parser splits text differently from SQLite
 * FTS5 (it keeps `e-mail`, `news.example.org` and `1.5` whole, and folds
 * accents only with unaccent, whose rules are not FTS5's),
 * so both backends tokenise with
 * text/tokens.ts, which reproduces FTS5 exactly, and PostgreSQL stores the
 * tokens as they are (a binary tsvector; a tsquery literal). The same query
 * then finds the same articles in both. Pure.
 *
 * Weights: A title, B authors, C body, D the site and language, whose
 * lexemes carry a prefix no token can start with (`~site:`, `~lang:`) so
 * only `site:` and `lang:` reach them, never a plain word or prefix.
 */

/** PostgreSQL's limits: positions above 16383 are stored as 16383, at most 256 positions per lexeme, lexemes under 2 KB (2047 bytes). */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_LEXEME_BYTES = 2_000;
/**
 * A tsvector holds at most 1 MB of lexeme text (PostgreSQL's MAXSTRPOS): past it the server refuses the whole
 * statement, and with it every article of the batch. Distinct lexemes are counted at 3 bytes per UTF-16 unit
 * (an upper bound, no measuring) and new ones stop there: some 40,000 distinct words, where an article has a few
 * thousand; only a page of made-up words reaches it, and keeps its title's, site's and first words' lexemes.
 */
const MAX_LEXEMES_BYTES = 1_000_000;
/** Positions left between fields, so a phrase never spans title and body (as in FTS5, where they are columns). */
const FIELD_GAP = 2;

const META_PREFIX = { site: '~site:', lang: '~lang:' } as const;

/** A lexeme quoted for a tsquery literal. */
function quote(lexeme: string): string {
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** A position's weight in its top two bits, as PostgreSQL stores it (WordEntryPos: A 3, B 2, C 1, D 0). */
const WEIGHT_BITS = { A: 3 << 14, B: 2 << 14, C: 1 << 14, D: 0 } as const;
const POSITION_BITS = 0x3fff;

/**
 * The article's lexemes: every token of title (A), authors (B), site and
 * language (D), text (C), each with its positions in that order (the weight
 * in the top two bits of each, see WEIGHT_BITS).
 */
export function articleLexemes(record: ArticleRecord, facts: ArticleFacts): Map<string, number[]> {
  const entries = new Map<string, number[]>();
  let position = 0;
  let weight = 0;
  let prefix = '';
  let lexemesBytes = 0;
  const add = (token: string) => {
    if (position < MAX_POSITION) position += 1;
    let lexeme = prefix === '' ? token : prefix + token;
    // At most 3 bytes per UTF-16 unit: only a long lexeme can be too big (measuring every one cost more than the rest).
    // One is cut to its start rather than left out: a prefix search (at most MAX_WORD_BYTES, far shorter) finds it, as
    // FTS5, which keeps the whole token, does; no query word is long enough to equal one cut.
    if (lexeme.length * 3 > MAX_LEXEME_BYTES && utf8Length(lexeme) > MAX_LEXEME_BYTES) lexeme = truncateUtf8(lexeme, MAX_LEXEME_BYTES);
    const positions = entries.get(lexeme);
    if (positions === undefined) {
      lexemesBytes += lexeme.length * 3;
      if (lexemesBytes <= MAX_LEXEMES_BYTES) entries.set(lexeme, [position | weight]);
    }
    // A clamped position repeats; keep each once.
    else if (positions.length < MAX_POSITIONS_PER_LEXEME && ((positions[positions.length - 1] ?? 0) & POSITION_BITS) !== position) positions.push(position | weight);
  };
  const field = (text: string, fieldWeight: number, fieldPrefix = '') => {
    weight = fieldWeight;
    prefix = fieldPrefix;
    forEachToken(wellFormed(text), add);
    position = Math.min(position + FIELD_GAP, MAX_POSITION);
  };
  field(record.title, WEIGHT_BITS.A);
  field(facts.authors.join(', '), WEIGHT_BITS.B);
  // The site and the language before the text: PostgreSQL stores every position past 16383 as 16383, so after a
  // long text their words would all stand at one position, and a phrase of them (site:news.example.org) match nothing.
  field(facts.siteText, WEIGHT_BITS.D, META_PREFIX.site);
  field(facts.lang ?? '', WEIGHT_BITS.D, META_PREFIX.lang);
  field(record.text, WEIGHT_BITS.C);
  return entries;
}

/**
 * Lexemes as a tsvector in PostgreSQL's binary format (what tsvectorsend
 * writes and tsvectorrecv reads), for a parameter sent as a Buffer: the
 * lexeme count, then each lexeme NUL-terminated in UTF-8, its number of
 * positions and the positions, big-endian. The server reads this about ten
 * times faster than the text literal, whose parsing (about 1 ms an
 * article) was most of an upsert's time. It sorts the lexemes itself.
 */
export function tsvectorBinary(lexemes: ReadonlyMap<string, readonly number[]>): Buffer {
  // Map#forEach rather than for...of over entries: no [key, value] array per lexeme, in either pass.
  let size = 4;
  lexemes.forEach((positions, lexeme) => {
    size += lexeme.length * 3 + 3 + positions.length * 2;
  });
  const buffer = Buffer.allocUnsafe(size);
  buffer.writeInt32BE(lexemes.size, 0);
  let offset = 4;
  lexemes.forEach((positions, lexeme) => {
    offset = writeLexeme(buffer, lexeme, offset);
    const count = positions.length;
    buffer[offset] = 0;
    buffer[offset + 1] = count >> 8;
    buffer[offset + 2] = count & 0xff;
    offset += 3;
    for (let i = 0; i < count; i += 1) {
      const position = positions[i] ?? 0;
      buffer[offset] = position >> 8;
      buffer[offset + 1] = position & 0xff;
      offset += 2;
    }
  });
  return buffer.subarray(0, offset);
}

/** Writes `lexeme` in UTF-8 at `offset`, returning the offset after it: byte by byte while it is ASCII (most are, and short), else by Buffer#write. */
function writeLexeme(buffer: Buffer, lexeme: string, offset: number): number {
  const length = lexeme.length;
  for (let i = 0; i < length; i += 1) {
    const code = lexeme.charCodeAt(i);
    if (code >= 0x80) return offset - i + buffer.write(lexeme, offset - i, 'utf8');
    buffer[offset] = code;
    offset += 1;
  }
  return offset;
}

/** The article's tsvector, binary (see tsvectorBinary and articleLexemes). */
export function articleTsvector(record: ArticleRecord, facts: ArticleFacts): Buffer {
  return tsvectorBinary(articleLexemes(record, facts));
}

/** Binary tsvectors as one binary `tsvector[]` parameter. */
export function tsvectorArray(vectors: readonly Buffer[]): Buffer {
  return binaryArray(TSVECTOR_OID, vectors);
}

/**
 * Weight restriction of each field in a tsquery. None for a plain word: it
 * cannot match the prefixed site/lang lexemes anyway, and a weight forces
 * PostgreSQL to re-check every candidate row (the GIN index stores no weights).
 */
const WEIGHTS = { any: '', title: 'A', author: 'B', site: '', lang: '' } as const;

/**
 * One term as a tsquery: a lexeme, or a phrase of them (`<->`), the last one
 * a prefix when asked. Relaxed: a phrase as its words (`&`) and no weight,
 * which the GIN index answers without reading any row.
 */
function termQuery(term: QueryTerm, relaxed = false): string {
  const tokens = tokenize(term.text);
  const prefix = term.field === 'site' || term.field === 'lang' ? META_PREFIX[term.field] : '';
  const weight = relaxed ? '' : WEIGHTS[term.field ?? 'any'];
  const lexemes = tokens.map((token, i) => {
    const label = `${i === tokens.length - 1 && term.prefix ? '*' : ''}${weight}`;
    return `${quote(prefix + token)}${label === '' ? '' : `:${label}`}`;
  });
  return lexemes.length === 1 ? (lexemes[0] ?? '') : `(${lexemes.join(relaxed ? ' & ' : ' <-> ')})`;
}

/** Compiles a parsed query (with at least one group) into a tsquery literal for `$1::tsquery`. */
export function toTsquery(parsed: ParsedQuery): string {
  const groups = parsed.all.map((group) => (group.length === 1 ? termQuery(group[0] as QueryTerm) : `(${group.map((term) => termQuery(term)).join(' | ')})`));
  return [...groups, ...parsed.none.map((term) => `!${termQuery(term)}`)].join(' & ');
}

/**
 * A tsquery every match of `parsed` also matches, which the GIN index
 * answers exactly (no phrase, no weight, no exclusion: those make
 * PostgreSQL re-check each candidate row, reading its whole tsvector).
 * Equal to toTsquery when window.ts's isIndexExact holds.
 */
export function toRelaxedTsquery(parsed: ParsedQuery): string {
  return parsed.all.map((group) => (group.length === 1 ? termQuery(group[0] as QueryTerm, true) : `(${group.map((term) => termQuery(term, true)).join(' | ')})`)).join(' & ');
}

