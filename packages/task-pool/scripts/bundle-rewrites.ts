/**
 * What bundle-modules.ts changes in the code it bundles, so that each module
 * still finds what it found compiled, in the repository and in the image
 * that `pnpm deploy` lays out alike (where the packages sit elsewhere
 * relative to each other).
 *
 * In a bundle, `import.meta.url` would name the bundle, not the module: it
 * becomes the module's own URL, found at run time from its package, which
 * is reached from the bundle's package through the workspace dependencies
 * each package declares (service -> @tidings/extract -> @tidings/html).
 * So the extraction pool still finds its task beside it, the demo site its
 * pages. `createRequire(import.meta.url)` (jsdom and tinyld, loaded on first
 * use by @tidings/extract) becomes a require from that package, made once.
 * Any other `import.meta` fails the build.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/** What the bundling reads of a package.json. */
export interface PackageJson {
  name?: string;
  type?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The directory of the package that holds `file` (the nearest package.json
 * with a name: a nested one that only sets the module type, as in dist/cjs/,
 * is not a package), and its manifest.
 */
export function packageOf(file: string): { dir: string; manifest: PackageJson & { name: string } } {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = manifestIn(dir);
    if (manifest?.name !== undefined) return { dir, manifest: { ...manifest, name: manifest.name } };
    if (path.dirname(dir) === dir) throw new Error(`bundle-modules: no package.json holds ${file}`);
  }
}

/** The package.json in `dir`, or undefined when there is none. */
export function manifestIn(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/**
 * The package names leading from the package at `fromDir` to the package
 * named `target`, each a declared workspace dependency of the one before
 * (breadth first: the shortest path); [] when `target` is that package.
 */
export function dependencyPath(fromDir: string, target: string): string[] {
  const queue: Array<{ dir: string; path: string[] }> = [{ dir: fromDir, path: [] }];
  const seen = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { manifest } = packageOf(path.join(next.dir, 'package.json'));
    if (manifest.name === target) return next.path;
    if (seen.has(manifest.name)) continue;
    seen.add(manifest.name);
    const require = createRequire(path.join(next.dir, 'package.json'));
    for (const [name, version] of Object.entries(manifest.dependencies ?? {})) {
      if (version.startsWith('workspace:')) queue.push({ dir: packageOf(require.resolve(name)).dir, path: [...next.path, name] });
    }
  }
  throw new Error(`bundle-modules: ${target} is not among the workspace dependencies of ${fromDir}`);
}

/**
 * Run-time half of the rewrites, at the top of each bundle and chunk.
 * `require` serves the bundled CommonJS modules' requires of Node's
 * built-ins. `__packageUrl(names)` is the URL of the main module of the last
 * package along `names` (the bundle's own URL for []), as `require.resolve`
 * finds it; each is found once: a module may call createRequire on every
 * use (language.ts does), and resolving the path again each time would cost
 * file-system lookups. An ES module bundle (the CLI's) knows its URL from
 * `import.meta`; a script bundle (a task's, see src/script-bundle.ts) from
 * the `__filename` and `require` it is run with.
 */
export function banner(format: 'esm' | 'script'): string {
  const head =
    format === 'esm'
      ? `import { createRequire as __createRequire } from 'node:module';
import { pathToFileURL as __pathToFileURL } from 'node:url';
const __bundleUrl = import.meta.url;
const require = __createRequire(__bundleUrl);`
      : `const { createRequire: __createRequire } = require('node:module');
const { pathToFileURL: __pathToFileURL } = require('node:url');
const __bundleUrl = __pathToFileURL(__filename).href;`;
  return `${head}
const __packageUrls = new Map();
const __requires = new Map();
const __packageUrl = (names) => {
  const key = names.join(' ');
  if (!__packageUrls.has(key)) __packageUrls.set(key, names.length === 0 ? __bundleUrl : __pathToFileURL(names.reduce((base, name) => __createRequire(base).resolve(name), __bundleUrl)).href);
  return __packageUrls.get(key);
};
const __requireFrom = (names) => {
  const key = names.join(' ');
  if (!__requires.has(key)) __requires.set(key, __createRequire(__packageUrl(names)));
  return __requires.get(key);
};
const __moduleUrl = (names, file) => new URL(file, __packageUrl(names)).href;`;
}

/** The file `__packageUrl(names)` names at run time, found the same way now, from a bundle written in `outdir`. */
function packageMainOf(outdir: string, names: readonly string[]): string {
  return names.reduce((base, name) => createRequire(base).resolve(name), path.join(outdir, 'bundle.js'));
}

/** Rewrites `import.meta` in each bundled module as the file's doc says; any other use of it is an error. */
export function ownModulePaths(bundlePackageDir: string, outdir: string): Plugin {
  return {
    name: 'own-module-paths',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?js$/, namespace: 'file' }, async ({ path: file }) => {
        const source = await readFile(file, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        let names: string[];
        try {
          names = dependencyPath(bundlePackageDir, packageOf(file).manifest.name);
        } catch (error) {
          throw new Error(`${file} uses import.meta, and its package cannot be found from the bundle's: ${(error as Error).message}`);
        }
        const own = path.relative(path.dirname(packageMainOf(outdir, names)), file).split(path.sep).join('/');
        const rewritten = source
          .replaceAll('createRequire(import.meta.url)', () => `__requireFrom(${JSON.stringify(names)})`)
          .replaceAll('import.meta.url', () => `__moduleUrl(${JSON.stringify(names)}, ${JSON.stringify(own)})`);
        if (rewritten.includes('import.meta')) throw new Error(`${file} uses import.meta other than import.meta.url: in a bundle it would name the bundle`);
        return { contents: rewritten, loader: 'js' };
      });
    },
  };
}
