import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs an ES module from the repository's sources (tsx), giving its exit code, signal and stdout. */
function runModule(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
}

/**
 * A supervisor that stops a worker it has just started sends SIGTERM while
 * the worker's modules still load, before it listens: it ended with 143. The
 * entry points import early-stop.ts first; the signal is remembered and the
 * stop happens as soon as the process listens.
 */
describe('a stop asked for before a worker listens', () => {
  const dir = tempDir('early-stop');
  afterAll(() => dir.remove());
  const script = (name: string, withEarlyStop: boolean): string => {
    const file = path.join(dir.dir, name);
    // The modules by path: the script lives outside the workspace, where package names do not resolve.
    const runtime = (module: string) => JSON.stringify(path.join(root, 'packages/runtime/src', module));
    writeFileSync(
      file,
      `${withEarlyStop ? `import ${runtime('early-stop.ts')};\n` : ''}` +
        "process.kill(process.pid, 'SIGTERM');\n" +
        'await new Promise((resolve) => setTimeout(resolve, 200));\n' +
        `const { whenStopRequested } = await import(${runtime('shutdown.ts')});\n` +
        'console.log(await whenStopRequested());\n',
    );
    return file;
  };

  it('is remembered, and the process stops as asked when it listens', async () => {
    expect(await runModule(script('early.mjs', true))).toEqual({ code: 0, signal: null, stdout: 'SIGTERM\n' });
  });

  it('ends the process at once without it (the check above can fail)', async () => {
    expect(await runModule(script('plain.mjs', false))).toMatchObject({ signal: 'SIGTERM', stdout: '' });
  });
});
