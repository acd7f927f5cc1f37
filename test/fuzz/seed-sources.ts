import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the fuzz targets' seed inputs come from: fixtures that the
 * packages' tests and the fixture site already keep (referenced, not
 * copied), and the few hand-written seeds in `seeds/`.
 */

export const FUZZ_DIR = fileURLToPath(new URL('.', import.meta.url));
export const REPO_ROOT = join(FUZZ_DIR, '..', '..');

/** Every file under `dir` (relative to the repository root), recursively, optionally only with these extensions; sorted. */
export function filesUnder(dir: string, extensions?: readonly string[]): Buffer[] {
  const root = join(REPO_ROOT, dir);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && (!extensions || extensions.some((extension) => entry.name.endsWith(extension))))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => relative(root, a).localeCompare(relative(root, b)))
    .map((file) => readFileSync(file));
}

/** Each line of a list file (relative to the repository root), without blank lines and `# ` comments. */
export function linesOf(file: string): Buffer[] {
  return readFileSync(join(REPO_ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .map((line) => Buffer.from(line));
}

/**
 * One charset target input (see targets/charset.ts): the kind
 * (0 none, 1 page, 2 feed), the Content-Type (null: none) and the body.
 */
export function encodeCharsetInput(kind: 0 | 1 | 2, contentType: string | null, body: Buffer): Buffer {
  if (contentType === null) return Buffer.concat([Buffer.from([kind]), body]);
  const header = Buffer.from(contentType, 'latin1').subarray(0, 255);
  return Buffer.concat([Buffer.from([kind | 4, header.length]), header, body]);
}

/** Content-Types worth combining with the seed bodies: right, wrong, unknown and odd charset labels. */
const CONTENT_TYPES = [
  null,
  'text/html; charset=utf-8',
  'text/html; charset=windows-1251',
  'application/rss+xml; charset="ISO-8859-1"',
  'text/xml; charset=utf-16',
  'application/xml; charset=x-unknown',
  'text/html;charset=Shift_JIS',
];

/** The feed corpus's charset fixtures and the fixture site's pages, each as a feed and as a page under a few Content-Types. */
export function charsetSeeds(): Buffer[] {
  const feeds = filesUnder('packages/feed/src/fixtures/corpus/encodings');
  const pages = [...filesUnder('packages/demo-site/public/ru', ['.html']), ...filesUnder('packages/extract/src/fixtures', ['.html'])];
  return [
    ...feeds.flatMap((body, index) => [encodeCharsetInput(2, CONTENT_TYPES[index % CONTENT_TYPES.length] ?? null, body), encodeCharsetInput(0, null, body)]),
    ...pages.flatMap((body, index) => [encodeCharsetInput(1, CONTENT_TYPES[(index + 1) % CONTENT_TYPES.length] ?? null, body.subarray(0, 6_000))]),
  ];
}
