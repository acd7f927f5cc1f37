import { TidingsError } from '@tidings/contracts';
import { utf8Length, wellFormed } from './text/encoding.js';
import { siteFilterKey } from './search/site-filter.js';
import { fts5Text, tokenize } from './text/tokens.js';

/**
 * The search query language, parsed once into a backend-neutral tree that
 * each backend compiles (`toFts5` here for SQLite, `toTsquery` in
 * postgres/tsquery.ts). Pure.
 *
 * - `brexit deal`: every word must match (title, authors or text; any order).
 * - `"exact phrase"`: the words next to each other; an unclosed quote runs to the end.
 * - `-word`, `-"a phrase"`, `NOT word`, `-site:x`: must not match.
 * - `a OR b`: either. OR binds tighter than the implied AND, so
 *   `eu brexit OR remain` means eu AND (brexit OR remain).
 * - `word*`, `"a phra"*`: prefix of the (last) word.
 * - `title:word`, `author:smith`, `site:bbc`, `lang:en`: the word (or
 *   `title:"a phrase"`, `site:"BBC News"`) in that field only. `site:` looks
 *   in the site name and host name (an address or a host written as the
 *   site filter takes them: `site:bücher.example` is the punycode host the
 *   article's is stored as), `lang:en` also finds `en-GB`.
 * - `AND` is accepted and changes nothing. Operators count only in upper case;
 *   any other `name:` is plain text.
 *
 * Matching ignores case and diacritics ("cafe" finds "Café"); punctuation
 * inside a word splits it into a phrase ("U.S." is `u s`), and so does each
 * Chinese, Japanese or Korean character ("図書館" is `図 書 館`: found inside
 * "東京都立図書館") and each word of Thai, Lao, Khmer or Burmese ("ภาษาไทย"
 * is `ภาษา ไทย`; see text/tokens.ts).
 */

/** Fields a term can be restricted to. */
export const QUERY_FIELDS = ['title', 'author', 'site', 'lang'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** One searchable unit: a word or phrase, possibly restricted to a field. */
export interface QueryTerm {
  /** null: title, authors and text. */
  field: QueryField | null;
  /** As typed (without quotes; a `site:` term's as search/site-filter.ts reads a site); backends tokenise it, several tokens making a phrase. */
  text: string;
  /** The last token is a prefix. */
  prefix: boolean;
}

/** A parsed query: every group in `all` must match (a group matches when any of its terms does), no term in `none` may. */
export interface ParsedQuery {
  all: QueryTerm[][];
  none: QueryTerm[];
}

/** Longest query accepted, and most terms: beyond these a query is a mistake or an attack, and slow on any backend. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_TERMS = 64;
/**
 * Longest word (a token, in UTF-8) a query may hold. PostgreSQL refuses a
 * tsquery lexeme of over 2047 bytes (a program limit: 700 Thai letters made
 * a retryable `io` failure where SQLite answered), and stores an article's
 * longer words cut to 2000 bytes (postgres/lexemes.ts): a word of at most
 * this many bytes matches those as a prefix, as in FTS5, and never equals one.
 */
export const MAX_WORD_BYTES = 1000;

/** True when a token is too long for a query (see MAX_WORD_BYTES): measured only when it could be. */
export function isOverlongWord(token: string): boolean {
  return token.length * 3 > MAX_WORD_BYTES && utf8Length(token) > MAX_WORD_BYTES;
}

type Token = { kind: 'term'; term: QueryTerm; negated: boolean } | { kind: 'or' } | { kind: 'and' } | { kind: 'not' };

const SPACE = /\s/u;
const FIELD = /^([A-Za-z]+):/u;
const LANGUAGE_CODE = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/iu;

/** Operators are recognised in upper case only, so "or" and "and" stay ordinary words. */
const OPERATORS = new Map<string, Token>([
  ['OR', { kind: 'or' }],
  ['AND', { kind: 'and' }],
  ['NOT', { kind: 'not' }],
]);

function invalid(query: string, problem: string): TidingsError {
  const shown = query.length > 80 ? `${query.slice(0, 80)}…` : query;
  return new TidingsError('invalid-payload', `search query "${shown}" ${problem}`, { permanent: true });
}

function isField(name: string): name is QueryField {
  return (QUERY_FIELDS as readonly string[]).includes(name);
}

/** Reads a quoted string starting at `query[start] === '"'`; an unclosed quote runs to the end. */
function readQuoted(query: string, start: number): { text: string; end: number } {
  const close = query.indexOf('"', start + 1);
  return close === -1 ? { text: query.slice(start + 1), end: query.length } : { text: query.slice(start + 1, close), end: close + 1 };
}

/** Splits a query into terms and operators. */
function scan(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    if (SPACE.test(query[i] ?? '')) {
      i += 1;
      continue;
    }
    let negated = false;
    if (query[i] === '-' && i + 1 < query.length && !SPACE.test(query[i + 1] ?? ' ')) {
      negated = true;
      i += 1;
    }
    let field: QueryField | null = null;
    const named = FIELD.exec(query.slice(i, i + 12));
    const name = named?.[1]?.toLowerCase();
    if (named && name !== undefined && isField(name)) {
      field = name;
      i += named[0].length;
      if (i >= query.length || SPACE.test(query[i] ?? '')) throw invalid(query, `has ${name}: without a value (write e.g. ${name}:word or ${name}:"two words")`);
    }
    let text: string;
    if (query[i] === '"') {
      const quoted = readQuoted(query, i);
      text = quoted.text;
      i = quoted.end;
    } else {
      // A bare word runs to the next space or quote.
      let end = i;
      while (end < query.length && !SPACE.test(query[end] ?? ' ') && query[end] !== '"') end += 1;
      text = query.slice(i, end);
      i = end;
      const operator = negated || field ? undefined : OPERATORS.get(text);
      if (operator) {
        tokens.push(operator);
        continue;
      }
    }
    let prefix = false;
    while (query[i] === '*') {
      prefix = true;
      i += 1;
    }
    const bare = text.replace(/(?<!\*)\*+$/u, '');
    if (bare.length !== text.length) prefix = true;
    tokens.push({ kind: 'term', term: { field, text: field === 'site' ? siteTermText(bare) : bare, prefix }, negated });
  }
  return tokens;
}

