import { describe, expect, it } from 'vitest';
import { TidingsError, type ArticleRecord } from '@tidings/contracts';
import { articleFacts } from '../search/article-facts.js';
import { indicJoinerArticles, letterFoldArticles, makeArticle, retokenizedArticles } from '../test-fixtures.js';
import { tokenize } from '../text/tokens.js';
import { UPSERT_ARTICLE } from './articles.js';
import { PostgresIndex } from './postgres-index.js';
import { articleValues } from './rows.js';
import { PG_SCHEMA_VERSION, migrateTo } from './schema.js';
import { TEST_POSTGRES_URL, useTestSchemas, withAdminClient } from '../testing/test-database.js';

const freshSchema = useTestSchemas('tidings_schema');

describe('PostgreSQL index schema', () => {
  it('creates its schema, tables, GIN index and version row', async () => {
    const schema = freshSchema();
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    await index.close();
    await withAdminClient(async (client) => {
      const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
      expect(tables.rows.map((row) => row.table_name)).toEqual(['articles', 'feed_tags', 'feeds', 'item_feeds', 'seen_items', 'store_meta', 'tidings_schema_version']);
      const version = await client.query(`SELECT version FROM "${schema}".tidings_schema_version`);
      expect(version.rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
      // The full-text GIN index: on (tsv, doc) where btree_gin is available (this machine has it), else on tsv.
      const gin = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'articles_tsv%'", [schema]);
      expect(gin.rows.map((row) => row.indexdef)).toEqual([expect.stringMatching(/USING gin \(tsv, doc\)/u)]);
    });
  });

  it('lets several instances create the same new schema at once, migrating it exactly once', async () => {
    const schema = freshSchema();
    const indexes = await Promise.all(Array.from({ length: 5 }, () => PostgresIndex.open(TEST_POSTGRES_URL, { schema, poolSize: 1 })));
    await indexes[0]?.upsertArticle(makeArticle('https://news.example.org/a', { title: 'Concurrent start' }));
    for (const index of indexes) expect(await index.countArticles()).toBe(1);
    await Promise.all(indexes.map((index) => index.close()));
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });

  it('takes the schema from ?schema= in the URL', async () => {
    const schema = freshSchema();
    const index = await PostgresIndex.open(`${TEST_POSTGRES_URL}?schema=${schema}`);
    await index.upsertArticle(makeArticle('https://news.example.org/a'));
    await index.close();
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT count(*)::int AS n FROM "${schema}".articles`)).rows).toEqual([{ n: 1 }]);
    });
  });

  it('upgrades a version-4 index in place (migration 5): its articles stay, and the full-text index merges 16 MB pending lists', async () => {
    const schema = freshSchema();
    const record = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    const reloptions = async () =>
      withAdminClient(async (client) => (await client.query<{ opts: string[] | null }>('SELECT c.reloptions AS opts FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2', [schema, 'articles_tsv_doc'])).rows[0]?.opts);
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 4);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
      expect((await client.query('SELECT version FROM tidings_schema_version')).rows).toEqual([{ version: 4 }]);
    });
    expect(await reloptions()).toBeNull();
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      expect(await index.getArticle(record.url)).toEqual(record);
      expect((await index.search('turnips')).hits.map((hit) => hit.url)).toEqual([record.url]);
    } finally {
      await index.close();
    }
    expect(await reloptions()).toEqual(['gin_pending_list_limit=16384']);
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });

  it('upgrades a version-5 index in place (migration 6): the site and host indexes hold the date, and a site search with dates still finds its articles', async () => {
    const schema = freshSchema();
    const old = makeArticle('https://news.example.org/old', { title: 'Harbour tides', publishedAt: '2025-01-10T00:00:00.000Z', siteName: 'Example News' });
    const recent = makeArticle('https://www.news.example.org/recent', { title: 'Harbour tides again', publishedAt: '2025-06-10T00:00:00.000Z', siteName: 'Example News' });
    const elsewhere = makeArticle('https://other.example.com/recent', { title: 'Harbour tides there', publishedAt: '2025-06-10T00:00:00.000Z', siteName: 'Other' });
    const siteIndexes = async () =>
      withAdminClient(async (client) =>
        (await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'articles_by_%' AND (indexdef LIKE '%site_key%' OR indexdef LIKE '%host%') ORDER BY indexname", [schema])).rows.map((row) =>
          row.indexdef.replace(/^.* USING btree /u, ''),
        ),
      );
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 5);
      await client.query(`SET search_path TO "${schema}"`);
      for (const record of [old, recent, elsewhere]) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
    });
    expect(await siteIndexes()).toEqual(['(host)', '(reverse(host) text_pattern_ops)', '(site_key)']);
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      const found = async (site: string) => (await index.search('harbour', { filters: { site, since: '2025-03-01', until: '2025-12-31' } })).hits.map((hit) => hit.url);
      expect(await found('Example News')).toEqual([recent.url]);
      expect(await found('news.example.org')).toEqual([recent.url]);
      expect(await found('example.org')).toEqual([recent.url]);
    } finally {
      await index.close();
    }
    expect(await siteIndexes()).toEqual(['(host, date_at)', '(reverse(host) text_pattern_ops, date_at)', '(site_key, date_at)']);
  });

  it('refuses a schema written by a newer version, leaving it untouched', async () => {
    const schema = freshSchema();
    await (await PostgresIndex.open(TEST_POSTGRES_URL, { schema })).close();
    await withAdminClient((client) => client.query(`UPDATE "${schema}".tidings_schema_version SET version = version + 1`));
    const error = await PostgresIndex.open(TEST_POSTGRES_URL, { schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error).toMatchObject({ code: 'io', permanent: true, message: expect.stringMatching(/newer/u) });
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION + 1 }]);
    });
  });

  it('reports an unreachable server as a retryable io error naming it, without the password', async () => {
    const error = await PostgresIndex.open('postgres://tidings:s3cret@127.0.0.1:1/test').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TidingsError', code: 'io', permanent: false });
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('refuses a bad URL or schema name before connecting', async () => {
    await expect(PostgresIndex.open('mysql://127.0.0.1/test')).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(PostgresIndex.open(TEST_POSTGRES_URL, { schema: 'Robert"); DROP TABLE x; --' })).rejects.toMatchObject({ code: 'invalid-payload' });
  });
});

describe('migration 9 (a lexeme per Chinese, Japanese or Korean character)', () => {
  it('makes the lexemes of articles written before again: a word inside a run is found, other articles are left as they were', async () => {
    const schema = freshSchema();
    const tokyo = makeArticle('https://news.example.org/tokyo', { title: '東京都立図書館が改装', text: '東京都立図書館は来月から開館時間を延長する。', lang: 'ja' });
    const english = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 8);
      await client.query(`SET search_path TO "${schema}"`);
      for (const record of [tokyo, english]) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
      // As an earlier version wrote them: a run of CJK characters one lexeme.
      await client.query("UPDATE articles SET tsv = to_tsvector('simple', record->>'title' || ' ' || (record->>'text')) WHERE url = $1", [tokyo.url]);
      expect((await client.query("SELECT tsv::text FROM articles WHERE url = $1", [tokyo.url])).rows[0].tsv).toContain("'東京都立図書館は来月から開館時間を延長する'");
    });
    const before = await withAdminClient(async (client) => (await client.query<{ tsv: string }>(`SELECT tsv::text FROM "${schema}".articles WHERE url = $1`, [english.url])).rows[0]?.tsv);
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      expect((await index.search('図書館')).hits.map((hit) => hit.url)).toEqual([tokyo.url]);
      expect((await index.search('開館時間')).hits.map((hit) => hit.url)).toEqual([tokyo.url]);
      expect((await index.search('turnips')).hits.map((hit) => hit.url)).toEqual([english.url]);
    } finally {
      await index.close();
    }
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT tsv::text FROM "${schema}".articles WHERE url = $1`, [english.url])).rows[0]?.tsv).toBe(before);
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });
});

