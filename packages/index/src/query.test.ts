import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { buildFtsQuery, parseQuery, toRelaxedFts5, type QueryTerm } from './query.js';
import { toTsquery } from './postgres/lexemes.js';

function rejection(query: string): TidingsError {
  try {
    buildFtsQuery(query);
  } catch (error) {
    if (error instanceof TidingsError) return error;
    throw error;
  }
  throw new Error(`buildFtsQuery(${JSON.stringify(query)}) did not throw`);
}

const any = (text: string, prefix = false): QueryTerm => ({ field: null, text, prefix });
const ANY = '{title authors text} : ';

describe('parseQuery', () => {
  it('makes every bare word a group of its own, and OR joins neighbours into one group', () => {
    expect(parseQuery('eu brexit OR remain -leave')).toEqual({ all: [[any('eu')], [any('brexit'), any('remain')]], none: [any('leave')] });
  });

  it('reads fields, quoted values and prefixes', () => {
    expect(parseQuery('title:"lachin corr"* AUTHOR:doe site:bbc.co.uk -lang:en')).toEqual({
      all: [[{ field: 'title', text: 'lachin corr', prefix: true }], [{ field: 'author', text: 'doe', prefix: false }], [{ field: 'site', text: 'bbc.co.uk', prefix: false }]],
      none: [{ field: 'lang', text: 'en', prefix: false }],
    });
  });

  it('reads a site: term as the site filter reads a site: an internationalised host as its punycode', () => {
    expect(parseQuery('site:bücher.example -site:https://www.Other.example/a site:"Bücherei Nord"')).toEqual({
      all: [[{ field: 'site', text: 'xn--bcher-kva.example', prefix: false }], [{ field: 'site', text: 'bücherei nord', prefix: false }]],
      none: [{ field: 'site', text: 'other.example', prefix: false }],
    });
    expect(parseQuery('site:www.*').all).toEqual([[{ field: 'site', text: 'www.', prefix: true }]]);
  });

  it('keeps unknown name: prefixes as text', () => {
    expect(parseQuery('text:lachin https://example.org')).toEqual({ all: [[any('text:lachin')], [any('https://example.org')]], none: [] });
  });

  it('returns nothing for an empty query (the caller decides whether filters make it valid)', () => {
    expect(parseQuery('  ')).toEqual({ all: [], none: [] });
  });

  it.each([
    ['title:', /title: without a value/u],
    ['title: lachin', /title: without a value/u],
    ['site:""', /site: without a word/u],
    ['lang:en_GB!', /lang:en_GB!, which is not a language code/u],
    ['x'.repeat(1001), /too long \(1001 characters; at most 1000\)/u],
  ])('says what is wrong with %j', (query, message) => {
    expect(() => parseQuery(query)).toThrow(message);
  });
});

