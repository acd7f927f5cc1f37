import { describe, expect, it } from 'vitest';
import { TidingsError } from '@tidings/contracts';
import { buildFtsQuery } from './query.js';

function rejection(query: string): TidingsError {
  try {
    buildFtsQuery(query);
  } catch (error) {
    if (error instanceof TidingsError) return error;
    throw error;
  }
  throw new Error(`buildFtsQuery(${JSON.stringify(query)}) did not throw`);
}

describe('buildFtsQuery', () => {
  it('requires every bare word, each quoted', () => {
    expect(buildFtsQuery('lachin corridor')).toBe('"lachin" AND "corridor"');
    expect(buildFtsQuery('  lachin \t corridor\n')).toBe('"lachin" AND "corridor"');
  });

  it('keeps a quoted phrase together, and runs an unclosed quote to the end', () => {
    expect(buildFtsQuery('"lachin corridor" talks')).toBe('"lachin corridor" AND "talks"');
    expect(buildFtsQuery('talks "lachin corridor')).toBe('"talks" AND "lachin corridor"');
  });

  it('turns -word, -"phrase" and NOT word into exclusions', () => {
    expect(buildFtsQuery('lachin -traffic')).toBe('"lachin" NOT "traffic"');
    expect(buildFtsQuery('lachin -"road works" NOT traffic')).toBe('"lachin" NOT "road works" NOT "traffic"');
    expect(buildFtsQuery('a b -c')).toBe('("a" AND "b") NOT "c"');
  });

  it('binds OR tighter than the implied AND', () => {
    expect(buildFtsQuery('brexit OR lachin')).toBe('("brexit" OR "lachin")');
    expect(buildFtsQuery('eu brexit OR remain OR leave')).toBe('"eu" AND ("brexit" OR "remain" OR "leave")');
  });

  it('treats only upper-case OR, AND and NOT as operators', () => {
    expect(buildFtsQuery('war or peace')).toBe('"war" AND "or" AND "peace"');
    expect(buildFtsQuery('war and peace')).toBe('"war" AND "and" AND "peace"');
    expect(buildFtsQuery('war AND peace')).toBe('"war" AND "peace"');
  });

  it('ignores dangling operators', () => {
    expect(buildFtsQuery('OR lachin')).toBe('"lachin"');
    expect(buildFtsQuery('lachin OR')).toBe('"lachin"');
    expect(buildFtsQuery('lachin AND OR corridor')).toBe('"lachin" AND "corridor"');
  });

  it('turns a trailing * into a prefix search', () => {
    expect(buildFtsQuery('corrid*')).toBe('"corrid"*');
    expect(buildFtsQuery('corrid***')).toBe('"corrid"*');
    expect(buildFtsQuery('"lachin corr"*')).toBe('"lachin corr"*');
  });

  it('leaves punctuation inside words to the tokenizer', () => {
    expect(buildFtsQuery('U.S. lachin-corridor')).toBe('"U.S." AND "lachin-corridor"');
    expect(buildFtsQuery('C++ 10:30')).toBe('"C++" AND "10:30"');
  });

  it('drops terms with nothing searchable in them', () => {
    expect(buildFtsQuery('lachin & — corridor')).toBe('"lachin" AND "corridor"');
    expect(buildFtsQuery('lachin OR & corridor')).toBe('("lachin" OR "corridor")');
  });

  it('quotes FTS5 syntax so it stays plain text', () => {
    expect(buildFtsQuery('title:lachin')).toBe('"title:lachin"');
    expect(buildFtsQuery('NEAR(lachin corridor)')).toBe('"NEAR(lachin" AND "corridor)"');
    expect(buildFtsQuery('^lachin {title}')).toBe('"^lachin" AND "{title}"');
    expect(buildFtsQuery('say"hi"there')).toBe('"say" AND "hi" AND "there"');
  });

  it('keeps non-ASCII words as they are', () => {
    expect(buildFtsQuery('Москва café')).toBe('"Москва" AND "café"');
  });

  it('is not fooled by words that are Object.prototype keys', () => {
    expect(buildFtsQuery('constructor toString')).toBe('"constructor" AND "toString"');
  });

  it.each(['', '   ', '"', '""', '*', '&&&', 'AND', 'OR', 'NOT', '- -'])('rejects %j: no words to search for', (query) => {
    const error = rejection(query);
    expect(error.code).toBe('invalid-payload');
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/no words to search for/);
  });

  it.each(['-lachin', '-lachin -corridor', 'NOT lachin', '-"lachin corridor"'])('rejects %j: only exclusions', (query) => {
    const error = rejection(query);
    expect(error.code).toBe('invalid-payload');
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/only excludes/);
  });
});