describe('migration 12 (Thai, Lao, Khmer and Burmese cut into words)', () => {
  it('makes the lexemes again of the articles written before that hold those scripts: a word inside a stretch is found, other articles are left as they were', async () => {
    const schema = freshSchema();
    const thai = makeArticle('https://news.example.org/thai', { title: 'ข่าวภาษาไทย', text: 'รัฐบาลไทยประกาศมาตรการใหม่วันนี้', lang: 'th' });
    const burmese = makeArticle('https://news.example.org/burmese', { title: 'သတင်း', text: 'အစိုးရသည်ကြေညာချက်ထုတ်ပြန်ခဲ့သည်', lang: 'my' });
    // Its only Thai is the site name's.
    const lao = makeArticle('https://news.example.org/lao', { title: 'Vientiane', text: 'News from Laos.', siteName: 'ຂ່າວລາວ' });
    const english = makeArticle('https://news.example.org/turnips', { title: 'Turnip prices', text: 'Turnips are dear this winter.' });
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 11);
      await client.query(`SET search_path TO "${schema}"`);
      for (const record of [thai, burmese, lao, english]) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
      // As an earlier version wrote them: a stretch one lexeme as far as the next combining mark (to_tsvector splits
      // at the marks too, as FTS5 does: close enough to stand for the old lexemes); the English one without its text.
      await client.query("UPDATE articles SET tsv = to_tsvector('simple', concat_ws(' ', record->>'title', record->>'text', '~site:' || (record->>'siteName'))) WHERE url = ANY($1)", [[thai.url, burmese.url, lao.url]]);
      await client.query("UPDATE articles SET tsv = to_tsvector('simple', record->>'title') WHERE url = $1", [english.url]);
      expect((await client.query<{ tsv: string }>('SELECT tsv::text FROM articles WHERE url = $1', [thai.url])).rows[0]?.tsv).not.toContain("'ประกาศ'");
    });
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      expect((await index.search('ประกาศ')).hits.map((hit) => hit.url)).toEqual([thai.url]);
      expect((await index.search('มาตรการใหม่')).hits.map((hit) => hit.url)).toEqual([thai.url]);
      expect((await index.search('အစိုးရ')).hits.map((hit) => hit.url)).toEqual([burmese.url]);
      expect((await index.search('site:ລາວ')).hits.map((hit) => hit.url)).toEqual([lao.url]);
      expect((await index.search('turnip')).hits.map((hit) => hit.url)).toEqual([english.url]);
      expect((await index.search('winter')).hits).toEqual([]);
    } finally {
      await index.close();
    }
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });
});

