/**
 * Which file to load for a module that `pnpm build` may have bundled
 * (scripts/bundle-modules.ts): the one-file bundle when it is there and up to
 * date, the compiled module otherwise. Kept apart from pool.ts, and free of
 * dependencies, because the `tidings` executable asks it first thing, before
 * it loads anything else (services/cli/src/main.ts): `tidings --help` has
 * no use for the pool.
 */
import { readFileSync, statSync } from 'node:fs';

/**
 * The module `name` (without extension) beside the module at `base` (its
 * `import.meta.url`): the `.ts` source when `base` itself runs from the
 * sources (tsx, vitest); compiled, the bundle `pnpm build` makes of it
 * (`<name>.bundle.js`), which loads several times faster than the few
 * hundred small files it holds, or the `.js` file alone when there is no
 * bundle or it is older than a module it holds (a build that stopped at
 * `tsc -b`).
 */
export function bundledModule(base: string, name: string): URL {
  if (base.endsWith('.ts')) return new URL(`${name}.ts`, base);
  const bundle = new URL(`${name}.bundle.js`, base);
  return isFresh(bundle) ? bundle : new URL(`${name}.js`, base);
}

/**
 * Whether the task module at `url` is a task's bundle, which the build writes
 * as a script with a code cache beside it (script-bundle.ts) rather than as
 * an ES module: a pool's thread loads it through `vm.Script`.
 */
export function isScriptBundle(url: URL): boolean {
  return url.pathname.endsWith('.bundle.js');
}

/**
 * The list, written beside a bundle by scripts/bundle-modules.ts, of what
 * tells whether the workspace modules it holds were compiled since: the
 * build info of their packages (one file per package, which `tsc -b`
 * writes whenever it compiles the package), or the modules themselves.
 */
export function bundleInputsOf(bundle: string): string {
  return bundle.replace(/\.js$/, '.inputs.json');
}

/**
 * Whether `bundle` exists and no module it holds was compiled again since:
 * after a `tsc -b` alone, the bundle would run the old code. A listed file
 * that is not there is not counted (in the image `pnpm deploy` lays out, the
 * packages sit elsewhere, build info is left out, and nothing is compiled
 * again).
 */
function isFresh(bundle: URL): boolean {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
  try {
    const inputs = JSON.parse(readFileSync(new URL(bundleInputsOf(bundle.href)), 'utf8')) as string[];
    return inputs.every((input) => (statSync(new URL(input, bundle), { throwIfNoEntry: false })?.mtimeMs ?? 0) <= built);
  } catch {
    return false;
  }
}