/**
 * A `site:` term's text as the site filter reads a site (siteFilterKey: the
 * host of an address, an internationalised host in punycode as stored),
 * unless that leaves no word to look for (`site:www.`).
 */
function siteTermText(text: string): string {
  const key = siteFilterKey(text);
  return tokenize(key).length > 0 ? key : text;
}

/** Rejects a field term that cannot match anything, saying why. */
function checkFieldTerm(query: string, term: QueryTerm): void {
  if (term.field === null) return;
  if (tokenize(term.text).length === 0) throw invalid(query, `has ${term.field}: without a word to look for`);
  if (term.field === 'lang' && !LANGUAGE_CODE.test(term.text)) {
    throw invalid(query, `has lang:${term.text}, which is not a language code (write e.g. lang:en or lang:pt-BR)`);
  }
}

/**
 * Parses a user's search query (see the module comment for the language).
 * An empty query gives an empty `all` and `none`; the caller decides whether
 * that is allowed. Terms with nothing searchable in them (`&`, `—`, `*`) are
 * dropped, as are dangling operators.
 *
 * @throws TidingsError `invalid-payload` (permanent) for a malformed query: a
 *   field without a value, `lang:` with something not a language code, a
 *   query too long, or a word too long (MAX_WORD_BYTES).
 */
export function parseQuery(input: string): ParsedQuery {
  if (typeof input !== 'string') throw new TidingsError('invalid-payload', 'search query must be a string', { permanent: true });
  if (input.length > MAX_QUERY_LENGTH) throw invalid(input, `is too long (${input.length} characters; at most ${MAX_QUERY_LENGTH})`);
  // Lone surrogates as U+FFFD, which both stores see (text/encoding.ts): a separator, as in the articles' text.
  const query = wellFormed(input);
  const all: QueryTerm[][] = [];
  const none: QueryTerm[] = [];
  let orPending = false;
  let notPending = false;
  let afterIncluded = false;
  let count = 0;

  for (const token of scan(query)) {
    if (token.kind === 'or') {
      // A second OR in a row ("a OR OR b") joins as one does.
      orPending = afterIncluded || orPending;
      afterIncluded = false;
    } else if (token.kind === 'and') {
      orPending = false;
      afterIncluded = false;
    } else if (token.kind === 'not') {
      notPending = true;
      afterIncluded = false;
    } else {
      checkFieldTerm(query, token.term);
      const words = tokenize(token.term.text);
      if (words.length === 0) continue; // Nothing searchable: skipped, operators around it stay as they were.
      if (words.some(isOverlongWord)) throw invalid(query, `has a word too long to search for (over ${MAX_WORD_BYTES} bytes)`);
      count += 1;
      if (count > MAX_QUERY_TERMS) throw invalid(query, `has too many terms (at most ${MAX_QUERY_TERMS})`);
      const negated = token.negated || notPending;
      notPending = false;
      const last = all.at(-1);
      if (negated) {
        none.push(token.term);
        orPending = false;
        afterIncluded = false;
      } else {
        if (orPending && last) last.push(token.term);
        else all.push([token.term]);
        orPending = false;
        afterIncluded = true;
      }
    }
  }
  return { all, none };
}

