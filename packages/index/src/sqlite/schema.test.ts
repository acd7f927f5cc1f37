import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { indicJoinerArticles, letterFoldArticles, makeArticle, makeTempDir, retokenizedArticles } from '../test-fixtures.js';
import { FTS5_TOKENIZE } from '../text/fts5-table.js';
import { fts5Text } from '../text/tokens.js';
import { SCHEMA_VERSION } from './schema.js';
import { SqliteIndex } from './sqlite-index.js';

let temp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'tidings.db');
});

afterEach(() => temp.remove());

function inspect<T>(body: (db: Sqlite.Database) => T): T {
  const db = new Sqlite(file, { readonly: true });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/**
 * Makes a file written by today's code one of version `version`, for the migrations after it to run on: what they
 * added to the schema is taken out again (the tests write their own rows as that version had them), and the version set.
 */
function asVersion(db: Sqlite.Database, version: number): void {
  if (version < 12) db.exec('ALTER TABLE seen_items DROP COLUMN revision');
  if (version < 18) db.exec('DROP TABLE feed_tags');
  if (version < 19) db.exec('DROP INDEX seen_items_by_guid; ALTER TABLE seen_items DROP COLUMN guid');
  if (version < 20) db.exec('ALTER TABLE seen_items DROP COLUMN article_url');
  db.pragma(`user_version = ${version}`);
}

describe('index schema', () => {
  it('creates a WAL-mode file with every table and records the schema version', async () => {
    await SqliteIndex.open(file).close();
    inspect((db) => {
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(['articles', 'articles_fts', 'feeds', 'seen_items']));
      const fts = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'").get();
      expect(fts?.sql).toMatch(/unicode61 remove_diacritics 2/u);
    });
  });

  it('opens an up-to-date file again without re-running migrations', async () => {
    await SqliteIndex.open(file).close();
    const again = SqliteIndex.open(file);
    await expect(again.countArticles()).resolves.toBe(0);
    await again.close();
  });

  it('refuses a file written by a newer schema version, leaving it untouched', () => {
    const db = new Sqlite(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    let error: unknown;
    try {
      SqliteIndex.open(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'io', permanent: true });
    expect((error as Error).message).toMatch(/newer/u);
    inspect((check) => {
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
      expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'articles'").get()).toEqual({ n: 0 });
    });
  });

  it('reports a file that is not a database as a TidingsError', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not a database, just some text that is long enough to have a header '.repeat(20));
    expect(() => SqliteIndex.open(file)).toThrow(TidingsError);
  });
});

describe('migration 3 (search filters and feed health)', () => {
  it('carries version-2 files over: articles stay searchable, gain filters and facets, feeds gain their health fields', async () => {
    const { MIGRATIONS } = await import('./schema.js');
    const db = new Sqlite(file);
    for (const step of MIGRATIONS.slice(0, 2)) if (typeof step === 'string') db.exec(step);
    const record = makeArticle('https://www.news.example.org/old', { title: 'Lachin corridor reopens', authors: ['Jane Doe'], lang: 'en-GB', siteName: null, tags: ['World'], text: 'Traffic resumed.' });
    db.prepare(
      `INSERT INTO articles (doc, id, url, title, published_at, site_name, lang, fetched_at, record) VALUES (7, ?, ?, ?, ?, NULL, 'en-GB', ?, ?)`,
    ).run(record.id, record.url, record.title, record.publishedAt, record.fetchedAt, JSON.stringify(record));
    db.prepare('INSERT INTO articles_fts (rowid, title, authors, text) VALUES (7, ?, ?, ?)').run(record.title, 'Jane Doe', record.text);
    db.prepare("INSERT INTO feeds (id, url, added_at) VALUES ('f1', 'https://news.example.org/feed', '2025-01-01T00:00:00.000Z')").run();
    db.pragma('user_version = 2');
    db.close();

    const index = SqliteIndex.open(file);
    try {
      expect(await index.getArticle(record.id)).toEqual(record);
      const found = await index.search('lachin', { facets: true });
      expect(found.hits.map((hit) => hit.authors)).toEqual([['Jane Doe']]);
      expect(found.facets).toMatchObject({ site: [{ value: 'news.example.org', count: 1 }], lang: [{ value: 'en-gb', count: 1 }] });
      expect((await index.search('site:news.example.org author:doe')).total).toBe(1);
      expect((await index.search('', { filters: { tag: 'world', lang: 'en' } })).total).toBe(1);
      // Migration 4 as well: no hints until the next parse, no warnings.
      expect(await index.getFeed('f1')).toMatchObject({ tags: [], state: 'active', stateReason: null, lastHttpStatus: null, pollHints: null, lastWarnings: [] });
      // The doc number (rowid) is kept, so the FTS row still points at it after the next upsert.
      await index.upsertArticle({ ...record, title: 'Lachin corridor closes' });
      expect((await index.search('closes')).total).toBe(1);
      expect(await index.countArticles()).toBe(1);
    } finally {
      await index.close();
    }
  });
});

