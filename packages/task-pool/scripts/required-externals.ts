/**
 * Which third-party packages the CLI's bundle leaves out (bundle-modules.ts
 * `--inline`): all but those it is told to copy in. Many find files of their
 * own at run time (pino its transports and worker script,
 * better-sqlite3 its native addon, bull-board its web assets), which a bundle
 * would break, and the commands that load them are not the ones whose
 * start-up counts. A left-out package is required at run time from the
 * workspace package that imports it (`__requireFrom`, see
 * bundle-rewrites.ts), so it is the very copy and version the compiled
 * modules would load, in the repository and in the deployed image alike.
 *
 * Two checks fail the build rather than the run: a left-out package must
 * load as CommonJS (`require` of an ES module gives its namespace, not what
 * `import` gives), and no left-out package may depend on an inlined one
 * (two copies of it would run, each with its own state: a zod schema made by
 * one copy is not known to the other's registry).
 */
import { existsSync, realpathSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { dependencyPath, manifestIn, packageOf } from './bundle-rewrites.js';

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Whether Node loads `file` as CommonJS (its extension, else the module type of the nearest package.json). */
function isCommonJs(file: string): boolean {
  if (/\.(?:cjs|node|json)$/.test(file)) return true;
  if (file.endsWith('.mjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = manifestIn(dir);
    if (manifest !== undefined) return manifest.type !== 'module';
    if (path.dirname(dir) === dir) return true;
  }
}

/** The directory of the package `name` as Node finds it from the package at `fromDir` (node_modules lookup), or undefined. */
function installedPackageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package the package at `dir` may load at run time, transitively
 * (dependencies, optional and peer dependencies, as installed): by
 * directory, its name and the package that depends on it. `into` collects
 * them across calls.
 */
export function runtimeDependencies(dir: string, into = new Map<string, { name: string; dependent: string }>()): Map<string, { name: string; dependent: string }> {
  const manifest = manifestIn(dir) ?? {};
  const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies });
  for (const name of names) {
    const found = installedPackageDir(dir, name);
    if (found === undefined || into.has(found)) continue;
    into.set(found, { name, dependent: manifest.name ?? dir });
    runtimeDependencies(found, into);
  }
  return into;
}

/**
 * Leaves out of the bundle each third-party package that a workspace module
 * imports and `inline` does not name (see the file's doc). What an inlined
 * package imports is inlined with it.
 */
export function requiredExternals(bundlePackageDir: string, inline: ReadonlySet<string>): Plugin {
  return {
    name: 'required-externals',
    setup(builder) {
      // The directories of the packages left out.
      const leftOut = new Set<string>();
      builder.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer, namespace }) => {
        if (namespace !== 'file' || specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
        if (importer.split(path.sep).includes('node_modules')) return undefined;
        const name = packageNameOf(specifier);
        const { manifest } = packageOf(importer);
        if (inline.has(name) || manifest.dependencies?.[name]?.startsWith('workspace:')) return undefined;
        let resolved: string;
        try {
          resolved = createRequire(importer).resolve(specifier);
        } catch (error) {
          throw new Error(`${specifier}, imported by ${importer}, cannot be required (${(error as Error).message}): inline it (--inline ${name})`);
        }
        if (!isCommonJs(resolved)) throw new Error(`${specifier}, imported by ${importer}, is an ES module: require() would not give what import gives; inline it (--inline ${name})`);
        leftOut.add(packageOf(resolved).dir);
        // One module per importing package: two packages may depend on two versions.
        return { path: `${manifest.name}:${specifier}`, namespace: 'required-external', pluginData: { names: dependencyPath(bundlePackageDir, manifest.name), specifier } };
      });
      builder.onLoad({ filter: /.*/, namespace: 'required-external' }, ({ pluginData }) => {
        const { names, specifier } = pluginData as { names: string[]; specifier: string };
        return { contents: `module.exports = __requireFrom(${JSON.stringify(names)})(${JSON.stringify(specifier)});`, loader: 'js' };
      });
      builder.onEnd(() => {
        const reached = new Map<string, { name: string; dependent: string }>();
        for (const dir of leftOut) runtimeDependencies(dir, reached);
        const twice = [...reached.values()].filter(({ name }) => inline.has(name));
        if (twice.length > 0) {
          throw new Error(twice.map(({ name, dependent }) => `${name} is inlined, and ${dependent}, left out, depends on it too: two copies would run; inline ${dependent} as well, or not ${name}`).join('\n'));
        }
      });
    },
  };
}
