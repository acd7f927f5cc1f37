import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledModule } from './bundled-module.js';

// Ignored by git.
const scratch = fileURLToPath(new URL('./fixtures/.scratch/bundled-module/', import.meta.url));

describe('bundledModule (what the CLI executable and each task pool load)', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('picks the TypeScript source when its caller runs from the sources', () => {
    expect(bundledModule('file:///repo/services/cli/src/main.ts', './program').href).toBe('file:///repo/services/cli/src/program.ts');
  });

  it('picks the bundle when the build made one and nothing it holds was compiled since, the compiled module otherwise', () => {
    mkdirSync(scratch, { recursive: true });
    const base = pathToFileURL(path.join(scratch, 'main.js')).href;
    const held = path.join(scratch, 'held.js');
    const bundle = path.join(scratch, 'program.bundle.js');
    expect(bundledModule(base, './program').pathname).toMatch(/\/program\.js$/);
    writeFileSync(held, 'export const held = 1;\n');
    writeFileSync(bundle, 'export {};\n');
    // No list of what it holds (a bundle copied alone): not trusted.
    expect(bundledModule(base, './program').pathname).toMatch(/\/program\.js$/);
    // A listed module that is not there (the deployed layout) does not count.
    writeFileSync(path.join(scratch, 'program.bundle.inputs.json'), JSON.stringify(['held.js', '../../nowhere/gone.js']));
    const now = Date.now() / 1000;
    utimesSync(held, now - 60, now - 60);
    utimesSync(bundle, now - 30, now - 30);
    expect(bundledModule(base, './program').pathname).toMatch(/\/program\.bundle\.js$/);
    // Compiled again after the bundle was made (`tsc -b` alone): the bundle holds old code.
    utimesSync(held, now, now);
    expect(bundledModule(base, './program').pathname).toMatch(/\/program\.js$/);
  });
});