describe('migration 13 (combining marks inside words, points folded away, compatibility forms)', () => {
  it('makes the lexemes again of the articles written before that hold combining marks, points or compatibility forms: words differing only in their vowels differ, a pointed word or a full-width one is found as written without, other articles are left as they were', async () => {
    const schema = freshSchema();
    const { hindi, scribe, arabic, japanese, english, searches } = retokenizedArticles();
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 12);
      await client.query(`SET search_path TO "${schema}"`);
      for (const record of [hindi, scribe, arabic, japanese, english]) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
      // As an earlier version wrote them: each word cut at its marks (किताब and कातिब both क त ब); the English one without its text.
      const cutAtMarks = (text: string) => (text.match(/[^\p{M}\s\p{P}]+/gu) ?? []).map((token, i) => `'${token}':${i + 1}`).join(' ');
      for (const record of [hindi, scribe, arabic, japanese]) await client.query('UPDATE articles SET tsv = $1::tsvector WHERE url = $2', [cutAtMarks(`${record.title} ${record.text}`), record.url]);
      await client.query("UPDATE articles SET tsv = to_tsvector('simple', record->>'title') WHERE url = $1", [english.url]);
    });
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      for (const [query, article] of searches) expect((await index.search(query)).hits.map((hit) => hit.url), query).toEqual([article.url]);
      expect((await index.search('turnip')).hits.map((hit) => hit.url)).toEqual([english.url]);
      expect((await index.search('winter')).hits).toEqual([]);
    } finally {
      await index.close();
    }
    await withAdminClient(async (client) => {
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });
});

/**
 * Migrates a fresh schema to `version`, writes `records` as that version's code wrote their lexemes (`tokensBefore` of
 * title and text; `leftOut`'s of its title alone, to show it is not made again), and opens the index, so that the
 * migrations after `version` run: then each search finds its one article, `leftAlone` none, and the schema is at
 * PG_SCHEMA_VERSION.
 */
