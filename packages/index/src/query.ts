import { TidingsError } from '@tidings/contracts';

/**
 * One searchable unit of a user query. Every term is emitted as a quoted FTS5
 * string, so nothing a user types can become FTS5 syntax: inside quotes the
 * tokenizer splits "U.S." into `u s` and "lachin-corridor" into
 * `lachin corridor` (a phrase), and folds case and diacritics.
 */
interface Term {
  text: string;
  prefix: boolean;
  negated: boolean;
}

type Token = { kind: 'term'; term: Term } | { kind: 'or' } | { kind: 'and' } | { kind: 'not' };

/**
 * Characters the `unicode61` tokenizer keeps in tokens (letters, numbers,
 * private use). A term without any of them would be an empty phrase that
 * matches nothing, so it is dropped rather than sent.
 */
const SEARCHABLE = /[\p{L}\p{N}\p{Co}]/u;
const SPACE = /\s/u;

/** Operators are recognised in upper case only, so "or" and "and" stay ordinary words. */
const OPERATORS = new Map<string, Token>([
  ['OR', { kind: 'or' }],
  ['AND', { kind: 'and' }],
  ['NOT', { kind: 'not' }],
]);

/** Splits a query into terms and operators. Never throws: an unclosed quote runs to the end. */
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
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close === -1 ? query.length : close;
      const text = query.slice(i + 1, end);
      i = close === -1 ? query.length : close + 1;
      let prefix = false;
      while (query[i] === '*') {
        prefix = true;
        i += 1;
      }
      tokens.push({ kind: 'term', term: { text, prefix, negated } });
      continue;
    }
    // A bare word runs to the next space or quote.
    let end = i;
    while (end < query.length && !SPACE.test(query[end] ?? ' ') && query[end] !== '"') end += 1;
    const word = query.slice(i, end);
    i = end;
    const operator = negated ? undefined : OPERATORS.get(word);
    if (operator) {
      tokens.push(operator);
      continue;
    }
    const text = word.replace(/\*+$/u, '');
    tokens.push({ kind: 'term', term: { text, prefix: text.length !== word.length, negated } });
  }
  return tokens;
}

function quote(term: Term): string {
  return `"${term.text.replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
}

function invalid(query: string, problem: string): TidingsError {
  const shown = query.length > 80 ? `${query.slice(0, 80)}…` : query;
  return new TidingsError('invalid-payload', `search query "${shown}" ${problem}`, { permanent: true });
}

/**
 * Turns a user's search query into an FTS5 MATCH expression. Pure.
 *
 * - `brexit deal`: every word must match (in any column, any order).
 * - `"exact phrase"`: the words next to each other; an unclosed quote runs to the end.
 * - `-word`, `-"a phrase"`, `NOT word`: must not match.
 * - `a OR b`: either. OR binds tighter than the implied AND, so
 *   `eu brexit OR remain` means eu AND (brexit OR remain).
 * - `word*`, `"a phra"*`: prefix of the (last) word.
 * - `AND` is accepted and changes nothing. Operators count only in upper case.
 *
 * Matching ignores case and diacritics ("cafe" finds "Café"). Words are
 * always quoted, so `title:`, `NEAR(`, `^` or stray `*` are plain text.
 *
 * @throws TidingsError `invalid-payload` (permanent) when the query has no
 *   word to search for, or only excluded words.
 */
export function buildFtsQuery(query: string): string {
  if (typeof query !== 'string') {
    throw new TidingsError('invalid-payload', 'search query must be a string', { permanent: true });
  }
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  let orPending = false;
  let notPending = false;
  let afterIncluded = false;

  for (const token of scan(query)) {
    if (token.kind === 'or') {
      orPending = afterIncluded;
      afterIncluded = false;
    } else if (token.kind === 'and') {
      orPending = false;
      afterIncluded = false;
    } else if (token.kind === 'not') {
      notPending = true;
      afterIncluded = false;
    } else if (SEARCHABLE.test(token.term.text)) {
      const term = { ...token.term, negated: token.term.negated || notPending };
      notPending = false;
      const last = groups.at(-1);
      if (term.negated) {
        excluded.push(term);
        orPending = false;
        afterIncluded = false;
      } else {
        if (orPending && last) last.push(term);
        else groups.push([term]);
        orPending = false;
        afterIncluded = true;
      }
    }
    // A term with nothing searchable in it ("&", "—", "*") is skipped, leaving the operators around it as they were.
  }

  if (groups.length === 0) {
    throw invalid(query, excluded.length > 0 ? 'only excludes words; add a word to search for' : 'has no words to search for');
  }
  const included = groups
    .map((group) => {
      const alternatives = group.map(quote);
      return alternatives.length === 1 ? alternatives.join('') : `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
  if (excluded.length === 0) return included;
  const positive = groups.length > 1 ? `(${included})` : included;
  return [positive, ...excluded.map(quote)].join(' NOT ');
}
