/**
 * A task bundle is a script, not an ES module (scripts/bundle-modules.ts
 * writes it in CommonJS form), so that a worker thread can compile it with
 * V8's code cache: `vm.Script` takes the cached data that the build stored
 * beside the bundle (`<name>.bundle.cache`), and a thread then skips most of
 * the parsing and compiling of the 1.6 MB extraction bundle. Node 20 has no
 * code cache for ES modules outside `--experimental-vm-modules`.
 *
 * V8 checks cached data against its own version and flags, but against the
 * source only by its length; so the build starts each bundle with a line
 * naming a hash of its code, and writes the same line at the head of its
 * cache: a cache from another build is never used, whatever its length.
 * Builtins only: each thread loads this first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The cache the build stores beside the script bundle at `bundle`. */
export function codeCacheOf(bundle: string): string {
  return bundle.replace(/\.js$/, '.cache');
}

/** How the first line of a script bundle, and of its cache, starts: a hash of the bundle's code follows (what ties the one to the other). */
export const BUILD_LINE_START = '// tidings bundle ';

/** The first line of a bundle's code (its build line, when it is a script bundle). */
const firstLineOf = (code: string) => code.slice(0, code.indexOf('\n') + 1);

/** What the script's code runs in: CommonJS's function scope, strict as the ES modules it was made of. */
const wrap = (code: string) => `(function (exports, require, module, __filename, __dirname) {'use strict';${code}\n})`;

/** A script bundle compiled, the cache given to V8 when there was one that fits, and whether V8 took it. */
interface CompiledBundle {
  script: vm.Script;
  cacheUsed: boolean;
}

function compile(file: string, withCache: boolean): CompiledBundle {
  const code = readFileSync(file, 'utf8');
  const header = firstLineOf(code);
  let cachedData: Buffer | undefined;
  if (withCache && header.startsWith(BUILD_LINE_START)) {
    try {
      const cache = readFileSync(codeCacheOf(file));
      if (cache.subarray(0, header.length).toString('latin1') === header) cachedData = cache.subarray(header.length);
    } catch {
      // No cache (a build that stopped before writing it): compiled from the source alone.
    }
  }
  const script = new vm.Script(wrap(code), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // A dynamic import() in the bundle loads as it would from a module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return { script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** Runs a compiled bundle as a CommonJS module; returns its exports. */
function run(script: vm.Script, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

/** Loads the script bundle at `url` (its cache when it fits) and returns its exports. */
export function loadScriptBundle(url: URL): { exports: Record<string, unknown>; cacheUsed: boolean } {
  const file = fileURLToPath(url);
  const { script, cacheUsed } = compile(file, true);
  return { exports: run(script, file), cacheUsed };
}

/**
 * The code cache of the script bundle at `file`, made after running it (so
 * it holds the functions its loading compiled, not only the top level),
 * headed by the bundle's build line.
 */
export function makeCodeCache(file: string): Buffer {
  const code = readFileSync(file, 'utf8');
  const header = firstLineOf(code);
  if (!header.startsWith(BUILD_LINE_START)) throw new Error(`${file} is not a script bundle (no build line)`);
  const { script } = compile(file, false);
  run(script, file);
  return Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]);
}
