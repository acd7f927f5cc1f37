import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_DIR, REPO_ROOT, charsetSeeds, filesUnder, linesOf } from './seed-sources.js';

export { FUZZ_DIR, REPO_ROOT };

/**
 * The fuzz targets: each is `targets/<name>.ts`, exporting
 * `fuzz(data: Buffer)`, which throws (a ContractViolation) when the
 * function under test breaks its contract. run.ts fuzzes them with
 * jazzer.js; regressions.test.ts replays their seeds and findings.
 */
export interface FuzzTarget {
  /** The module `targets/<name>.ts`, and the folder of its findings under `regressions/`. */
  name: string;
  /** The function under test, for people. */
  fuzzes: string;
  /** `fuzz` returns a promise, so jazzer must run it in async mode (sync mode is several times faster). */
  async: boolean;
  /** Longest input tried, in bytes (libFuzzer's -max_len): past the largest seed, within reason for one run. */
  maxLen: number;
  /** One input running longer than this is a finding. jazzer rounds it up to whole seconds. */
  timeoutMs: number;
  /** A libFuzzer dictionary under `dictionaries/`: tokens the mutator splices in. */
  dictionary?: string;
  /** The seed inputs: fixtures from the packages' own tests and the fixture site, read when fuzzing starts. */
  seeds: () => Buffer[];
}

const FEED_FILES = () => [...filesUnder('packages/feed/src/fixtures'), ...filesUnder('packages/demo-site/public/feeds')];

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'feed', fuzzes: 'parseFeed (@tidings/feed)', async: true, maxLen: 16_384, timeoutMs: 5_000, dictionary: 'feed.dict', seeds: FEED_FILES },
  {
    name: 'feed-bytes',
    fuzzes: 'parseFeedBytes (@tidings/feed)',
    async: true,
    maxLen: 16_384,
    timeoutMs: 5_000,
    dictionary: 'feed.dict',
    seeds: FEED_FILES,
  },
  {
    name: 'extract',
    fuzzes: 'extractArticle (@tidings/extract)',
    async: false,
    maxLen: 16_384,
    // A page costs 30-300 ms (jsdom fallback) and ten times that on a loaded machine: a real blow-up takes far longer.
    timeoutMs: 10_000,
    dictionary: 'html.dict',
    seeds: () => [...filesUnder('packages/extract/src/fixtures', ['.html']), ...filesUnder('packages/demo-site/public', ['.html'])],
  },
  {
    name: 'query',
    fuzzes: 'parseQuery and search (@tidings/index query.ts)',
    async: true,
    maxLen: 1_100,
    timeoutMs: 2_000,
    dictionary: 'query.dict',
    seeds: () => linesOf('test/fuzz/seeds/queries.txt'),
  },
  {
    name: 'url',
    fuzzes: 'normaliseUrl (@tidings/url)',
    async: false,
    maxLen: 2_048,
    timeoutMs: 2_000,
    dictionary: 'url.dict',
    seeds: () => linesOf('test/fuzz/seeds/urls.txt').map((line) => Buffer.from(line.toString('utf8').replace(' -> ', '\n'))),
  },
  {
    name: 'charset',
    fuzzes: 'decodeBody (@tidings/text decode.ts)',
    async: false,
    maxLen: 8_192,
    timeoutMs: 3_000,
    dictionary: 'charset.dict',
    seeds: charsetSeeds,
  },
  {
    name: 'opml',
    fuzzes: 'parseOpml (@tidings/opml)',
    async: false,
    maxLen: 8_192,
    timeoutMs: 2_000,
    dictionary: 'opml.dict',
    seeds: () => [...filesUnder('test/fuzz/seeds/opml'), ...filesUnder('packages/feed/src/fixtures/corpus/refused', ['.xml'])],
  },
];

/** The target called `name`; throws, listing the names, for an unknown one. */
export function findTarget(name: string): FuzzTarget {
  const target = TARGETS.find((candidate) => candidate.name === name);
  if (!target) throw new Error(`no fuzz target "${name}" (there are: ${TARGETS.map((each) => each.name).join(', ')})`);
  return target;
}

/** `targets/<name>.ts`. */
export function targetModule(target: FuzzTarget): string {
  return join(FUZZ_DIR, 'targets', `${target.name}.ts`);
}

/** Where a target's crashes and timeouts are saved, and replayed from by regressions.test.ts. */
export function regressionsDir(target: FuzzTarget): string {
  return join(FUZZ_DIR, 'regressions', target.name);
}

/** The saved findings of a target (file names), sorted; notes (`*.md`) are not inputs. */
export function regressionFiles(target: FuzzTarget): string[] {
  try {
    return readdirSync(regressionsDir(target))
      .filter((file) => !file.startsWith('.') && !file.endsWith('.md'))
      .sort();
  } catch {
    return [];
  }
}

/**
 * How driver.ts and replay.ts are started: tsx compiles the TypeScript, and
 * the "source" export condition makes each package resolve to its src/*.ts
 * (where a package offers one) rather than a built dist/ that may be stale
 * or missing: the code fuzzed is the code in the tree.
 */
export const NODE_FLAGS = ['--conditions=source', '--import', 'tsx'] as const;

/** Scratch space (gitignored): the growing corpus of each target, logs, the patched fuzzer addon. */
export const WORK_DIR = join(FUZZ_DIR, '.work');
