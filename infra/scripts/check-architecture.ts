/**
 * The shape of the house, checked (`pnpm lint` runs this after eslint; exit
 * 1 on any violation): who may import whom, and that every workspace
 * package declares exactly what its production code imports.
 *
 * Import rules:
 * - no package imports a service;
 * - no service but the composition root (services/cli) imports another service;
 * - a pure package (no queue, Redis, network server or database driver) imports
 *   none of those, nor, at run time, a workspace package that is not pure itself;
 * - no production code imports test code (`test/`, `@tidings/test`);
 * - no relative import reaches into another workspace (that would bypass its
 *   declared dependencies).
 * Dependencies: each workspace's `dependencies` are exactly the packages its
 * production code imports (none unused, none undeclared; `@types/x` counts as
 * used when `x` is).
 *
 * Imports are read with a regular expression over our own source files
 * (static, dynamic, re-exports, side-effect imports), not resolved by the
 * compiler: a specifier built at run time is not seen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Workspace {
  /** packages/feed, services/cli... */
  dir: string;
  kind: 'package' | 'service';
  name: string;
  manifest: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}

/** One import of one production source file. */
export interface ImportEdge {
  workspace: Workspace;
  /** Relative to the repository root. */
  file: string;
  specifier: string;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
}

/** Packages that hold pure logic: no queue, no Redis, no network server, no database driver. */
export const PURE_PACKAGES: ReadonlySet<string> = new Set(['contracts', 'url', 'feed', 'extract', 'config', 'opml', 'polling', 'text', 'html']);
/** What a pure package may not import. */
export const IMPURE_MODULES: readonly string[] = ['bullmq', 'ioredis', 'pg', 'better-sqlite3', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net', 'undici'];
/** The composition root: the one service that may import the others (through its registry). */
export const COMPOSITION_ROOT = 'cli';
/** Folders under src/ that hold test data, not production code. */
const NOT_PRODUCTION_DIRS = new Set(['fixtures', 'corpus', 'contract', 'node_modules', 'testing']);

export function readWorkspaces(root = ROOT): Workspace[] {
  return ['packages', 'services'].flatMap((group) =>
    readdirSync(path.join(root, group))
      .filter((name) => statSync(path.join(root, group, name, 'package.json'), { throwIfNoEntry: false })?.isFile())
      .map((name) => ({
        dir: `${group}/${name}`,
        kind: group === 'packages' ? ('package' as const) : ('service' as const),
        name,
        manifest: JSON.parse(readFileSync(path.join(root, group, name, 'package.json'), 'utf8')) as Workspace['manifest'],
      })),
  );
}

/** Production source files of a workspace: everything under src/ but tests, fixtures, test corpora and test helpers. */
export function productionFiles(workspace: Workspace, root = ROOT): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        if (!NOT_PRODUCTION_DIRS.has(entry)) walk(full);
      } else if (/\.(?:ts|mts|mjs|js)$/u.test(entry) && !/\.test\.ts$/u.test(entry) && !entry.endsWith('.d.ts') && !entry.endsWith('-worker.mjs')) {
        // (*-worker.mjs: development shims that register tsx in a worker thread; the build loads the compiled task instead.)
        files.push(full);
      }
    }
  };
  const src = path.join(root, workspace.dir, 'src');
  if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
  return files;
}

/** Module specifiers a source file imports (static, dynamic, re-exports, side-effect imports). Our own files: trusted, bounded text. */
export function importsOf(source: string): Array<{ specifier: string; typeOnly: boolean }> {
  const found = new Map<string, boolean>();
  const add = (specifier: string | undefined, typeOnly: boolean) => {
    if (specifier) found.set(specifier, (found.get(specifier) ?? true) && typeOnly);
  };
  for (const match of source.matchAll(/(?:^|[\s;])(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gmu)) add(match[3], match[2] !== undefined);
  for (const match of source.matchAll(/import\s*\(\s*['"]([^'"]+)['"]\s*\)/gu)) add(match[1], false);
  for (const match of source.matchAll(/^import\s+['"]([^'"]+)['"]/gmu)) add(match[1], false);
  // createRequire's require('x'): modules loaded on first use, synchronously.
  for (const match of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/gu)) add(match[1], false);
  return [...found].map(([specifier, typeOnly]) => ({ specifier, typeOnly }));
}