describe('buildFtsQuery (FTS5)', () => {
  it('requires every bare word, each quoted and restricted to title, authors and text', () => {
    expect(buildFtsQuery('lachin corridor')).toBe(`${ANY}"lachin" AND ${ANY}"corridor"`);
    expect(buildFtsQuery('  lachin \t corridor\n')).toBe(`${ANY}"lachin" AND ${ANY}"corridor"`);
  });

  it('writes a NUL as a space, which FTS5 would read as the end of the expression (found by fuzzing)', () => {
    expect(buildFtsQuery('lachin\u0000corridor W\u0000')).toBe(`${ANY}"lachin corridor" AND ${ANY}"W "`);
  });

  it('keeps a quoted phrase together, and runs an unclosed quote to the end', () => {
    expect(buildFtsQuery('"lachin corridor" talks')).toBe(`${ANY}"lachin corridor" AND ${ANY}"talks"`);
    expect(buildFtsQuery('talks "lachin corridor')).toBe(`${ANY}"talks" AND ${ANY}"lachin corridor"`);
  });

  it('turns -word, -"phrase" and NOT word into exclusions', () => {
    expect(buildFtsQuery('lachin -traffic')).toBe(`${ANY}"lachin" NOT ${ANY}"traffic"`);
    expect(buildFtsQuery('a b -c')).toBe(`(${ANY}"a" AND ${ANY}"b") NOT ${ANY}"c"`);
    expect(buildFtsQuery('lachin -"road works" NOT traffic')).toBe(`${ANY}"lachin" NOT ${ANY}"road works" NOT ${ANY}"traffic"`);
  });

  it('binds OR tighter than the implied AND', () => {
    expect(buildFtsQuery('brexit OR lachin')).toBe(`(${ANY}"brexit" OR ${ANY}"lachin")`);
    expect(buildFtsQuery('eu brexit OR remain OR leave')).toBe(`${ANY}"eu" AND (${ANY}"brexit" OR ${ANY}"remain" OR ${ANY}"leave")`);
  });

  it('treats only upper-case OR, AND and NOT as operators, and ignores dangling ones', () => {
    expect(buildFtsQuery('war or peace')).toBe(`${ANY}"war" AND ${ANY}"or" AND ${ANY}"peace"`);
    expect(buildFtsQuery('war AND peace')).toBe(`${ANY}"war" AND ${ANY}"peace"`);
    expect(buildFtsQuery('OR lachin')).toBe(`${ANY}"lachin"`);
    expect(buildFtsQuery('lachin AND OR corridor')).toBe(`${ANY}"lachin" AND ${ANY}"corridor"`);
    // OR twice in a row is OR once: "a OR OR b" found nothing where "a OR b" found three articles.
    expect(buildFtsQuery('observers OR OR apricot')).toBe(buildFtsQuery('observers OR apricot'));
  });

  it('turns a trailing * into a prefix search', () => {
    expect(buildFtsQuery('corrid***')).toBe(`${ANY}"corrid"*`);
    expect(buildFtsQuery('"lachin corr"*')).toBe(`${ANY}"lachin corr"*`);
  });

  it('searches fields in their own columns', () => {
    expect(buildFtsQuery('title:"lachin corridor" author:doe* site:bbc lang:en')).toBe('title : "lachin corridor" AND authors : "doe"* AND site : "bbc" AND lang : "en"');
  });

  it('quotes everything else, so it stays plain text', () => {
    expect(buildFtsQuery('NEAR(lachin corridor)')).toBe(`${ANY}"NEAR(lachin" AND ${ANY}"corridor)"`);
    expect(buildFtsQuery('say"hi"there')).toBe(`${ANY}"say" AND ${ANY}"hi" AND ${ANY}"there"`);
    expect(buildFtsQuery('Москва café constructor')).toBe(`${ANY}"Москва" AND ${ANY}"café" AND ${ANY}"constructor"`);
  });

  it('gives FTS5 a word of Thai, Lao, Khmer or Burmese written together as its words spaced apart: a phrase of them', () => {
    expect(buildFtsQuery('มาตรการใหม่ -ภาษาไทย')).toBe(`${ANY}" มาตรการ ใหม่ " NOT ${ANY}" ภาษา ไทย "`);
  });

  it('drops terms with nothing searchable in them', () => {
    expect(buildFtsQuery('lachin & — corridor')).toBe(`${ANY}"lachin" AND ${ANY}"corridor"`);
    expect(buildFtsQuery('lachin OR & corridor')).toBe(`(${ANY}"lachin" OR ${ANY}"corridor")`);
  });

  it.each(['', '   ', '"', '""', '*', '&&&', 'AND', 'OR', 'NOT', '- -'])('rejects %j: no words to search for', (query) => {
    const error = rejection(query);
    expect(error).toMatchObject({ code: 'invalid-payload', permanent: true });
    expect(error.message).toMatch(/no words to search for/u);
  });

  it.each(['-lachin', '-lachin -corridor', 'NOT lachin', '-"lachin corridor"'])('rejects %j: only exclusions', (query) => {
    expect(rejection(query).message).toMatch(/only excludes/u);
  });
});

describe('toTsquery (PostgreSQL)', () => {
  const ts = (query: string) => toTsquery(parseQuery(query));

  it('makes folded lexemes, phrases of several tokens, and prefixes of the last', () => {
    expect(ts('Café U.S. "lachin corr"*')).toBe("'cafe' & ('u' <-> 's') & ('lachin' <-> 'corr':*)");
  });

  it('restricts title: and author: by weight, and site: and lang: to their prefixed lexemes', () => {
    expect(ts('title:lachin author:doe* site:"BBC News" lang:en-GB')).toBe("'lachin':A & 'doe':*B & ('~site:bbc' <-> '~site:news') & ('~lang:en' <-> '~lang:gb')");
  });

  it('makes a word of Thai, Lao, Khmer or Burmese written together a phrase of its words', () => {
    expect(ts('มาตรการใหม่ title:ภาษาไทย')).toBe("('มาตรการ' <-> 'ใหม่') & ('ภาษา':A <-> 'ไทย':A)");
  });

  it('joins alternatives with | and exclusions with & !', () => {
    expect(ts('eu brexit OR remain -leave')).toBe("'eu' & ('brexit' | 'remain') & !'leave'");
  });

  it('leaves nothing a user types as tsquery syntax', () => {
    expect(ts("it's a:b & c|d !e <-> f:*")).toBe("('it' <-> 's') & ('a' <-> 'b') & ('c' <-> 'd') & 'e' & 'f':*");
  });
});

describe('toRelaxedFts5', () => {
  it('splits phrases into their words, keeps fields, prefixes and OR, and drops exclusions', () => {
    expect(toRelaxedFts5(parseQuery('"lachin corr"* title:"u.s. deal" -brexit sao OR paulo'))).toBe(
      `(${ANY}"lachin" AND ${ANY}"corr"*) AND (title : "u" AND title : "s" AND title : "deal") AND (${ANY}"sao" OR ${ANY}"paulo")`,
    );
    expect(toRelaxedFts5(parseQuery('brexit'))).toBe(`${ANY}"brexit"`);
  });
});
