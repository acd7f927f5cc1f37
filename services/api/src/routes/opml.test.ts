import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIDINGS_OPML } from '../opml.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

/** A public address written as an IP: checked as the fetcher would, without DNS. */
const PUBLIC = 'https://93.184.216.34';

/** An OPML document of `body`'s outlines, with an XML declaration naming `encoding`. */
function declared(encoding: string, body: string): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n<opml version="2.0"><head><title>Flux</title></head><body>${body}</body></opml>`;
}

function outline(text: string, slug: string): string {
  return `<outline type="rss" text="${text}" xmlUrl="${PUBLIC}/${slug}.xml"/>`;
}

interface ImportAnswer {
  added: number;
  existing: number;
  unprocessed: number;
  report: {
    added: Array<{ url: string; title: string | null; tags: string[] }>;
    unprocessed: Array<{ url: string; title: string | null; tags: string[]; code: string; reason: string }>;
  };
}

/** POST /api/opml over HTTP, against a real SQLite index. */
describe('POST /api/opml', () => {
  let api: TestApp;
  let budgeted: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ deps: { opml: TIDINGS_OPML } });
    budgeted = await startTestApp({ deps: { opml: TIDINGS_OPML, opmlImportBudgetMs: 40 } });
  });

  afterAll(async () => {
    await api?.close();
    await budgeted?.close();
  });

  const post = async (app: TestApp, body: Uint8Array<ArrayBuffer> | string, contentType = 'text/x-opml') => {
    const answer = await fetch(`${app.url}/api/opml`, { method: 'POST', body, headers: { 'content-type': contentType } });
    return { status: answer.status, body: (await answer.json()) as ImportAnswer };
  };

  it('reads the file in the charset it declares (ISO-8859-1, windows-1252), not as UTF-8', async () => {
    const latin1 = Buffer.from(declared('ISO-8859-1', `<outline text="Actualités">${outline('Café de Zürich', 'cafe')}</outline>`), 'latin1');
    // windows-1252 puts € and the curly quotes at 0x80, 0x93 and 0x94, where ISO-8859-1 has control characters.
    const [before, after] = declared('windows-1252', outline('@', 'prix')).split('@') as [string, string];
    const cp1252 = Buffer.concat([Buffer.from(before, 'latin1'), Buffer.from([0x93, 0x80, 0x94]), Buffer.from(after, 'latin1')]);
    for (const [bytes, expected] of [
      [latin1, { url: `${PUBLIC}/cafe.xml`, title: 'Café de Zürich', tags: ['Actualités'] }],
      [cp1252, { url: `${PUBLIC}/prix.xml`, title: '“€”', tags: [] }],
    ] as const) {
      const answer = await post(api, bytes);
      expect(answer.status).toBe(200);
      expect(answer.body.report.added).toMatchObject([expected]);
      expect((await api.index.listFeeds()).find((feed) => feed.url === expected.url)).toMatchObject(expected);
    }
  });

  it("takes the upload's Content-Type charset for a file that declares none", async () => {
    const bytes = Buffer.from(`<opml version="2.0"><body>${outline('Crème brûlée', 'creme')}</body></opml>`, 'latin1');
    const answer = await post(api, bytes, 'text/xml; charset=iso-8859-1');
    expect(answer.body.report.added.map((feed) => feed.title)).toEqual(['Crème brûlée']);
  });

  it('refuses a body of another type (JSON, plain text) as 415, naming the types it takes', async () => {
    for (const contentType of ['application/json', 'text/plain']) {
      const answer = await fetch(`${api.url}/api/opml`, { method: 'POST', body: JSON.stringify({ url: `${PUBLIC}/x.xml` }), headers: { 'content-type': contentType } });
      expect(answer.status, contentType).toBe(415);
      expect(await answer.json()).toMatchObject({ error: 'unsupported-media-type', message: expect.stringContaining('text/x-opml') });
    }
  });

  it('answers within its time budget, the feeds it did not come to listed as out-of-time and counted', async () => {
    const count = 3_000;
    const body = Array.from({ length: count }, (_, n) => outline(`Feed ${n}`, `budget/${n}`)).join('\n');
    const answer = await post(budgeted, declared('UTF-8', `<outline text="Bulk">${body}</outline>`));
    expect(answer.status).toBe(200);
    const { added, unprocessed, report } = answer.body;
    expect(unprocessed).toBeGreaterThan(0);
    expect(added + unprocessed).toBe(count);
    expect(report.unprocessed).toHaveLength(unprocessed);
    expect(report.unprocessed[0]).toEqual({ url: `${PUBLIC}/budget/${added}.xml`, title: `Feed ${added}`, tags: ['Bulk'], code: 'out-of-time', reason: expect.any(String) });
    expect(report.unprocessed.at(-1)?.url).toBe(`${PUBLIC}/budget/${count - 1}.xml`);
    expect(await budgeted.index.listFeeds()).toHaveLength(added);
  });
});