async function expectRelexedFrom(
  version: number,
  records: readonly ArticleRecord[],
  tokensBefore: (text: string) => string[],
  leftOut: ArticleRecord,
  searches: ReadonlyArray<readonly [string, ArticleRecord]>,
  leftAlone: string,
): Promise<void> {
  const schema = freshSchema();
  await withAdminClient(async (client) => {
    await migrateTo(client, schema, version);
    await client.query(`SET search_path TO "${schema}"`);
    for (const record of records) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
    const lexemes = (text: string) => tokensBefore(text).map((token, i) => `'${token}':${i + 1}`).join(' ');
    for (const record of records) {
      const text = record === leftOut ? record.title : `${record.title} ${record.text}`;
      await client.query('UPDATE articles SET tsv = $1::tsvector WHERE url = $2', [lexemes(text), record.url]);
    }
  });
  const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
  try {
    for (const [query, article] of searches) expect((await index.search(query)).hits.map((hit) => hit.url), query).toEqual([article.url]);
    expect((await index.search(leftAlone)).hits).toEqual([]);
  } finally {
    await index.close();
  }
  await withAdminClient(async (client) => {
    expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
  });
}

describe('migration 14 (a zero-width joiner or non-joiner inside an Indic word part of it)', () => {
  it('makes the lexemes again of the articles written before that hold one: the word is found typed without it, other articles are left as they were', async () => {
    const { marathi, malayalam, persian, searches, leftAlone, cutAtJoiners } = indicJoinerArticles();
    // As an earlier version wrote them: each word cut at its joiner.
    await expectRelexedFrom(13, [marathi, malayalam, persian], (text) => tokenize(cutAtJoiners(text)), persian, searches, leftAlone);
  });
});

describe('migration 15 (Greek accents and breathings, ß and ё folded away)', () => {
  it('makes the lexemes again of the articles written before that hold such a letter: the word is found typed without it, other articles are left as they were', async () => {
    const { greek, german, russian, hedgehog, english, searches, leftAlone, unfolded } = letterFoldArticles();
    // As an earlier version wrote them: the letters kept.
    await expectRelexedFrom(14, [greek, german, russian, hedgehog, english], (text) => unfolded(text).split(' '), english, searches, leftAlone);
  });
});

describe('migration 16 (the feeds carrying a tag found by an index)', () => {
  it('fills feed_tags from the feeds stored before, each tag folded as the tag filter folds it: the filter finds their articles', async () => {
    const schema = freshSchema();
    const feeds = { tagged: 'https://news.example.org/feed.xml', plain: 'https://other.example.org/feed.xml' };
    const listed = makeArticle('https://news.example.org/a', { title: 'Harbour tides', feedUrls: [feeds.tagged] });
    const other = makeArticle('https://other.example.org/b', { title: 'Harbour tides again', feedUrls: [feeds.plain] });
    await withAdminClient(async (client) => {
      await migrateTo(client, schema, 15);
      await client.query(`SET search_path TO "${schema}"`);
      // A tag twice (in two cases), and letters PostgreSQL's lower() folds otherwise than JavaScript (ΟΔΟΣ to οδοσ).
      await client.query(
        `INSERT INTO feeds (id, url, added_at, tags) VALUES ('tagged', $1, '2025-01-01T00:00:00.000Z', $2::text[]), ('plain', $3, '2025-01-01T00:00:00.000Z', '{}')`,
        [feeds.tagged, ['ΟΔΟΣ', 'İstanbul', 'Tech', 'TECH'], feeds.plain],
      );
      for (const record of [listed, other]) await client.query(UPSERT_ARTICLE, [...articleValues(record, articleFacts(record)), [record.url, record.url]]);
    });
    const index = await PostgresIndex.open(TEST_POSTGRES_URL, { schema });
    try {
      for (const tag of ['ΟΔΟΣ', 'οδος', 'İstanbul', 'i\u0307stanbul', 'tech']) {
        expect((await index.search('harbour', { filters: { tag } })).hits.map((hit) => hit.url), tag).toEqual([listed.url]);
        expect((await index.search('', { filters: { tag } })).hits.map((hit) => hit.url), tag).toEqual([listed.url]);
      }
      expect((await index.search('harbour', { filters: { tag: 'οδοσ' } })).hits).toEqual([]);
    } finally {
      await index.close();
    }
    await withAdminClient(async (client) => {
      const keys = await client.query<{ feed_id: string; tag_key: string }>(`SELECT feed_id, tag_key FROM "${schema}".feed_tags ORDER BY tag_key COLLATE "C"`);
      expect(keys.rows).toEqual(['i\u0307stanbul', 'tech', 'οδος'].map((key) => ({ feed_id: 'tagged', tag_key: key })));
      expect((await client.query(`SELECT version FROM "${schema}".tidings_schema_version`)).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    });
  });
});