/** The package a bare specifier names: `@scope/name` or `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

export function importEdges(workspaces: readonly Workspace[], root = ROOT): ImportEdge[] {
  return workspaces.flatMap((workspace) =>
    productionFiles(workspace, root).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).map(({ specifier, typeOnly }) => ({ workspace, file: path.relative(root, file), specifier, typeOnly })),
    ),
  );
}

/** What a rule found: one line per offending import (or dependency). */
export type Violations = Record<string, string[]>;

/** Every rule's violations, by rule; a rule with none maps to an empty list. */
export function checkArchitecture(root = ROOT): Violations {
  const workspaces = readWorkspaces(root);
  const edges = importEdges(workspaces, root);
  const byPackageName = new Map(workspaces.map((workspace) => [workspace.manifest.name, workspace]));
  const line = ({ file, specifier }: ImportEdge) => `${file} -> ${specifier}`;
  const target = (edge: ImportEdge) => path.resolve(root, path.dirname(edge.file), edge.specifier);
  const workspaceOfPath = (absolute: string) => workspaces.find((workspace) => absolute.startsWith(path.join(root, workspace.dir) + path.sep));
  const importedWorkspace = (edge: ImportEdge) => (edge.specifier.startsWith('.') ? workspaceOfPath(target(edge)) : byPackageName.get(packageOf(edge.specifier)));

  const violations: Violations = {
    'no package imports a service': edges.filter((edge) => edge.workspace.kind === 'package' && importedWorkspace(edge)?.kind === 'service').map(line),
    'no service but the composition root imports another service': edges
      .filter((edge) => {
        const imported = importedWorkspace(edge);
        return edge.workspace.kind === 'service' && edge.workspace.name !== COMPOSITION_ROOT && imported?.kind === 'service' && imported !== edge.workspace;
      })
      .map(line),
    'pure packages use no queue, Redis, network server or database driver': edges
      .filter((edge) => {
        if (edge.workspace.kind !== 'package' || !PURE_PACKAGES.has(edge.workspace.name) || edge.typeOnly) return false;
        if (IMPURE_MODULES.includes(edge.specifier)) return true;
        const imported = importedWorkspace(edge);
        return imported !== undefined && imported !== edge.workspace && (imported.kind === 'service' || !PURE_PACKAGES.has(imported.name));
      })
      .map(line),
    'production code never imports test code': edges
      .filter((edge) => (edge.specifier.startsWith('.') ? path.relative(root, target(edge)).split(path.sep)[0] === 'test' : packageOf(edge.specifier) === '@tidings/test'))
      .map(line),
    'no relative import reaches into another workspace': edges
      .filter((edge) => {
        if (!edge.specifier.startsWith('.')) return false;
        const imported = workspaceOfPath(target(edge));
        return imported !== undefined && imported !== edge.workspace;
      })
      .map(line),
  };
  for (const workspace of workspaces) {
    const declared = new Set(Object.keys(workspace.manifest.dependencies ?? {}));
    const used = new Set(edges.filter((edge) => edge.workspace === workspace && !edge.specifier.startsWith('.') && !isBuiltin(edge.specifier)).map((edge) => packageOf(edge.specifier)));
    used.delete(workspace.manifest.name);
    // Type packages are used by the compiler, not by an import of their own name.
    const unused = [...declared].filter((name) => !used.has(name) && !(name.startsWith('@types/') && used.has(name.slice('@types/'.length))));
    const undeclared = [...used].filter((name) => !declared.has(name));
    violations[`${workspace.dir} declares exactly what its production code imports`] = [
      ...unused.map((name) => `${workspace.dir}/package.json declares ${name}, which its production code never imports`),
      ...undeclared.map((name) => `${workspace.dir} imports ${name} without declaring it in package.json "dependencies"`),
    ];
  }
  return violations;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failed = Object.entries(checkArchitecture()).filter(([, found]) => found.length > 0);
  for (const [rule, found] of failed) {
    console.error(`check-architecture: ${rule}:`);
    for (const offence of found) console.error(`  ${offence}`);
  }
  if (failed.length > 0) process.exit(1);
  console.log('check-architecture: import rules and declared dependencies hold');
}