describe('migration 7 (indexes no query uses)', () => {
  it('drops the site, host and lang indexes of a version-6 file; its site and lang filters still find the article', async () => {
    const { MIGRATIONS } = await import('./schema.js');
    const db = new Sqlite(file);
    for (const step of MIGRATIONS.slice(0, 6)) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma('user_version = 6');
    db.close();
    const indexNames = () =>
      inspect((check) => check.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'articles' AND sql IS NOT NULL ORDER BY name").all().map((row) => row.name));
    expect(indexNames()).toEqual(expect.arrayContaining(['articles_by_host', 'articles_by_lang', 'articles_by_site']));

    const index = SqliteIndex.open(file);
    try {
      await index.upsertArticle(makeArticle('https://news.example.org/a', { title: 'Lachin corridor reopens', lang: 'en-GB', siteName: 'Example News' }));
      expect((await index.search('lachin', { filters: { site: 'example.org', lang: 'en' } })).total).toBe(1);
      expect((await index.search('', { filters: { site: 'Example News' } })).total).toBe(1);
    } finally {
      await index.close();
    }
    expect(indexNames()).toEqual(['articles_by_date', 'articles_by_story']);
  });
});

describe('migration 8 (full-text merges)', () => {
  const setting = (key: string) => inspect((db) => db.prepare<[string], { v: number }>('SELECT v FROM articles_fts_config WHERE k = ?').get(key)?.v);

  it('has FTS5 merge eight segments of a level at a time, in a new file and in a version-7 one', async () => {
    await SqliteIndex.open(file).close();
    expect(setting('automerge')).toBe(8);

    const { MIGRATIONS } = await import('./schema.js');
    const old = join(temp.dir, 'old.db');
    const db = new Sqlite(old);
    for (const step of MIGRATIONS.slice(0, 7)) {
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma('user_version = 7');
    expect(db.prepare("SELECT v FROM articles_fts_config WHERE k = 'automerge'").get()).toBeUndefined();
    db.close();
    const index = SqliteIndex.open(old);
    try {
      await index.upsertArticle(makeArticle('https://news.example.org/a', { title: 'Lachin corridor reopens' }));
      expect((await index.search('lachin')).total).toBe(1);
    } finally {
      await index.close();
    }
    file = old;
    expect(setting('automerge')).toBe(8);
    expect(setting('hashsize')).toBe(16777216);
  });
});

describe('migration 11 (a token per Chinese, Japanese or Korean character)', () => {
  it('indexes the articles written before again: a word inside a run is found, the run itself still is', async () => {
    const tokyo = makeArticle('https://news.example.org/tokyo', { title: '東京都立図書館が改装', text: '東京都立図書館は来月から開館時間を延長する。', lang: 'ja' });
    const english = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    const written = SqliteIndex.open(file);
    await written.upsertArticles([tokyo, english].map((record) => ({ record })));
    await written.close();
    // As an earlier version wrote them: the text as it is, a run of CJK characters one token; and the version before 11.
    const db = new Sqlite(file);
    const doc = db.prepare<[string], { doc: number }>('SELECT doc FROM articles WHERE url = ?').get(tokyo.url)!.doc;
    db.prepare('DELETE FROM articles_fts WHERE rowid = ?').run(doc);
    db.prepare("INSERT INTO articles_fts (rowid, title, authors, text, site, lang) VALUES (?, ?, '', ?, '', 'ja')").run(doc, tokyo.title, tokyo.text);
    asVersion(db, 10);
    db.close();
    const index = SqliteIndex.open(file);
    try {
      expect((await index.search('図書館')).hits.map((hit) => hit.url)).toEqual([tokyo.url]);
      expect((await index.search('東京都立図書館は来月から開館時間を延長する')).hits.map((hit) => hit.url)).toEqual([tokyo.url]);
      expect((await index.search('turnips')).hits.map((hit) => hit.url)).toEqual([english.url]);
    } finally {
      await index.close();
    }
  });
});

describe('migration 13 (dates outside the years 1-9999)', () => {
  it('dates the articles an earlier version dated by such a publishedAt by their fetchedAt, leaving the others and the records', async () => {
    const future = makeArticle('https://news.example.org/future', { title: 'Future lantern', publishedAt: '+010000-01-01T00:00:00.000Z', fetchedAt: '2025-05-05T00:00:00.000Z' });
    const zero = makeArticle('https://news.example.org/zero', { title: 'Zero lantern', publishedAt: '0000-06-01T00:00:00.000Z', fetchedAt: '2025-04-04T00:00:00.000Z' });
    const plain = makeArticle('https://news.example.org/plain', { title: 'Plain lantern', publishedAt: '2025-03-03T00:00:00.000Z' });
    const written = SqliteIndex.open(file);
    await written.upsertArticles([future, zero, plain].map((record) => ({ record })));
    await written.close();
    // As the version before 13 dated them: by the publishedAt as it was.
    const db = new Sqlite(file);
    for (const record of [future, zero]) db.prepare('UPDATE articles SET date_key = ? WHERE url = ?').run(record.publishedAt, record.url);
    asVersion(db, 12);
    db.close();
    const index = SqliteIndex.open(file);
    try {
      expect((await index.search('lantern', { sort: 'date' })).hits.map((hit) => hit.url)).toEqual([future.url, zero.url, plain.url]);
      expect(await index.getArticle(future.url)).toEqual(future);
    } finally {
      await index.close();
    }
    inspect((check) => {
      expect(check.prepare('SELECT date_key FROM articles ORDER BY doc').all()).toEqual([
        { date_key: '2025-05-05T00:00:00.000Z' },
        { date_key: '2025-04-04T00:00:00.000Z' },
        { date_key: '2025-03-03T00:00:00.000Z' },
      ]);
    });
  });
});

describe('migration 14 (Thai, Lao, Khmer and Burmese cut into words)', () => {
  it('indexes again the articles written before that hold those scripts: a word inside a stretch without spaces is found', async () => {
    const thai = makeArticle('https://news.example.org/thai', { title: 'ข่าวภาษาไทย', text: 'รัฐบาลไทยประกาศมาตรการใหม่วันนี้', lang: 'th' });
    const khmer = makeArticle('https://news.example.org/khmer', { title: 'ព័ត៌មាន', text: 'រដ្ឋាភិបាលកម្ពុជាប្រកាសវិធានការថ្មី', lang: 'km' });
    const english = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    const written = SqliteIndex.open(file);
    await written.upsertArticles([thai, khmer, english].map((record) => ({ record })));
    await written.close();
    // As an earlier version wrote them: the text as it is, a stretch one token as far as the next combining mark; and
    // the version before 14. The English article's row is written without its text: migration 15 indexes it again.
    const db = new Sqlite(file);
    for (const record of [thai, khmer, english]) {
      const doc = db.prepare<[string], { doc: number }>('SELECT doc FROM articles WHERE url = ?').get(record.url)!.doc;
      db.prepare('DELETE FROM articles_fts WHERE rowid = ?').run(doc);
      const text = record === english ? '' : record.text;
      db.prepare("INSERT INTO articles_fts (rowid, title, authors, text, site, lang) VALUES (?, ?, '', ?, '', ?)").run(doc, record.title, text, record.lang);
    }
    asVersion(db, 13);
    db.close();
    const index = SqliteIndex.open(file);
    try {
      expect((await index.search('ประกาศ')).hits.map((hit) => hit.url)).toEqual([thai.url]);
      expect((await index.search('มาตรการใหม่')).hits.map((hit) => hit.url)).toEqual([thai.url]);
      expect((await index.search('title:ภาษา')).hits.map((hit) => hit.url)).toEqual([thai.url]);
      expect((await index.search('កម្ពុជា')).hits.map((hit) => hit.url)).toEqual([khmer.url]);
      expect((await index.search('turnip')).hits.map((hit) => hit.url)).toEqual([english.url]);
      expect((await index.search('winter')).hits.map((hit) => hit.url)).toEqual([english.url]);
    } finally {
      await index.close();
    }
    inspect((check) => expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION));
  });
});

describe('migration 15 (combining marks inside words, points folded away, compatibility forms)', () => {
  it('makes the full-text table again with the tokenizer fts5-table.ts describes and indexes every article again', async () => {
    const { hindi, scribe, arabic, japanese, english, searches } = retokenizedArticles();
    const written = SqliteIndex.open(file);
    await written.upsertArticles([hindi, scribe, arabic, japanese, english].map((record) => ({ record })));
    await written.close();
    // As a version-14 file has them: the full-text table made with the tokenizer of then, marks between tokens.
    const db = new Sqlite(file);
    db.exec(`
      DROP TABLE articles_vocab;
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, authors, text, site, lang, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
    `);
    for (const record of [hindi, scribe, arabic, japanese, english]) {
      const doc = db.prepare<[string], { doc: number }>('SELECT doc FROM articles WHERE url = ?').get(record.url)!.doc;
      db.prepare("INSERT INTO articles_fts (rowid, title, authors, text, site, lang) VALUES (?, ?, '', ?, '', ?)").run(doc, record.title, record.text, record.lang);
    }
    asVersion(db, 14);
    // Words differing only in their vowels were one: "किताब" (book) found the scribe ("कातिब") too.
    expect(db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?').get('"किताब"')?.n).toBe(2);
    db.close();
    const index = SqliteIndex.open(file);
    try {
      for (const [query, article] of searches) expect((await index.search(query)).hits.map((hit) => hit.url), query).toEqual([article.url]);
      expect((await index.search('winter')).hits.map((hit) => hit.url)).toEqual([english.url]);
    } finally {
      await index.close();
    }
    inspect((check) => {
      expect(check.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").get()?.sql).toContain(FTS5_TOKENIZE);
      expect(check.prepare<[], { v: number }>("SELECT v FROM articles_fts_config WHERE k = 'automerge'").get()?.v).toBe(8);
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    });
  });
});

/**
 * Writes `records` with today's code, rewrites their full-text rows as a file of version `version` had them (`asBefore`
 * of each title and text; `leftOut`'s text left empty, to show it is not indexed again), and opens the file again, so
 * that the migrations after `version` run: then each search finds its one article, `leftAlone` none, and the file is
 * at SCHEMA_VERSION.
 */
async function expectIndexedAgainFrom(
  version: number,
  records: readonly ArticleRecord[],
  asBefore: (text: string) => string,
  leftOut: ArticleRecord,
  searches: ReadonlyArray<readonly [string, ArticleRecord]>,
  leftAlone: string,
): Promise<void> {
  const written = SqliteIndex.open(file);
  await written.upsertArticles(records.map((record) => ({ record })));
  await written.close();
  const db = new Sqlite(file);
  for (const record of records) {
    const doc = db.prepare<[string], { doc: number }>('SELECT doc FROM articles WHERE url = ?').get(record.url)!.doc;
    db.prepare('DELETE FROM articles_fts WHERE rowid = ?').run(doc);
    const text = record === leftOut ? '' : asBefore(record.text);
    db.prepare("INSERT INTO articles_fts (rowid, title, authors, text, site, lang) VALUES (?, ?, '', ?, '', ?)").run(doc, asBefore(record.title), text, record.lang);
  }
  asVersion(db, version);
  db.close();
  const index = SqliteIndex.open(file);
  try {
    for (const [query, article] of searches) expect((await index.search(query)).hits.map((hit) => hit.url), query).toEqual([article.url]);
    expect((await index.search(leftAlone)).hits).toEqual([]);
  } finally {
    await index.close();
  }
  inspect((check) => expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION));
}

describe('migration 16 (a zero-width joiner or non-joiner inside an Indic word part of it)', () => {
  it('indexes again the articles written before that hold one: the word is found typed without it, other articles are left as they were', async () => {
    const { marathi, malayalam, persian, searches, leftAlone, cutAtJoiners } = indicJoinerArticles();
    // As a version-15 file has them: each word cut at its joiner.
    await expectIndexedAgainFrom(15, [marathi, malayalam, persian], (text) => fts5Text(cutAtJoiners(text)), persian, searches, leftAlone);
  });
});

describe('migration 17 (Greek accents and breathings, ß and ё folded away)', () => {
  it('indexes again the articles written before that hold such a letter: the word is found typed without it, other articles are left as they were', async () => {
    const { greek, german, russian, hedgehog, english, searches, leftAlone, unfolded } = letterFoldArticles();
    // As a version-16 file has them: the letters kept.
    await expectIndexedAgainFrom(16, [greek, german, russian, hedgehog, english], unfolded, english, searches, leftAlone);
  });
});

describe('migration 18 (the feeds carrying a tag found by an index)', () => {
  it('fills feed_tags from the feeds stored before, each tag folded as the tag filter folds it: the filter finds their articles', async () => {
    const written = SqliteIndex.open(file);
    const { feed: tagged } = await written.addFeed('https://news.example.org/feed.xml');
    const { feed: plain } = await written.addFeed('https://other.example.org/feed.xml');
    const listed = makeArticle('https://news.example.org/a', { title: 'Harbour tides', feedUrls: [tagged.url] });
    const other = makeArticle('https://other.example.org/b', { title: 'Harbour tides again', feedUrls: [plain.url] });
    await written.upsertArticles([listed, other].map((record) => ({ record })));
    await written.close();
    // As a version-17 file has them: no feed_tags, and tags as an earlier version stored them (a lone surrogate kept, a tag twice).
    const db = new Sqlite(file);
    db.prepare('UPDATE feeds SET tags = ? WHERE id = ?').run(JSON.stringify(['ΟΔΟΣ', 'Lamp\ud800', 'Tech', 'TECH']), tagged.id);
    asVersion(db, 17);
    db.close();
    const index = SqliteIndex.open(file);
    try {
      for (const tag of ['ΟΔΟΣ', 'οδος', 'lamp\udfff', 'LAMP\ufffd', 'tech']) {
        expect((await index.search('harbour', { filters: { tag } })).hits.map((hit) => hit.url), tag).toEqual([listed.url]);
        expect((await index.search('', { filters: { tag } })).hits.map((hit) => hit.url), tag).toEqual([listed.url]);
      }
      // PostgreSQL's lower() of ΟΔΟΣ, not JavaScript's.
      expect((await index.search('harbour', { filters: { tag: 'οδοσ' } })).hits).toEqual([]);
    } finally {
      await index.close();
    }
    inspect((check) => {
      expect(check.prepare('SELECT feed_id, tag_key FROM feed_tags ORDER BY tag_key').all()).toEqual(
        ['lamp\ufffd', 'tech', 'οδος'].map((key) => ({ feed_id: tagged.id, tag_key: key })),
      );
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    });
  });
});
