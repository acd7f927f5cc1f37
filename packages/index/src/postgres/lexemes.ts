import type { ArticleRecord } from '@tidings/contracts';
import type { ParsedQuery, QueryTerm } from '../query.js';
import type { ArticleFacts } from '../search/article-facts.js';
import { tokenize } from '../text/tokens.js';

/**
 * Lexemes for PostgreSQL full-text search, made in TypeScript rather than by
 * `to_tsvector`: PostgreSQL's parser splits text differently from SQLite
 * FTS5 (it keeps `e-mail`, `news.example.org` and `1.5` whole, and folds
 * accents only with unaccent, which also strips the Greek ones FTS5 keeps),
 * so both backends tokenise with
 * text/tokens.ts, which reproduces FTS5 exactly, and PostgreSQL stores the
 * tokens as they are (a tsvector literal; a tsquery cast). The same query
 * then finds the same articles in both. Pure.
 *
 * Weights: A title, B authors, C body, D the site and language, whose
 * lexemes carry a prefix no token can start with (`~site:`, `~lang:`) so
 * only `site:` and `lang:` reach them, never a plain word or prefix.
 */

/** PostgreSQL's limits: positions above 16383 are stored as 16383, at most 256 positions per lexeme, lexemes under 2 KB. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_LEXEME_BYTES = 2_000;
/** Positions left between fields, so a phrase never spans title and body (as in FTS5, where they are columns). */
const FIELD_GAP = 2;

const META_PREFIX = { site: '~site:', lang: '~lang:' } as const;

/** A lexeme quoted for a tsvector/tsquery literal. */
function quote(lexeme: string): string {
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * The article's tsvector as a literal for `$1::tsvector`: every token of
 * title (A), authors (B), text (C), site and language (D) with positions.
 */
export function articleTsvector(record: ArticleRecord, facts: ArticleFacts): string {
  // Each lexeme's "position+weight" list as it grows: strings, not arrays (this runs for every word indexed).
  const entries = new Map<string, { positions: string; count: number; last: number }>();
  let position = 0;
  const add = (lexeme: string, weight: string) => {
    position = Math.min(position + 1, MAX_POSITION);
    // At most 3 bytes per UTF-16 unit: only a long lexeme can be too big (measuring every one cost more than the rest).
    if (lexeme.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES) return;
    const entry = entries.get(lexeme);
    if (!entry) {
      entries.set(lexeme, { positions: `${position}${weight}`, count: 1, last: position });
      return;
    }
    // A clamped position repeats; keep each once.
    if (entry.count >= MAX_POSITIONS_PER_LEXEME || entry.last === position) return;
    entry.positions += `,${position}${weight}`;
    entry.count += 1;
    entry.last = position;
  };
  const field = (tokens: string[], weight: string, prefix = '') => {
    for (const token of tokens) add(prefix + token, weight);
    position = Math.min(position + FIELD_GAP, MAX_POSITION);
  };
  field(tokenize(record.title), 'A');
  field(tokenize(facts.authors.join(', ')), 'B');
  field(tokenize(record.text), 'C');
  field(tokenize(facts.siteText), 'D', META_PREFIX.site);
  field(tokenize(facts.lang ?? ''), 'D', META_PREFIX.lang);
  let literal = '';
  for (const [lexeme, entry] of entries) literal += `${literal === '' ? '' : ' '}${quote(lexeme)}:${entry.positions}`;
  return literal;
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

