/**
 * A step of `pnpm build`, after `tsc -b`: each compiled task module named on
 * the command line (`services/extractor/dist/extract-task.js`...) is bundled
 * with everything it imports into one file beside it, `<name>.bundle.js`,
 * which `taskModule` picks. A worker thread then reads and compiles one file
 * instead of resolving and loading a few hundred small ESM modules (linkedom
 * alone is about a hundred): the extraction thread starts in about a quarter
 * of the CPU time (`pnpm bench:startup`).
 *
 *   tsx packages/task-pool/scripts/bundle-tasks.ts <dist/x-task.js>...
 *
 * What a module loads on first use with `createRequire(import.meta.url)`
 * (jsdom and tinyld in @tidings/extract: large, and rarely needed) stays out
 * of the bundle, and is still resolved from the package that requires it:
 * in a bundle, `import.meta.url` names the bundle, whose package does not
 * depend on them. The bundle finds that package at run time through the
 * dependencies each package declares (service -> @tidings/extract ->
 * @tidings/html), which holds in the repository and in the image that
 * `pnpm deploy` lays out alike. Any other `import.meta` fails the build: it
 * would silently name the bundle instead of its module.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { bundleInputsOf } from '../src/pool.js';

/** The bundle written for the task module at `entry`: `<name>.bundle.js` beside it. */
export function bundleFileOf(entry: string): string {
  return entry.replace(/\.m?js$/, '.bundle.js');
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
}

/** The directory of the package that holds `file` (the nearest package.json), and its manifest. */
function packageOf(file: string): { dir: string; manifest: PackageJson } {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    try {
      return { dir, manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (path.dirname(dir) === dir) throw new Error(`bundle-tasks: no package.json holds ${file}`);
    }
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
  throw new Error(`bundle-tasks: ${target} is not among the workspace dependencies of ${fromDir}`);
}

/**
 * Rewrites `createRequire(import.meta.url)` in each bundled module into a
 * require from its own package, found at run time along the dependency path
 * from the bundle's package; any other `import.meta` is an error.
 */
function requireFromOwnPackage(bundlePackageDir: string): Plugin {
  return {
    name: 'require-from-own-package',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?js$/ }, async ({ path: file }) => {
        const source = await readFile(file, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const own = packageOf(file).manifest.name;
        const rewritten = source.replaceAll('createRequire(import.meta.url)', () => `__requireFrom(${JSON.stringify(dependencyPath(bundlePackageDir, own))})`);
        if (rewritten.includes('import.meta')) throw new Error(`${file} uses import.meta other than in createRequire(import.meta.url): in a bundle it would name the bundle`);
        return { contents: rewritten, loader: 'js' };
      });
    },
  };
}

/**
 * Run-time half of the rewrite, at the top of each bundle. `require` serves
 * the bundled CommonJS modules' requires of Node's built-ins. Each require is
 * made once: a module may call createRequire on every use (language.ts does),
 * and resolving the path again each time would cost file-system lookups.
 */
const BANNER = `import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
const __requires = new Map();
const __requireFrom = (names) => {
  const key = names.join(' ');
  if (!__requires.has(key)) __requires.set(key, __createRequire(names.reduce((base, name) => __createRequire(base).resolve(name), import.meta.url)));
  return __requires.get(key);
};`;

/**
 * Bundles the compiled task module at `entry` into `outfile` ({@link
 * bundleFileOf} `entry` unless told), and lists beside it (`.inputs.json`)
 * the workspace modules it holds, relative to it: `taskModule` passes over a
 * bundle older than one of them (a build that stopped at `tsc -b`).
 */
export async function bundleTask(entry: string, outfile = bundleFileOf(entry)): Promise<string> {
  const { metafile } = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    banner: { js: BANNER },
    plugins: [requireFromOwnPackage(packageOf(path.resolve(entry)).dir)],
    logLevel: 'warning',
    // Not minified: a stack trace from a thread points into readable code, and the size costs little
    // (the time saved is in resolving and loading files, not in parsing).
    metafile: true,
  });
  const inputs = Object.keys(metafile.inputs)
    .filter((input) => !input.split(/[\\/]/).includes('node_modules'))
    .map((input) => path.relative(path.dirname(path.resolve(outfile)), path.resolve(input)).split(path.sep).join('/'));
  writeFileSync(bundleInputsOf(outfile), `${JSON.stringify(inputs, null, 1)}\n`);
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = process.argv.slice(2);
  if (entries.length === 0) throw new Error('bundle-tasks: name the compiled task modules to bundle (dist/x-task.js)');
  for (const entry of entries) await bundleTask(entry);
}
