/**
 * A step of `pnpm build`, after `tsc -b`: each compiled module named on the
 * command line is bundled with what it imports into `<name>.bundle.js`
 * beside it, which `bundledModule` (src/bundled-module.ts) picks. Node then
 * reads and compiles one file instead of resolving and loading a few hundred
 * small ESM modules (linkedom alone is about a hundred, zod about a hundred):
 * the extraction thread loads its code in about a quarter of the CPU time,
 * and the CLI's main thread, whose zod alone took ~90 ms of CPU as modules,
 * ~30 ms bundled, starts `tidings extract` on about a quarter less CPU in
 * all (`pnpm bench:startup`).
 *
 *   tsx packages/task-pool/scripts/bundle-modules.ts <dist/x-task.js>...
 *   tsx packages/task-pool/scripts/bundle-modules.ts --split --inline commander,zod <dist/program.js>
 *
 * Task modules (the default) are bundled whole: a worker thread loads all of
 * its code anyway. Each is written as a script with V8's code cache beside
 * it (`<name>.bundle.cache`, see src/script-bundle.ts), which cuts the
 * extraction thread's loading by about a quarter again. With `--split` (the
 * CLI) each dynamic `import()` stays a chunk of its own
 * (`<name>.bundle-<hash>.js`), loaded only by the command that needs it,
 * and only the third-party packages named by `--inline` are
 * copied in: the others (the Redis and database clients, the HTTP server,
 * pino...) find files of their own at run time (worker scripts,
 * native addons, static assets), which a bundle would break; they are
 * required at run time, from the package that imports them, as the
 * compiled modules would (see required-externals.ts). The workspace's own
 * modules are always copied in.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleInputsOf } from '../src/bundled-module.js';
import { BUILD_LINE_START, codeCacheOf, makeCodeCache } from '../src/script-bundle.js';
import { banner, ownModulePaths, packageOf } from './bundle-rewrites.js';
import { requiredExternals } from './required-externals.js';

export { dependencyPath } from './bundle-rewrites.js';

/** The bundle written for the module at `entry`: `<name>.bundle.js` beside it. */
export function bundleFileOf(entry: string): string {
  return entry.replace(/\.m?js$/, '.bundle.js');
}

/** How to bundle one module. */
export interface BundleOptions {
  /** Where to write the bundle; {@link bundleFileOf} `entry` by default. */
  outfile?: string;
  /** Keep each dynamic import a chunk of its own, beside the bundle, instead of inlining it. */
  split?: boolean;
  /** The third-party packages to copy in; `'all'` (the default) for every one. The others are required at run time. */
  inline?: readonly string[] | 'all';
  /** Export conditions to resolve with beside Node's: the tests take the workspace packages' TypeScript sources (`source`), not a build. */
  conditions?: string[];
}

/**
 * Bundles the compiled module at `entry`, and lists beside the bundle
 * (`.inputs.json`), relative to it, what tells whether the workspace modules
 * it holds were compiled since (see stampsOf): `bundledModule` passes over
 * a bundle older than one of them (a build that stopped at `tsc -b`). A task's bundle (not `split`) is a script with its
 * code cache beside it (src/script-bundle.ts). Returns the bundle's path.
 */
export async function bundleModule(entry: string, options: BundleOptions = {}): Promise<string> {
  const outfile = path.resolve(options.outfile ?? bundleFileOf(entry));
  const outdir = path.dirname(outfile);
  const name = path.basename(outfile, '.js');
  const bundlePackageDir = packageOf(path.resolve(entry)).dir;
  const script = !(options.split ?? false);
  mkdirSync(outdir, { recursive: true });
  // Chunks are named by their content: those of an earlier build would pile up.
  for (const old of readdirSync(outdir).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.js'))) rmSync(path.join(outdir, old));
  // A build that stops half way must not leave the old cache beside a new bundle.
  rmSync(codeCacheOf(outfile), { force: true });
  const { metafile } = await build({
    entryPoints: [{ in: entry, out: name }],
    outdir,
    // Beside the bundle, not in a folder of their own: a module's own URL is found relative to its chunk (bundle-rewrites.ts).
    chunkNames: `${name}-[hash]`,
    splitting: options.split ?? false,
    bundle: true,
    platform: 'node',
    ...(options.conditions ? { conditions: options.conditions } : {}),
    // A task's bundle is a script, compiled through a code cache (src/script-bundle.ts); code splitting needs ES modules.
    format: script ? 'cjs' : 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    banner: { js: banner(script ? 'script' : 'esm') },
    plugins: [
      ownModulePaths(bundlePackageDir, outdir),
      ...(options.inline === undefined || options.inline === 'all' ? [] : [requiredExternals(bundlePackageDir, new Set(options.inline))]),
    ],
    logLevel: 'warning',
    // Not minified: a stack trace points into readable code, and the size costs little
    // (the time saved is in resolving and loading files, not in parsing).
    metafile: true,
  });
  const modules = Object.keys(metafile.inputs).filter((input) => !input.includes(':') && !input.split(/[\\/]/).includes('node_modules'));
  const inputs = stampsOf(modules.map((input) => path.resolve(input))).map((input) => path.relative(outdir, input).split(path.sep).join('/'));
  writeFileSync(bundleInputsOf(outfile), `${JSON.stringify(inputs, null, 1)}\n`);
  if (script) writeCodeCache(outfile);
  return outfile;
}

/**
 * What tells whether a bundle is older than the workspace code it holds
 * (what `bundledModule` stats at each start): for modules that `tsc -b`
 * compiled, the build info of their package (dist/tsconfig.build.tsbuildinfo), which tsc
 * writes whenever it compiles that package, one file for all its modules
 * (the CLI's bundle holds some 280 modules of 25 packages); any other
 * module (a source file, in the tests) itself.
 */
function stampsOf(modules: readonly string[]): string[] {
  const stamps = new Set<string>();
  for (const module of modules) {
    const dist = path.join(packageOf(module).dir, 'dist');
    const buildInfo = path.join(dist, 'tsconfig.build.tsbuildinfo');
    stamps.add(module.startsWith(`${dist}${path.sep}`) && existsSync(buildInfo) ? buildInfo : module);
  }
  return [...stamps];
}

/**
 * Heads the script bundle at `file` with its build line (a hash of its code)
 * and writes its code cache beside it, made by running it here: V8's cache
 * holds what the loading compiled, so a thread skips that work.
 */
function writeCodeCache(file: string): void {
  const code = readFileSync(file, 'utf8');
  writeFileSync(file, `${BUILD_LINE_START}${createHash('sha256').update(code).digest('hex').slice(0, 32)}\n${code}`);
  writeFileSync(codeCacheOf(file), makeCodeCache(file));
}

/** The command line: `[--split] [--inline a,b] entry...`, the options applying to every entry. */
export function parseArguments(args: readonly string[]): { entries: string[]; options: BundleOptions } {
  const entries: string[] = [];
  const options: BundleOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--split') options.split = true;
    else if (arg === '--inline') options.inline = (args[++i] ?? '').split(',').filter(Boolean);
    else if (arg.startsWith('--')) throw new Error(`bundle-modules: unknown option ${arg}`);
    else entries.push(arg);
  }
  if (entries.length === 0) throw new Error('bundle-modules: name the compiled modules to bundle (dist/x-task.js)');
  return { entries, options };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { entries, options } = parseArguments(process.argv.slice(2));
  for (const entry of entries) await bundleModule(entry, options);
}
