import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleTask, dependencyPath } from '../scripts/bundle-tasks.js';
import { createTaskPool, taskModule } from './pool.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
// Inside this package (its dependencies resolve from there), ignored by git.
const scratch = path.join(fixtures, '.scratch');
const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('bundle-tasks (the build step that makes each task module one file)', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('bundles a task into one file that still loads, from its own package, what it requires on first use', async () => {
    const bundle = await bundleTask(path.join(fixtures, 'lazy-task.mjs'), path.join(scratch, 'lazy-task.bundle.js'));
    const text = readFileSync(bundle, 'utf8');
    // Required at run time, not copied in: esbuild's own code is not in the bundle.
    expect(text).toContain('__requireFrom([])("esbuild")');
    expect(text.length).toBeLessThan(5_000);
    expect(JSON.parse(readFileSync(path.join(scratch, 'lazy-task.bundle.inputs.json'), 'utf8'))).toEqual(['../lazy-task.mjs']);
    const pool = createTaskPool<string, string>(
      { filename: pathToFileURL(bundle), verb: 'testing', timeoutSetting: 'TIDINGS_TEST_TIMEOUT_MS', defaultMaxHeapMb: 256 },
      { threads: 1, timeoutMs: 30_000 },
    );
    try {
      const { version } = createRequire(import.meta.url)('esbuild') as { version: string };
      expect(await pool.run('bundled', 'the bundle')).toBe(`bundled with esbuild ${version}`);
    } finally {
      await pool.close();
    }
  });

  it('refuses a module that uses import.meta otherwise: in a bundle it would name the bundle', async () => {
    await expect(bundleTask(path.join(fixtures, 'meta-task.mjs'), path.join(scratch, 'meta-task.bundle.js'))).rejects.toThrow(/meta-task\.mjs uses import\.meta/);
  });

  it('finds a package from the bundle through declared workspace dependencies, shortest first', () => {
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/service-extractor')).toEqual([]);
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/extract')).toEqual(['@tidings/extract']);
    expect(dependencyPath(path.join(repo, 'services/extractor'), '@tidings/html')).toEqual(['@tidings/extract', '@tidings/html']);
    expect(() => dependencyPath(path.join(repo, 'packages/url'), '@tidings/extract')).toThrow(/not among the workspace dependencies/);
  });

  it('makes taskModule pick the bundle when the build made one and nothing it holds was compiled since, the compiled module otherwise', () => {
    mkdirSync(scratch, { recursive: true });
    const base = pathToFileURL(path.join(scratch, 'pool.js')).href;
    const held = path.join(scratch, 'held.js');
    const bundle = path.join(scratch, 'some-task.bundle.js');
    expect(taskModule(base, './some-task').pathname).toMatch(/\/some-task\.js$/);
    writeFileSync(held, 'export const held = 1;\n');
    writeFileSync(bundle, 'export default () => null;\n');
    // A listed module that is not there (the deployed layout) does not count.
    writeFileSync(path.join(scratch, 'some-task.bundle.inputs.json'), JSON.stringify(['held.js', '../../nowhere/gone.js']));
    const now = Date.now() / 1000;
    utimesSync(held, now - 60, now - 60);
    utimesSync(bundle, now - 30, now - 30);
    expect(taskModule(base, './some-task').pathname).toMatch(/\/some-task\.bundle\.js$/);
    // Compiled again after the bundle was made (`tsc -b` alone): the bundle holds old code.
    utimesSync(held, now, now);
    expect(taskModule(base, './some-task').pathname).toMatch(/\/some-task\.js$/);
  });
});