/**
 * Rejects a parsed query with nothing to search for.
 *
 * @throws TidingsError `invalid-payload` (permanent) when there is no word to
 *   search for, or only excluded words.
 */
export function requireWords(query: string, parsed: ParsedQuery): void {
  if (parsed.all.length > 0) return;
  throw invalid(query, parsed.none.length > 0 ? 'only excludes words; add a word to search for' : 'has no words to search for');
}

/** FTS5 column filter for each field; `null` (no field) searches title, authors and text but not site or lang. */
const FTS5_COLUMNS: Record<QueryField | 'any', string> = {
  any: '{title authors text}',
  title: 'title',
  author: 'authors',
  site: 'site',
  lang: 'lang',
};

/**
 * One term as an FTS5 expression. The text is always quoted, so nothing a
 * user types can become FTS5 syntax: inside quotes the tokenizer splits
 * "U.S." into `u s` (a phrase) and folds case and diacritics.
 */
function fts5Term(term: QueryTerm): string {
  // FTS5 reads the expression as a C string, so a NUL would end it mid-quote ("unterminated string"):
  // a space splits the words there just as the tokenizer does at a NUL.
  const text = fts5Text(term.text).replaceAll('"', '""').replaceAll('\u0000', ' ');
  return `${FTS5_COLUMNS[term.field ?? 'any']} : "${text}"${term.prefix ? '*' : ''}`;
}

/** Compiles a parsed query (with at least one group) into an FTS5 MATCH expression. */
export function toFts5(parsed: ParsedQuery): string {
  const included = parsed.all
    .map((group) => (group.length === 1 ? fts5Term(group[0] as QueryTerm) : `(${group.map(fts5Term).join(' OR ')})`))
    .join(' AND ');
  if (parsed.none.length === 0) return included;
  const positive = parsed.all.length > 1 ? `(${included})` : included;
  return [positive, ...parsed.none.map(fts5Term)].join(' NOT ');
}

/**
 * An FTS5 expression that every match of `parsed` matches too, cheaper to
 * test: a phrase as its words ANDed (no positions compared), exclusions
 * dropped. SQLite counts its candidates to bound the work of a ranked search
 * (sqlite/window.ts), as PostgreSQL does with toRelaxedTsquery.
 * `anyColumn` drops the column filters too (a word in any column matches),
 * for ranking: FTS5 reads a word's doclist three times faster without one.
 */
export function toRelaxedFts5(parsed: ParsedQuery, options: { anyColumn?: boolean } = {}): string {
  const term = (field: QueryField | null, text: string, prefix: boolean) =>
    options.anyColumn ? `"${fts5Text(text).replaceAll('"', '""').replaceAll('\u0000', ' ')}"${prefix ? '*' : ''}` : fts5Term({ field, text, prefix });
  const relaxed = ({ field, text, prefix }: QueryTerm) => {
    const tokens = tokenize(text);
    if (tokens.length <= 1) return term(field, text, prefix);
    return `(${tokens.map((token, i) => term(field, token, prefix && i === tokens.length - 1)).join(' AND ')})`;
  };
  return parsed.all.map((group) => (group.length === 1 ? relaxed(group[0] as QueryTerm) : `(${group.map(relaxed).join(' OR ')})`)).join(' AND ');
}

/**
 * Turns a user's search query into an FTS5 MATCH expression. Pure.
 *
 * @throws TidingsError `invalid-payload` (permanent) for a malformed query,
 *   one with no word to search for, or only excluded words.
 */
export function buildFtsQuery(query: string): string {
  const parsed = parseQuery(query);
  requireWords(query, parsed);
  return toFts5(parsed);
}
