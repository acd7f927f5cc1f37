import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared folder, or one of its corpora, is not where the benchmarks look for it. */
export class SharedDataMissingError extends Error {
  override name = 'SharedDataMissingError';
}

/**
 * The read-only shared folder of public benchmark data, for benchmarks only
 * (the tests need nothing outside the repository). TIDINGS_SHARED_DIR wins;
 * otherwise `../shared` next to the repository. Throws SharedDataMissingError
 * with a clear message when neither exists.
 */
export function sharedDir(): string {
  const candidates = [process.env.TIDINGS_SHARED_DIR, path.resolve(repoRoot, '../shared')].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'bench')));
  if (!found) throw new SharedDataMissingError(`the shared data folder was not found (tried ${candidates.join(', ')}); set TIDINGS_SHARED_DIR to the folder that holds bench/ (the benchmarks need the public corpora; the tests do not)`);
  return found;
}

/** The public article-extraction benchmark: ground truth, pages, published outputs. */
export function benchDir(): string {
  const dir = path.join(sharedDir(), 'bench', 'article-extraction');
  if (!existsSync(path.join(dir, 'ground-truth.json'))) throw new SharedDataMissingError(`the article-extraction benchmark was not found at ${dir} (expected ground-truth.json and html/)`);
  return dir;
}

/** The WCXB development split (1,358 pages of seven page types, CC-BY-4.0): ground truth and pages. */
export function wcxbDevDir(): string {
  const dir = path.join(sharedDir(), 'bench', 'wcxb-dev');
  if (!existsSync(path.join(dir, 'ground-truth.json.gz'))) throw new SharedDataMissingError(`the WCXB development split was not found at ${dir} (expected ground-truth.json.gz and html/); the wcxb-dev corpus needs it`);
  return dir;
}

/**
 * `find()` (one of the above), for a benchmark that cannot run without it:
 * when the data is missing, prints the message and exits 1 instead of
 * ending in a stack trace from wherever the data was first needed.
 */
export function requireSharedData(find: () => string): string {
  try {
    return find();
  } catch (error) {
    if (!(error instanceof SharedDataMissingError)) throw error;
    console.error(`${path.basename(process.argv[1] ?? 'benchmark')}: ${error.message}`);
    process.exit(1);
  }
}
