/**
 * The search query language (packages/index/src/query.ts) on any text,
 * through parseQuery and then a real search of a small in-memory SQLite
 * index:
 *
 * - parseQuery returns a well-formed ParsedQuery or throws an
 *   `invalid-payload` TidingsError, nothing else;
 * - the search then gives results, or refuses the query with
 *   `invalid-payload` (no words to look for, a NUL), as the index
 *   documents, but never because SQLite rejected the FTS5 expression:
 *   query.ts promises nothing a user types becomes FTS5 syntax.
 */
import type { ArticleRecord } from '@tidings/contracts';
import { parseQuery, QUERY_FIELDS, SqliteIndex, type ParsedQuery } from '@tidings/index';
import { articleId } from '@tidings/url';
import { check, expectTidingsError, shown, unexpected } from '../contract.js';

/** Most terms parseQuery lets through (MAX_QUERY_TERMS in query.ts). */
const MAX_TERMS = 64;

function article(url: string, fields: Pick<ArticleRecord, 'title' | 'authors' | 'text' | 'siteName' | 'lang'>): ArticleRecord {
  return {
    id: articleId(url),
    url,
    publishedAt: '2024-05-01T08:00:00.000Z',
    modifiedAt: null,
    excerpt: null,
    html: `<p>${fields.text}</p>`,
    wordCount: fields.text.split(/\s+/).length,
    imageUrl: null,
    tags: ['World'],
    feedUrls: ['https://news.example/feed.xml'],
    fetchedAt: '2024-05-01T09:00:00.000Z',
    ...fields,
  };
}

// A few articles, so that searches match, rank and build snippets rather than stop at an empty table.
const index = SqliteIndex.open(':memory:');
await index.upsertArticle(
  article('https://news.example/world/brexit-deal', {
    title: 'EU and UK agree Brexit deal on fishing rights',
    authors: ['Jane Doe'],
    text: 'Negotiators in Brussels said the U.S. observers welcomed the deal. Café owners in Calais were sceptical; “remain” campaigners were not.',
    siteName: 'BBC News',
    lang: 'en-GB',
  }),
);
await index.upsertArticle(
  article('https://novosti.example/mir/lachin', {
    title: 'Лачинский коридор снова открыт',
    authors: ['Иван Петров', 'A. Smith'],
    text: 'Движение по Лачинскому коридору возобновилось утром. Łódź, São Paulo and 東京 were mentioned too.',
    siteName: 'Novosti',
    lang: 'ru',
  }),
);

function checkParsed(query: string, parsed: ParsedQuery): void {
  const terms = [...parsed.all.flat(), ...parsed.none];
  check(terms.length <= MAX_TERMS, `${shown(query)} parsed to ${terms.length} terms, more than ${MAX_TERMS}`);
  check(parsed.all.every((group) => group.length > 0), `${shown(query)} parsed to an empty OR group`);
  for (const term of terms) {
    check(term.field === null || QUERY_FIELDS.includes(term.field), `${shown(query)} gave a term in field ${JSON.stringify(term.field)}`);
    check(typeof term.text === 'string' && term.text !== '', `${shown(query)} gave a term with no text`);
    check(typeof term.prefix === 'boolean', `${shown(query)} gave a term whose prefix is not a boolean`);
  }
}

export async function fuzz(data: Buffer): Promise<void> {
  const query = data.toString('utf8');
  let parsed: ParsedQuery;
  try {
    parsed = parseQuery(query);
  } catch (error) {
    expectTidingsError(error, ['invalid-payload']);
    return;
  }
  checkParsed(query, parsed);
  let result;
  try {
    result = await index.search(query);
  } catch (error) {
    // The index may refuse a query it cannot run (no words; a NUL, which PostgreSQL cannot hold), always as invalid-payload.
    expectTidingsError(error, ['invalid-payload']);
    // The one refusal that carries a cause is SQLite's own error, which quoting every word is meant to make impossible.
    if (error instanceof Error && error.cause !== undefined) throw unexpected(error.cause, `SQLite to accept the FTS5 expression for ${shown(query)}`);
    return;
  }
  check(parsed.all.length > 0, `${shown(query)} has no word to search for, but the search ran`);
  check(result.hits.length <= result.total, `${shown(query)}: ${result.hits.length} hits of ${result.total}`);
}
