import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '@tidings/contracts';
import { openIndex } from '@tidings/index';
import { fixtureArticle } from '../support/api-instance.js';
import { runCli, runCliJson } from '../support/cli.js';
import { tempDir } from '../support/services.js';

/** `tidings prune` by hand, on a real SQLite index: what it reports, and what it leaves. */

const DAY = 86_400_000;

function article(n: number, fetchedAt: string): ArticleRecord {
  return fixtureArticle(`https://news.example.org/prune/${n}`, { title: `Prune story ${n}`, text: `Quillback report number ${n}.`, fetchedAt });
}

interface PruneJson {
  articles: number;
  seenItems: number;
  stories: number;
  cutoff: string;
  dryRun: boolean;
}

describe('tidings prune', () => {
  const data = tempDir('prune');
  const env = { TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'silent' };
  const old = new Date(Date.now() - 200 * DAY).toISOString();
  const recent = new Date(Date.now() - 2 * DAY).toISOString();

  beforeAll(async () => {
    const index = await openIndex({ dataDir: data.dir });
    try {
      await index.upsertArticles([1, 2, 3].map((n) => ({ record: article(n, old) })));
      await index.upsertArticle(article(4, recent));
    } finally {
      await index.close();
    }
  });

  afterAll(() => data.remove());

  it('is listed in the help', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^\s+prune \[options\]/m);
    expect(help.stdout).toContain('TIDINGS_RETENTION');
  });

  it('refuses to run with no retention, and a bad --older-than, with one line and exit 2', async () => {
    const none = await runCli(['prune'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('tidings: no retention set: give --older-than (e.g. 180d) or set TIDINGS_RETENTION\n');
    const bare = await runCli(['prune', '--older-than', '180'], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('needs a unit');
    const badEnv = await runCli(['prune'], { ...env, TIDINGS_RETENTION: 'soon' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('TIDINGS_RETENTION');
  });

  it('--dry-run counts, then a real run removes, what is older than --older-than', async () => {
    const before = Date.now();
    const dry = await runCliJson<PruneJson>(['prune', '--older-than', '180d', '--dry-run', '--json'], env);
    expect(dry).toMatchObject({ articles: 3, seenItems: 0, stories: 0, dryRun: true });
    const cutoff = Date.parse(dry.cutoff);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 180 * DAY);
    expect(cutoff).toBeGreaterThanOrEqual(before - 180 * DAY);

    const found = await runCliJson<{ total: number }>(['search', 'quillback', '--json'], env);
    expect(found.total).toBe(4);
    // TIDINGS_RETENTION is the default of --older-than.
    const pruned = await runCliJson<PruneJson>(['prune', '--json'], { ...env, TIDINGS_RETENTION: '180d' });
    expect(pruned).toMatchObject({ articles: 3, seenItems: 0, stories: 0, dryRun: false });
    expect((await runCliJson<{ total: number }>(['search', 'quillback', '--json'], env)).total).toBe(1);

    const again = await runCli(['prune', '--older-than', '180d'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^removed 0 articles, 0 seen items and 0 stories fetched or claimed before \d{4}-\d\d-\d\dT/);
  });
});
