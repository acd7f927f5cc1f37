import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the house, checked: who may import whom, and that every
 * workspace package declares exactly what its production code imports.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Workspace {
  /** packages/feed, services/cli... */
  dir: string;
  kind: 'package' | 'service';
  name: string;
  manifest: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}

const workspaces: Workspace[] = ['packages', 'services'].flatMap((group) =>
  readdirSync(path.join(root, group)).map((name) => ({
    dir: `${group}/${name}`,
    kind: group === 'packages' ? ('package' as const) : ('service' as const),
    name,
    manifest: JSON.parse(readFileSync(path.join(root, group, name, 'package.json'), 'utf8')) as Workspace['manifest'],
  })),
);

/** Production source files of a workspace: everything under src/ but tests, fixtures and test corpora. */
function productionFiles(workspace: Workspace): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        if (!['fixtures', 'corpus', 'contract', 'node_modules'].includes(entry)) walk(full);
      } else if (/\.(?:ts|mts|mjs|js)$/u.test(entry) && !/\.test\.ts$/u.test(entry) && !entry.endsWith('.d.ts') && !entry.endsWith('-worker.mjs')) {
        // (*-worker.mjs: the development shims that register tsx in a worker thread; the build loads the compiled task instead.)
        files.push(full);
      }
    }
  };
  walk(path.join(root, workspace.dir, 'src'));
  return files;
}

/** Module specifiers a source file imports (static, dynamic and re-exports). Source files are our own: trusted, bounded text. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gmu)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.add(specifier);
  }
  return [...found];
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** Packages that hold pure logic: no queue, no Redis, no network server, no database driver. */
const PURE_PACKAGES = new Set(['contracts', 'url', 'feed', 'extract', 'config', 'opml', 'text']);
const IMPURE_MODULES = ['bullmq', 'ioredis', 'pg', 'better-sqlite3', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net'];
/** The composition root: the one service that may import the others (through its registry). */
const COMPOSITION_ROOT = 'cli';

const edges = workspaces.flatMap((workspace) =>
  productionFiles(workspace).flatMap((file) => importsOf(file).map((specifier) => ({ workspace, file: path.relative(root, file), specifier }))),
);

describe('the import rules', () => {
  it('no package imports a service', () => {
    const offending = edges.filter(({ workspace, file, specifier }) => workspace.kind === 'package' && (specifier.startsWith('@tidings/service-') || path.resolve(path.dirname(path.join(root, file)), specifier).startsWith(path.join(root, 'services'))));
    expect(offending.map(({ file, specifier }) => `${file} -> ${specifier}`)).toEqual([]);
  });

  it('no service but the composition root imports another service', () => {
    const offending = edges.filter(
      ({ workspace, specifier }) => workspace.kind === 'service' && workspace.name !== COMPOSITION_ROOT && specifier.startsWith('@tidings/service-') && specifier !== workspace.manifest.name,
    );
    expect(offending.map(({ file, specifier }) => `${file} -> ${specifier}`)).toEqual([]);
  });

  it('pure packages use no queue, Redis, network server or database driver', () => {
    const offending = edges.filter(({ workspace, specifier }) => workspace.kind === 'package' && PURE_PACKAGES.has(workspace.name) && IMPURE_MODULES.includes(specifier));
    expect(offending.map(({ file, specifier }) => `${file} -> ${specifier}`)).toEqual([]);
  });

  it('production code never imports test code', () => {
    const offending = edges.filter(({ file, specifier }) => specifier.startsWith('.') && path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier)).split(path.sep)[0] === 'test');
    expect(offending.map(({ file, specifier }) => `${file} -> ${specifier}`)).toEqual([]);
  });
});

describe('declared dependencies', () => {
  for (const workspace of workspaces) {
    it(`${workspace.dir} declares exactly what its production code imports`, () => {
      const declared = new Set(Object.keys(workspace.manifest.dependencies ?? {}));
      const used = new Set(
        edges.filter((edge) => edge.workspace === workspace && !edge.specifier.startsWith('.') && !isBuiltin(edge.specifier)).map((edge) => packageOf(edge.specifier)),
      );
      used.delete(workspace.manifest.name);
      // Type packages are used by the compiler, not by an import of their own name.
      const unused = [...declared].filter((name) => !used.has(name) && !(name.startsWith('@types/') && used.has(name.slice('@types/'.length))));
      const undeclared = [...used].filter((name) => !declared.has(name));
      expect({ undeclared, unused }).toEqual({ undeclared: [], unused: [] });
    });
  }
});
