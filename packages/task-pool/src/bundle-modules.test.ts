import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleModule, dependencyPath, parseArguments } from '../scripts/bundle-modules.js';
import { packageNameOf } from '../scripts/required-externals.js';
import { createTaskPool } from './pool.js';
import { codeCacheOf, loadScriptBundle } from './script-bundle.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
// Inside this package (its dependencies resolve from there), ignored by git.
const scratch = path.join(fixtures, '.scratch/bundle-modules');
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Runs the bundled task at `bundle` once in a real one-thread pool. */
async function runBundledTask(bundle: string, input: string): Promise<string> {
  const pool = createTaskPool<string, string>(
    { filename: pathToFileURL(bundle), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 256 },
    { threads: 1, timeoutMs: 30_000 },
  );
  try {
    return await pool.run(input, 'the bundle');
  } finally {
    await pool.close();
  }
}

describe('bundle-modules (the build step that makes a task module, or the CLI, one file)', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('bundles a task into one file that still loads, from its own package, what it requires on first use', async () => {
    const bundle = await bundleModule(path.join(fixtures, 'lazy-task.mjs'), { outfile: path.join(scratch, 'lazy-task.bundle.js') });
    const text = readFileSync(bundle, 'utf8');
    // Required at run time, not copied in: esbuild's own code is not in the bundle.
    expect(text).toContain('__requireFrom([])("esbuild")');
    expect(text.length).toBeLessThan(5_000);
    expect(JSON.parse(readFileSync(path.join(scratch, 'lazy-task.bundle.inputs.json'), 'utf8'))).toEqual(['../../lazy-task.mjs']);
    const { version } = require('esbuild') as { version: string };
    expect(await runBundledTask(bundle, 'bundled')).toBe(`bundled with esbuild ${version}`);
  });

  it("writes a task's bundle as a script with a code cache beside it, which is used only while it fits that very bundle", async () => {
    const outfile = path.join(scratch, 'cached-task.bundle.js');
    const bundle = await bundleModule(path.join(fixtures, 'meta-task.mjs'), { outfile });
    const text = readFileSync(bundle, 'utf8');
    expect(text).toMatch(/^\/\/ tidings bundle [0-9a-f]{32}\n/);
    // A script: no import statement (a thread compiles it with vm.Script).
    expect(text).not.toMatch(/^import /m);
    expect(loadScriptBundle(pathToFileURL(bundle)).cacheUsed).toBe(true);
    // Another build line, same length: V8, which checks only the length, would take the cache; the build line does not.
    writeFileSync(bundle, text.replace(/^(\/\/ tidings bundle )[0-9a-f]{32}/, `$1${'0'.repeat(32)}`));
    expect(loadScriptBundle(pathToFileURL(bundle)).cacheUsed).toBe(false);
    // Bundled again from other code, with the first cache left beside it: not used.
    const firstCache = readFileSync(codeCacheOf(bundle));
    await bundleModule(path.join(fixtures, 'lazy-task.mjs'), { outfile });
    writeFileSync(codeCacheOf(bundle), firstCache);
    const stale = loadScriptBundle(pathToFileURL(bundle));
    expect(stale.cacheUsed).toBe(false);
    expect(typeof stale.exports.default).toBe('function');
    rmSync(codeCacheOf(bundle));
    expect(loadScriptBundle(pathToFileURL(bundle)).cacheUsed).toBe(false);
    expect(await runBundledTask(bundle, 'uncached')).toMatch(/^uncached with esbuild /);
  });

  it('lists, for modules tsc compiled, the build info of their package, not each module: what a start stats', async () => {
    // A compiled package of two modules: src/ went to dist/, with the build info tsc writes beside them.
    const dist = path.join(scratch, 'compiled/dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(scratch, 'compiled/package.json'), JSON.stringify({ name: 'compiled', type: 'module' }));
    writeFileSync(path.join(dist, 'task.js'), "import { answer } from './answer.js';\nexport default async () => ({ ok: true, result: answer });\n");
    writeFileSync(path.join(dist, 'answer.js'), 'export const answer = 42;\n');
    const inputs = async () => {
      await bundleModule(path.join(dist, 'task.js'));
      return JSON.parse(readFileSync(path.join(dist, 'task.bundle.inputs.json'), 'utf8')) as string[];
    };
    // No build info (compiled some other way): each module.
    expect((await inputs()).sort()).toEqual(['answer.js', 'task.js']);
    writeFileSync(path.join(dist, 'tsconfig.build.tsbuildinfo'), '{}');
    expect(await inputs()).toEqual(['tsconfig.build.tsbuildinfo']);
  });

  it('keeps import.meta.url naming the module itself, not the bundle', async () => {
    const bundle = await bundleModule(path.join(fixtures, 'meta-task.mjs'), { outfile: path.join(scratch, 'meta-task.bundle.js') });
    expect(await runBundledTask(bundle, 'where')).toBe(path.join(fixtures, 'meta-task.mjs'));
  });

  it('refuses a module that uses import.meta otherwise: in a bundle it would name the bundle', async () => {
    await expect(bundleModule(path.join(fixtures, 'dirname-task.mjs'), { outfile: path.join(scratch, 'dirname-task.bundle.js') })).rejects.toThrow(
      /dirname-task\.mjs uses import\.meta other than import\.meta\.url/,
    );
  });

  it('split, keeps what is imported on demand a chunk of its own, copies workspace modules in, and requires the third-party packages it does not inline', async () => {
    const outfile = path.join(scratch, 'split-entry.bundle.js');
    // The workspace package from its sources: the test needs no build.
    const options = { outfile, split: true, inline: [], conditions: ['source'] };
    const chunksNow = () => readdirSync(scratch).filter((file) => /^split-entry\.bundle-.+\.js$/.test(file));
    await bundleModule(path.join(fixtures, 'split-entry.mjs'), options);
    const firstBuild = chunksNow();
    // A chunk an earlier build made of other code: it must not linger beside the new ones.
    writeFileSync(path.join(scratch, 'split-entry.bundle-STALE000.js'), 'export {};\n');
    await bundleModule(path.join(fixtures, 'split-entry.mjs'), options);
    expect(chunksNow().sort()).toEqual(firstBuild.sort());
    const text = readFileSync(outfile, 'utf8');
    expect(text).toContain('contracts/src/errors.ts');
    expect(text).not.toMatch(/from ["']@tidings\/contracts/);
    expect(text).toContain('__requireFrom([])("esbuild")');
    // Imported on demand: in a chunk of its own, which names the module's own file relative to itself.
    expect(text).not.toContain('split-later');
    const later = chunksNow().filter((chunk) => readFileSync(path.join(scratch, chunk), 'utf8').includes('__moduleUrl([], "../../split-later.mjs")'));
    expect(later).toHaveLength(1);

    const bundled = (await import(pathToFileURL(outfile).href)) as { imported: { TidingsError: unknown; version: unknown }; later(): Promise<{ ownUrl: string }> };
    // The very package the compiled module would have imported, from where that module sits.
    expect(bundled.imported.version).toBe((require('esbuild') as { version: unknown }).version);
    expect(typeof bundled.imported.TidingsError).toBe('function');
    expect((await bundled.later()).ownUrl).toBe(pathToFileURL(path.join(fixtures, 'split-later.mjs')).href);
  });

  it('copies in the third-party packages it is told to inline', async () => {
    const outfile = path.join(scratch, 'inlined-entry.bundle.js');
    await bundleModule(path.join(fixtures, 'split-entry.mjs'), { outfile, inline: ['esbuild'], conditions: ['source'] });
    const text = readFileSync(outfile, 'utf8');
    expect(text).not.toContain('__requireFrom([])("esbuild")');
    expect(text).toContain('node_modules/esbuild/');
  });

  it('refuses to inline a package that a package it leaves out depends on: two copies would run', async () => {
    // tsx (left out) loads esbuild itself, from its own dependencies.
    await expect(bundleModule(path.join(fixtures, 'twice-entry.mjs'), { outfile: path.join(scratch, 'twice.bundle.js'), inline: ['esbuild'], conditions: ['source'] })).rejects.toThrow(
      /esbuild is inlined, and tsx, left out, depends on it too/,
    );
  });

  it('finds a package from the bundle through declared workspace dependencies, shortest first', () => {
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/service-extractor')).toEqual([]);
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/extract')).toEqual(['@tidings/extract']);
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/html')).toEqual(['@tidings/extract', '@tidings/html']);
    expect(() => dependencyPath(path.join(repo, 'packages/url'), '@tidings/extract')).toThrow(/not among the workspace dependencies/);
  });

  it('reads its command line: options first or last, for every entry', () => {
    expect(parseArguments(['--split', '--inline', 'commander,zod', 'dist/program.js'])).toEqual({ entries: ['dist/program.js'], options: { split: true, inline: ['commander', 'zod'] } });
    expect(parseArguments(['a.js', 'b.js'])).toEqual({ entries: ['a.js', 'b.js'], options: {} });
    expect(() => parseArguments(['--splitt', 'a.js'])).toThrow(/unknown option --splitt/);
    expect(() => parseArguments(['--split'])).toThrow(/name the compiled modules/);
  });

  it('names the package of a bare specifier, scoped or not', () => {
    expect(packageNameOf('zod/v4')).toBe('zod');
    expect(packageNameOf('@opentelemetry/api')).toBe('@opentelemetry/api');
    expect(packageNameOf('@bull-board/api/dist/x.js')).toBe('@bull-board/api');
  });
});
